/** @module The goal function contract: what counts as success, and a continuous score that the search maximises. */
import type { Prediction } from './target.js';

export interface Goal {
  readonly name: string;
  /** Why an example is not attacked (already wrong, already the target label), or null to attack it. */
  skipReason(original: Prediction, groundTruth: string): string | null;
  /** Higher is closer to success; in [0, 1]. */
  score(prediction: Prediction, groundTruth: string): number;
  isSuccess(prediction: Prediction, groundTruth: string): boolean;
}
