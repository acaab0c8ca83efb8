/**
 * @module Escaping for the text formats exporters write: CSV (RFC 4180, by csv-stringify) and XML 1.0 text and
 * attributes.
 */
import { stringify, type Options as StringifyOptions } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null;

/**
 * RFC 4180 quoting by csv-stringify: a field is quoted (quotes doubled) when it holds a comma, quote or line break,
 * or starts or ends with whitespace. `escape_formulas` puts a `'` before a text cell a spreadsheet would run as a
 * formula (OWASP's CSV injection triggers `=`, `+`, `-`, `@`, tab, carriage return, and their full-width forms), so
 * Excel, LibreOffice and Google Sheets show it as text; numbers and booleans are written as they are. The library
 * tests `quoted_match` before adding that `'`, so a leading tab or carriage return is left out of it: the `'` then
 * leads the cell (a carriage return gets the cell quoted anyway, as a line break).
 */
const CSV_OPTIONS: StringifyOptions = {
  escape_formulas: true,
  quoted_match: /^[^\S\t\r]|\s$/,
  cast: { boolean: (value) => String(value) },
};

/** The CSV text of `rows`, each ending with a line break. */
export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  return stringify([...rows], CSV_OPTIONS);
}

/**
 * Text safe in XML 1.0 element content and in double- or single-quoted attributes. Tabs and line breaks become
 * character references (attribute values would otherwise be normalized to spaces); characters XML 1.0 cannot hold
 * at all (C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD.
 */
export function escapeXml(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += ch + value[i + 1]!;
        i++;
      } else out += '\uFFFD';
      continue;
    }
    switch (ch) {
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      case '"':
        out += '&quot;';
        break;
      case "'":
        out += '&apos;';
        break;
      case '\t':
        out += '&#9;';
        break;
      case '\n':
        out += '&#10;';
        break;
      case '\r':
        out += '&#13;';
        break;
      default:
        out += c < 0x20 || (c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff ? '\uFFFD' : ch;
    }
  }
  return out;
}
