/** @module Targeted classification: success when the model predicts one chosen label. */
import type { Goal } from '../core/goal.js';

export function targetedGoal(targetLabel: string): Goal {
  return {
    name: 'targeted',
    skipReason: (original, groundTruth) => {
      // An example whose true label is the target has nothing to flip towards.
      if (groundTruth === targetLabel) return `ground truth is already the target label "${targetLabel}"`;
      if (original.label === targetLabel) return `already predicted as the target label "${targetLabel}"`;
      return null;
    },
    score: (p) => p.scores[targetLabel] ?? 0,
    isSuccess: (p) => p.label === targetLabel,
  };
}
