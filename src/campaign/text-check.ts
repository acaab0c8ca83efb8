/**
 * @module Whether a dataset text can be attacked at all: not blank once invisible characters are dropped, and
 * within the word and character caps (a poison pill must be refused at validation, not run a worker out of memory).
 */
import { DEFAULT_MAX_CHARS, DEFAULT_MAX_WORDS } from '../contracts/campaign.js';
import { countWords } from '../core/attack-text.js';

export interface TextLimits {
  readonly maxWords: number;
  readonly maxChars: number;
}

export const defaultTextLimits: TextLimits = { maxWords: DEFAULT_MAX_WORDS, maxChars: DEFAULT_MAX_CHARS };

/**
 * Whitespace (`\s` covers U+FEFF too) and the zero-width characters that render as nothing: a text made only of
 * these shows as empty, so it is treated as empty rather than attacked.
 */
const VISIBLE = /[^\s\u200B-\u200D\u2060\uFEFF]/u;

export function isBlank(text: string): boolean {
  return !VISIBLE.test(text);
}

/** Why the text cannot be attacked, or null. Characters are checked first, so words are only counted in a text of
 * bounded length. */
export function textProblem(text: string, limits: TextLimits): string | null {
  if (isBlank(text)) return 'is empty';
  if (text.length > limits.maxChars) return `has ${text.length} characters, more than --max-chars ${limits.maxChars}`;
  const words = countWords(text);
  if (words > limits.maxWords) return `has ${words} words, more than --max-words ${limits.maxWords}`;
  return null;
}
