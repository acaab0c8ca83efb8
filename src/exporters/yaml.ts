/**
 * @module YAML documents for exports, written by the `yaml` library with every string double-quoted, so no dataset
 * text can turn into a YAML boolean, number, null, anchor, alias, tag, comment or structure.
 */
import { Document, isScalar, visit, type ToStringOptions } from 'yaml';

export type YamlValue =
  | string
  | number
  | boolean
  | null
  | readonly YamlValue[]
  | { readonly [key: string]: YamlValue | undefined };

// Keys that read as plain identifiers stay unquoted; anything else is double-quoted like a value.
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
// YAML 1.1 (PyYAML, older tools) reads these bare words as booleans or null; never leave one unquoted.
const RESERVED = /^(?:y|yes|n|no|true|false|on|off|null|~)$/i;

/**
 * Strings as JSON string literals (valid YAML double-quoted scalars), each on one line: a line break inside a text
 * stays `\n` instead of being folded into the document. `aliasDuplicateObjects: false` (set on the Document) keeps
 * an object used twice from becoming an anchor and an alias.
 */
const OUTPUT: ToStringOptions = {
  defaultStringType: 'QUOTE_DOUBLE',
  defaultKeyType: 'PLAIN',
  doubleQuotedAsJSON: true,
  lineWidth: 0,
};

/**
 * Characters JSON leaves as they are but a YAML reader must not see raw: DEL, the C1 controls and U+FFFE/U+FFFF are
 * outside YAML's printable set (a conforming reader may refuse the file), NEL and U+2028/U+2029 are line breaks to
 * YAML 1.1 readers such as PyYAML (which would fold them into spaces), and a BOM is invisible. The library writes
 * them raw; they can only occur inside double-quoted scalars (every string is one, plain keys are identifiers,
 * comments are cleaned), so they are escaped in the output.
 */
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

function escapeRaw(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A comment line: provenance is user data, so control characters and line separators become spaces. */
function commentLine(s: string): string {
  return ` ${s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')}`;
}

/** The document for `value` (a map or sequence at top level), after `comment` lines if any, ending with a newline. */
export function toYaml(value: YamlValue, comment: readonly string[] = []): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Pair(_, pair) {
      if (
        isScalar(pair.key) &&
        !(typeof pair.key.value === 'string' && PLAIN_KEY.test(pair.key.value) && !RESERVED.test(pair.key.value))
      ) {
        pair.key.type = 'QUOTE_DOUBLE';
      }
    },
  });
  if (comment.length > 0) doc.commentBefore = comment.map(commentLine).join('\n');
  return doc.toString(OUTPUT).replace(RAW_IN_JSON, escapeRaw);
}
