/**
 * @module Distances between outputs: promptfoo's `levenshtein` assertion (UTF-16 code units, as fastest-levenshtein
 * counts, threshold 5 by default, and no `not-` form: promptfoo ignores the inversion), and the normalized token
 * edit distance Quiver falls back on as a search signal when an assertion has no margin of its own.
 */
import { sequenceDistance } from '../core/edit-distance.js';
import { clamp01, type Check } from './check.js';

export const DEFAULT_LEVENSHTEIN_THRESHOLD = 5;

/** Passes while the distance is at most the threshold; the margin is distance / (threshold + 1), 1 once it fails. */
export function levenshtein(output: string, expected: string, threshold: number): Check {
  const d = sequenceDistance(output, expected);
  const pass = d <= threshold;
  return {
    pass,
    score: pass ? 1 : 0,
    reason: pass ? 'Assertion passed' : `Levenshtein distance ${d} is greater than threshold ${threshold}`,
    margin: pass ? clamp01(d / (threshold + 1)) : 1,
  };
}

/** Lower-cased words, numbers and single punctuation marks. */
export function outputTokens(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []
  );
}

/** Token edit distance of two outputs divided by the longer one's token count: 0 identical, 1 nothing shared. */
export function outputDistance(a: string, b: string): number {
  const x = outputTokens(a);
  const y = outputTokens(b);
  const longest = Math.max(x.length, y.length);
  return longest === 0 ? 0 : sequenceDistance(x, y) / longest;
}
