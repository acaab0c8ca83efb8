/**
 * @module A test's verdict from its assertions' outcomes, as promptfoo 0.115 combines them: every assertion must
 * pass, unless the test sets a (non-zero) `threshold`, when the weight-averaged score must reach it instead.
 */
import type { AssertionOutcome } from './types.js';

export interface WeightedOutcome {
  readonly outcome: AssertionOutcome;
  /** The assertion's `weight` (1 when unset). */
  readonly weight: number;
}

export function testPasses(outcomes: readonly WeightedOutcome[], threshold: number | undefined): boolean {
  if (outcomes.length === 0) return true;
  if (!threshold) return outcomes.every((o) => o.outcome.pass);
  const weight = outcomes.reduce((s, o) => s + o.weight, 0);
  const score = weight === 0 ? 0 : outcomes.reduce((s, o) => s + o.outcome.score * o.weight, 0) / weight;
  return score >= threshold;
}
