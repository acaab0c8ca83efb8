/**
 * @module Is a replacement (already inflected) a real, reasonably common word form? WordNet lists rare lemmas
 * ("extolment", "faineant", "contrabandist") and the inflector can produce forms nobody writes ("appealingnesses",
 * "fulfiling"); people reading the text would stumble on either. The SUBTLEX-US list (subtitles, 51M words) decides.
 */
import { zipf } from './word-frequency.js';

export interface WordFormOptions {
  /** The replacement's Zipf frequency must reach this (2 = about 5 uses in SUBTLEX-US); absent words fail. */
  readonly minZipf: number;
  /**
   * ...and may be at most this much rarer than the original ("fun" 5.4 -> "merriment" 2.4 fails at 2). Originals
   * the list lacks only need `minZipf`.
   */
  readonly maxZipfDrop: number;
}

export const DEFAULT_WORD_FORM: WordFormOptions = { minZipf: 2, maxZipfDrop: 2 };

export function isCommonWordForm(
  replacement: string,
  original: string,
  opts: WordFormOptions = DEFAULT_WORD_FORM,
): boolean {
  const z = zipf(replacement);
  if (z === null || z < opts.minZipf) return false;
  const base = zipf(original);
  return base === null || base - z <= opts.maxZipfDrop;
}
