/** @module Max-perturb-ratio constraint: the edits' total cost stays within a share of the original word count. */
import type { Constraint } from '../core/constraint.js';
import { ConfigError } from '../core/errors.js';

/**
 * Budget in cost units for an original text of `words` words: ceil(ratio × words), but at least 1, as TextAttack's
 * MaxModificationRate does, so a short text can still take one single-word edit (ratio 0.25, 3 words: budget 1; a
 * reorder costs 2 and is rejected there). The epsilon keeps float noise from rounding up (0.1 × 30 =
 * 3.0000000000000004).
 */
export function perturbBudget(ratio: number, words: number): number {
  return Math.max(Math.ceil(ratio * words - 1e-9), 1);
}

export function maxPerturbRatioConstraint(ratio: number): Constraint {
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new ConfigError(`max-perturb-ratio: ratio must be a number in [0, 1], got ${ratio}`);
  }
  return {
    name: 'max-perturb-ratio',
    // Every edit costs at least 1, so a text already at its budget has no valid next edit anywhere.
    allowsIndex(text, _index, ctx) {
      return text.cost < perturbBudget(ratio, ctx.original.originalWordCount);
    },
    allowsCandidate(candidate, _parent, ctx) {
      return candidate.cost <= perturbBudget(ratio, ctx.original.originalWordCount);
    },
  };
}
