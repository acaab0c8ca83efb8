/** @module `local:wink`: wink-nlp's document sentiment, calibrated to {negative, positive}. */
import type { Prediction, Target } from '../core/target.js';
import { winkSentiment } from '../nlp/wink.js';
import { polarityPrediction, sentimentLabels, type Calibration } from './calibrate.js';

/**
 * Scores lie in [-1, 1]; 0 is wink's own neutral point. On sst2-dev the median non-zero |score| is 0.40
 * (p10 0.09, p90 0.66), so scale 3.5 maps the median to p ≈ 0.80 and p90 to ≈ 0.91 (maximum-likelihood fit: 2.3).
 * The 1e-6 bias sends exact zeros and float residue to `negative` (see calibrate.ts).
 */
export const winkCalibration: Calibration = Object.freeze({ scale: 3.5, bias: 1e-6 });

export function createWinkTarget(): Target {
  const nlp = winkSentiment();
  const sentiment = nlp.its.sentiment;
  return {
    id: 'local:wink',
    labels: sentimentLabels,
    // async, so a model failure reaches the caller as a rejected promise rather than a synchronous throw.
    async predict(texts: readonly string[]): Promise<Prediction[]> {
      const out = new Array<Prediction>(texts.length);
      for (let i = 0; i < texts.length; i++) {
        out[i] = polarityPrediction(nlp.readDoc(texts[i]!).out(sentiment) as number, winkCalibration);
      }
      return out;
    },
  };
}
