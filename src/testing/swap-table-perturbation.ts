/** @module A table-driven word swap for engine tests: candidates are fixed, so expected search results are known. */
import type { Perturbation } from '../core/perturbation.js';

export function swapTable(table: Readonly<Record<string, readonly string[]>>, family = 'synonym'): Perturbation {
  return {
    family,
    granularity: 'word',
    candidates(text, index) {
      const w = text.word(index);
      return (table[w.toLowerCase()] ?? []).map((to) => text.replaceWord(index, to, family));
    },
  };
}
