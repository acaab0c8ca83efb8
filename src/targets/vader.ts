/** @module `local:vader`: VADER's compound score (vader-sentiment), calibrated to {negative, positive}. */
import type { Prediction, Target } from '../core/target.js';
import { polarityPrediction, sentimentLabels, type Calibration } from './calibrate.js';
import { vaderCompound } from './vader-scores.js';

/**
 * VADER's documented convention is compound >= 0.05 positive, <= -0.05 negative, neutral in between; with two
 * labels, neutral goes to `negative` (as for the other targets), so the threshold sits just below 0.05 and a
 * compound of exactly 0.05 is still positive. On sst2-dev the median non-zero |compound| is 0.49 (p10 0.15,
 * p90 0.81): scale 2.8 maps the median to p ≈ 0.78 and p90 to ≈ 0.88 (maximum-likelihood fit: 1.6).
 */
export const vaderCalibration: Calibration = Object.freeze({ scale: 2.8, bias: 0.05 - 1e-6 });

export function createVaderTarget(): Target {
  // vader-sentiment's scores, computed ~10x faster (vader-scores.ts); the analyzer is stateless.
  return {
    id: 'local:vader',
    labels: sentimentLabels,
    // async, so a model failure reaches the caller as a rejected promise rather than a synchronous throw.
    async predict(texts: readonly string[]): Promise<Prediction[]> {
      const out = new Array<Prediction>(texts.length);
      for (let i = 0; i < texts.length; i++) {
        out[i] = polarityPrediction(vaderCompound(texts[i]!), vaderCalibration);
      }
      return out;
    },
  };
}
