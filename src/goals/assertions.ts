/**
 * @module Assertion goal: success when a test that passed on the original output fails on the perturbed one. The
 * target is a checked target (src/suite/checked-target.ts): its predictions are the test's verdict, `pass` or `fail`,
 * with the margin of the assertion closest to failing as the probability of `fail`, the output, and the assertion
 * that failed. A test whose original output already fails is skipped, naming that assertion.
 */
import type { Goal } from '../core/goal.js';
import type { Prediction } from '../core/target.js';

export const PASS = 'pass';
export const FAIL = 'fail';

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function assertionGoal(): Goal {
  return {
    name: 'assertions',
    skipReason: (original: Prediction) => {
      if (original.label === PASS) return null;
      const f = original.failed;
      const which =
        f === undefined || f === null
          ? 'the test (its weighted score is below its threshold)'
          : `${f.where} (${f.type})`;
      return (
        `${which} fails on the original output ${JSON.stringify(clip(original.output ?? original.label))}: ` +
        `${f?.reason ?? 'below threshold'}`
      );
    },
    score: (p) => p.scores[FAIL] ?? 0,
    isSuccess: (p) => p.label === FAIL,
  };
}
