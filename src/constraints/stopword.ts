/** @module Stopword constraint: stopwords of the original text are never edited (moving them by reordering is fine). */
import type { AttackText } from '../core/attack-text.js';
import type { Constraint } from '../core/constraint.js';
import { isStopword } from '../nlp/stopwords.js';

export function stopwordConstraint(): Constraint {
  // Which original words are stopwords, worked out once per example: the checks run for every position of every
  // candidate text.
  const flags = new WeakMap<AttackText, readonly boolean[]>();
  const stopwordFlags = (original: AttackText): readonly boolean[] => {
    let f = flags.get(original);
    if (f === undefined) {
      f = original.words.map((w) => isStopword(w));
      flags.set(original, f);
    }
    return f;
  };
  return {
    name: 'stopword',
    allowsIndex(text, index, ctx, mode) {
      if (mode === 'move') return true;
      const id = text.ids[index];
      if (id === undefined) return false;
      // Inserted words have no original spelling; judge them as they stand.
      return !(id < ctx.original.originalWordCount ? stopwordFlags(ctx.original)[id]! : isStopword(text.word(index)));
    },
    allowsCandidate(candidate, _parent, ctx) {
      // Only content changes count: a reorder moves words without changing them (its `changed` is empty).
      const f = stopwordFlags(ctx.original);
      for (const id of candidate.lastEdit?.changed ?? [])
        if (id < ctx.original.originalWordCount && f[id]) return false;
      return true;
    },
  };
}
