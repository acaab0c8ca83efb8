/** @module Whether a dataset text can be attacked at all: not blank once invisible characters are dropped. */

/**
 * Whitespace (`\s` covers U+FEFF too) and the zero-width characters that render as nothing: a text made only of
 * these shows as empty, so it is treated as empty rather than attacked.
 */
const VISIBLE = /[^\s\u200B\u200C\u200D\u2060\uFEFF]/u;

export function isBlank(text: string): boolean {
  return !VISIBLE.test(text);
}
