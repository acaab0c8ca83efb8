/** @module Untargeted classification: success when the predicted label leaves the ground truth. */
import type { Goal } from '../core/goal.js';

export function untargetedGoal(): Goal {
  return {
    name: 'untargeted',
    skipReason: (original, groundTruth) =>
      original.label === groundTruth ? null : `already misclassified as "${original.label}"`,
    score: (p, groundTruth) => 1 - (p.scores[groundTruth] ?? 0),
    isSuccess: (p, groundTruth) => p.label !== groundTruth,
  };
}
