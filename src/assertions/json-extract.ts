/**
 * @module How promptfoo 0.115's `contains-json` finds JSON inside text (`extractJsonObjects` in its util/json),
 * ported step for step: from each `{`, grow the slice until its braces balance (or the text ends, when the missing
 * `}` are appended), turn `//` comments outside strings into `#`, and parse the slice as YAML in JSON mode. So
 * `{name: Bob}` counts as an object, a truncated `{"a": {"b": 1` is completed, a parsed object's slice is skipped
 * as a whole, and arrays or scalars at the top level are never found. promptfoo parses with js-yaml; this uses the
 * `yaml` library with the options that agree with it (core schema plus timestamps, duplicate keys allowed).
 */
import { parseDocument } from 'yaml';

const MAX_JSON_LENGTH = 100_000;

/** Maps become objects whose keys are `String(key)`, as js-yaml builds them (a null key is "null"). */
function plain(value: unknown): unknown {
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(plain(k))] = plain(v);
    return out;
  }
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/** Throws on any YAML error; warnings (which js-yaml does not have) are ignored without being printed. */
function parseYamlJson(text: string): unknown {
  const doc = parseDocument(text, { schema: 'core', customTags: ['timestamp'], uniqueKeys: false, logLevel: 'silent' });
  if (doc.errors.length > 0) throw doc.errors[0]!;
  return plain(doc.toJS({ mapAsMap: true }));
}

/** promptfoo's `convertSlashCommentsToHash`: `//` (and `////`...) outside quotes become `#` (one per two slashes). */
export function slashCommentsToHash(str: string): string {
  return str
    .split('\n')
    .map((line) => {
      let state: 'normal' | 'single' | 'double' = 'normal';
      let result = '';
      for (let i = 0; i < line.length; i++) {
        const char = line[i]!;
        const next = line[i + 1] ?? '';
        const prev = i > 0 ? line[i - 1]! : '';
        if (state === 'normal') {
          if (char === "'" && !/[a-zA-Z]/.test(prev)) state = 'single';
          else if (char === '"') state = 'double';
          else if (char === '/' && next === '/') {
            let slashes = 2;
            while (i + slashes < line.length && line[i + slashes] === '/') slashes++;
            return result + '#'.repeat(Math.floor(slashes / 2)) + line.slice(i + slashes);
          }
          result += char;
        } else if (state === 'single') {
          result += char;
          if (char === "'" && prev !== '\\' && !/[a-zA-Z]/.test(next)) state = 'normal';
        } else {
          result += char;
          if (char === '"' && prev !== '\\') state = 'normal';
        }
      }
      return result;
    })
    .join('\n');
}

/** Every JSON (or YAML flow) object found in `str`, left to right. */
export function extractJsonObjects(str: string): object[] {
  const found: object[] = [];
  for (let i = 0; i < str.length; i++) {
    if (str[i] !== '{') continue;
    let open = 1;
    let close = 0;
    let j = i + 1;
    while (j < Math.min(i + MAX_JSON_LENGTH, str.length) && open > close) {
      if (str[j] === '{') open++;
      if (str[j] === '}') close++;
      j++;
      if (open === close || j === str.length || j === i + MAX_JSON_LENGTH) {
        let parsed: unknown;
        try {
          const slice = str.slice(i, j) + (open > close ? '}'.repeat(open - close) : '');
          parsed = parseYamlJson(slashCommentsToHash(slice));
        } catch {
          if (open === close) break;
          continue;
        }
        if (typeof parsed === 'object' && parsed !== null) {
          found.push(parsed);
          i = j - 1;
          break;
        }
      }
    }
  }
  return found;
}
