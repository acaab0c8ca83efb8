/** @module Repeat-modification constraint: a word is edited (changed or moved) at most once. */
import type { AttackText } from '../core/attack-text.js';
import type { Constraint } from '../core/constraint.js';

export function repeatModificationConstraint(): Constraint {
  // Many candidates share one parent, and lockedIds() rebuilds its set on every call.
  const cache = new WeakMap<AttackText, ReadonlySet<number>>();
  const locked = (text: AttackText): ReadonlySet<number> => {
    let s = cache.get(text);
    if (s === undefined) {
      s = text.lockedIds();
      cache.set(text, s);
    }
    return s;
  };
  return {
    name: 'repeat-modification',
    allowsIndex(text, index) {
      const id = text.ids[index];
      return id !== undefined && !locked(text).has(id);
    },
    allowsCandidate(candidate, parent) {
      const last = candidate.lastEdit;
      if (last === undefined) return true;
      const before = locked(parent);
      return !last.changed.some((id) => before.has(id)) && !last.moved.some((id) => before.has(id));
    },
  };
}
