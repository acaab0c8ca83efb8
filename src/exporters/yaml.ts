/**
 * @module A tiny, safe YAML emitter for plain data: block maps and sequences, every string double-quoted and escaped,
 * so no dataset text can turn into a YAML boolean, number, anchor, tag, comment or structure.
 */

export type YamlValue =
  | string
  | number
  | boolean
  | null
  | readonly YamlValue[]
  | { readonly [key: string]: YamlValue | undefined };

/** The document for `value` (a map or sequence at top level), ending with a newline. */
export function toYaml(value: YamlValue): string {
  return emit(value, 0).join('\n') + '\n';
}

// Keys that read as plain identifiers stay unquoted; anything else is quoted like a value.
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
// YAML 1.1 reads these bare words as booleans or null; never leave one unquoted.
const RESERVED = /^(?:y|yes|n|no|true|false|on|off|null|~)$/i;

function key(k: string): string {
  return PLAIN_KEY.test(k) && !RESERVED.test(k) ? k : quote(k);
}

function emit(value: YamlValue, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad}[]`];
    const lines: string[] = [];
    for (const item of value as readonly YamlValue[]) {
      if (isCollection(item) && !isEmpty(item)) {
        const inner = emit(item, indent + 2);
        lines.push(`${pad}- ${inner[0]!.slice(indent + 2)}`);
        append(lines, inner, 1);
      } else {
        lines.push(`${pad}- ${scalar(item)}`);
      }
    }
    return lines;
  }
  if (isMap(value)) {
    const entries = Object.entries(value).filter((e): e is [string, YamlValue] => e[1] !== undefined);
    if (entries.length === 0) return [`${pad}{}`];
    const lines: string[] = [];
    for (const [k, v] of entries) {
      if (isCollection(v) && !isEmpty(v)) {
        lines.push(`${pad}${key(k)}:`);
        append(lines, emit(v, indent + 2), 0);
      } else {
        lines.push(`${pad}${key(k)}: ${scalar(v)}`);
      }
    }
    return lines;
  }
  return [`${pad}${scalar(value)}`];
}

/**
 * Appends `from[start..]` one by one: `push(...lines)` passes every line as an argument on the stack, which overflowed
 * at about 4,700 promptfoo cases (~90,000 lines).
 */
function append(lines: string[], from: readonly string[], start: number): void {
  for (let i = start; i < from.length; i++) lines.push(from[i]!);
}

function isMap(v: YamlValue): v is { readonly [key: string]: YamlValue | undefined } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCollection(v: YamlValue): boolean {
  return typeof v === 'object' && v !== null;
}

function isEmpty(v: YamlValue): boolean {
  return Array.isArray(v) ? v.length === 0 : isMap(v) && Object.values(v).every((x) => x === undefined);
}

function scalar(v: YamlValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return '.nan';
    if (!Number.isFinite(v)) return v > 0 ? '.inf' : '-.inf';
    return String(v);
  }
  if (typeof v === 'string') return quote(v);
  return Array.isArray(v) ? '[]' : '{}';
}

const NAMED: Readonly<Record<number, string>> = {
  0x00: '\\0', 0x07: '\\a', 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0b: '\\v', 0x0c: '\\f', 0x0d: '\\r', 0x1b: '\\e',
  0x22: '\\"', 0x5c: '\\\\', 0x85: '\\N', 0x2028: '\\L', 0x2029: '\\P',
};

/**
 * A YAML double-quoted scalar. Escaped: quote and backslash, every C0/C1 control and DEL, the Unicode line and
 * paragraph separators (YAML line breaks), the BOM and the non-characters U+FFFE/U+FFFF. A lone surrogate cannot
 * be written in YAML at all and becomes U+FFFD.
 */
export function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
      } else out += '\\uFFFD';
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      out += '\\uFFFD';
      continue;
    }
    const named = NAMED[c];
    if (named !== undefined) out += named;
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (c === 0xfeff || c === 0xfffe || c === 0xffff) out += `\\u${c.toString(16).toUpperCase()}`;
    else out += s[i];
  }
  return out + '"';
}
