/** @module Escaping for the text formats exporters write: CSV fields (RFC 4180) and XML 1.0 text and attributes. */

/**
 * A cell a spreadsheet would run as a formula (OWASP's CSV injection triggers: `=`, `+`, `-`, `@`, tab, carriage
 * return at its start).
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/**
 * A CSV field: quoted (quotes doubled) when it holds a comma, quote, line break or edge whitespace. A text cell that
 * starts with a formula trigger gets a leading `'`, as OWASP recommends, so that Excel, LibreOffice and Google Sheets
 * show it as text instead of evaluating it; numbers and booleans are written as they are.
 */
export function csvField(value: string | number | boolean | null): string {
  const raw = value === null ? '' : String(value);
  const s = typeof value === 'string' && FORMULA_TRIGGER.test(value) ? `'${raw}` : raw;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: readonly (string | number | boolean | null)[]): string {
  return values.map(csvField).join(',');
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
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '"': out += '&quot;'; break;
      case "'": out += '&apos;'; break;
      case '\t': out += '&#9;'; break;
      case '\n': out += '&#10;'; break;
      case '\r': out += '&#13;'; break;
      default:
        out += c < 0x20 || (c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff ? '\uFFFD' : ch;
    }
  }
  return out;
}
