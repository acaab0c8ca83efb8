/** @module Stopword constraint: stopwords of the original text are never edited (moving them by reordering is fine). */
import type { AttackText } from '../core/attack-text.js';
import type { Constraint } from '../core/constraint.js';
import { isStopword } from '../nlp/stopwords.js';

export function stopwordConstraint(): Constraint {
  return {
    name: 'stopword',
    allowsIndex(text, index, ctx, mode) {
      if (mode === 'move') return true;
      const id = text.ids[index];
      return id !== undefined && !isStopword(originalWord(ctx.original, id) ?? text.word(index));
    },
    allowsCandidate(candidate, _parent, ctx) {
      // Only content changes count: a reorder moves words without changing them (its `changed` is empty).
      for (const id of candidate.lastEdit?.changed ?? []) {
        const word = originalWord(ctx.original, id);
        if (word !== undefined && isStopword(word)) return false;
      }
      return true;
    },
  };
}

/** The original spelling of word `id`; undefined for inserted words, which have none. */
function originalWord(original: AttackText, id: number): string | undefined {
  return id < original.originalWordCount ? original.words[id] : undefined;
}
