/** @module Constraint registry (kebab-case name -> factory) and the default constraint set. */
import type { Constraint } from '../core/constraint.js';
import { maxPerturbRatioConstraint } from './max-perturb-ratio.js';
import { protectedSpansConstraint } from './protected-spans.js';
import { repeatModificationConstraint } from './repeat-modification.js';
import { stopwordConstraint } from './stopword.js';

export { maxPerturbRatioConstraint, perturbBudget } from './max-perturb-ratio.js';
export { protectedSpansConstraint } from './protected-spans.js';
export { repeatModificationConstraint } from './repeat-modification.js';
export { stopwordConstraint } from './stopword.js';
export { isStopword, NLTK_ENGLISH_STOPWORDS } from '../nlp/stopwords.js';

export const Constraints = {
  'repeat-modification': repeatModificationConstraint,
  'max-perturb-ratio': maxPerturbRatioConstraint,
  stopword: stopwordConstraint,
  'protected-spans': protectedSpansConstraint,
} as const satisfies Record<string, (...args: never[]) => Constraint>;

export type ConstraintName = keyof typeof Constraints;

/** Each registered factory's arguments, by name. */
export type ConstraintArgs = { [K in ConstraintName]: Parameters<(typeof Constraints)[K]> };

/**
 * Repeat, ratio, stopword and protection, cheapest first: a cached set lookup, a sum over a few edits, a lower-cased
 * lookup, then the span check (whose first call per text runs the regexes). Protection is left out when there is
 * nothing to protect.
 */
export function defaultConstraints(opts: { maxPerturbRatio: number; protect: readonly RegExp[] }): Constraint[] {
  const out = [repeatModificationConstraint(), maxPerturbRatioConstraint(opts.maxPerturbRatio), stopwordConstraint()];
  if (opts.protect.length > 0) out.push(protectedSpansConstraint(opts.protect));
  return out;
}
