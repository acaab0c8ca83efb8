/**
 * @module Scope constraint for prompt + example inputs: only words of the allowed part(s) are edited or moved,
 * nothing is inserted into a part outside the scope, and a reorder never mixes prompt words with example words.
 */
import type { Constraint } from '../core/constraint.js';
import { allowsPart, type InputPart, type InputScope } from './input.js';

export function scopeConstraint(parts: readonly InputPart[], scope: InputScope): Constraint {
  const n = parts.length;
  const ok = (id: number) => id >= n || allowsPart(scope, parts[id]!);
  return {
    name: 'scope',
    allowsIndex: (text, index) => ok(text.ids[index]!),
    allowsCandidate(candidate) {
      const last = candidate.lastEdit;
      if (last === undefined) return true;
      if (![...last.changed, ...last.moved].every(ok)) return false;
      if (new Set(last.moved.filter((id) => id < n).map((id) => parts[id])).size > 1) return false;
      // An insertion is judged by the original word it precedes.
      return last.op.kind !== 'insert' || last.edit.position >= n || ok(last.edit.position);
    },
  };
}
