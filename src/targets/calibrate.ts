/** @module Turns a lexicon model's real-valued polarity score into a two-label sentiment prediction. */
import { predictionFrom, type Prediction } from '../core/target.js';

/** Label order matters: predictionFrom gives exact ties to the first label. */
export const sentimentLabels: readonly string[] = Object.freeze(['negative', 'positive']);

/**
 * p(positive) = 1 / (1 + exp(-scale * (score - bias))).
 *
 * Why a logistic and not a hard threshold: the search ranks candidates by how far they move the target's
 * confidence, so it needs a continuous, strictly monotone objective; a 0/1 output gives it no gradient to follow.
 *
 * `bias` is the score at which the decision flips, placed where the model's own convention puts it, and always a
 * hair above that point so a text with no sentiment words (score exactly 0, or float residue such as 3.7e-17 from
 * wink) is labelled `negative` by a real margin rather than by a 0.5/0.5 tie. Negative was chosen because on
 * sst2-dev most zero-score texts are negative (wink 85 of 119, afinn 125 of 205, vader 86 of 142).
 *
 * `scale` is chosen per model from its score distribution on sst2-dev: the median non-zero |score| maps to
 * p ≈ 0.8, so typical opinions land in 0.6–0.95 instead of saturating at 0 or 1 (see each target for the numbers).
 */
export interface Calibration {
  readonly scale: number;
  readonly bias: number;
}

/** Probabilities for `negative`/`positive`; they sum to 1. Throws on a non-finite score (a model failure). */
export function polarityProbabilities(score: number, calibration: Calibration): Record<string, number> {
  if (!Number.isFinite(score)) throw new Error(`sentiment score is not a finite number: ${String(score)}`);
  const positive = 1 / (1 + Math.exp(-calibration.scale * (score - calibration.bias)));
  return { negative: 1 - positive, positive };
}

/** The calibrated prediction for one polarity score; the label is the argmax. */
export function polarityPrediction(score: number, calibration: Calibration): Prediction {
  return predictionFrom(sentimentLabels, polarityProbabilities(score, calibration));
}
