/** @module `local:afinn`: natural's AFINN-165 SentimentAnalyzer (no stemmer), calibrated to {negative, positive}. */
// Deep imports only: the package root loads database drivers, prints to stdout and reads ./.env.
import { SentimentAnalyzer } from 'natural/lib/natural/sentiment/index.js';
import { WordTokenizer } from 'natural/lib/natural/tokenizers/index.js';
import type { Prediction, Target } from '../core/target.js';
import { polarityPrediction, sentimentLabels, type Calibration } from './calibrate.js';

/**
 * The score is the mean AFINN value (-5..5) per token, so it is small: on sst2-dev the median non-zero |score| is
 * 0.147 (p10 0.05, p90 0.46, max 3). Scale 9.5 maps the median to p ≈ 0.80 and p90 to ≈ 0.99 (maximum-likelihood
 * fit: 4.1). The smallest non-zero |score| seen is 0.023, far above the 1e-6 bias that sends zeros to `negative`.
 */
export const afinnCalibration: Calibration = Object.freeze({ scale: 9.5, bias: 1e-6 });

export function createAfinnTarget(): Target {
  // No stemmer: Porter makes it ~9x slower and loses lexicon hits (notes/dependencies.md §7).
  const analyzer = new SentimentAnalyzer('English', undefined, 'afinn');
  const tokenizer = new WordTokenizer();
  return {
    id: 'local:afinn',
    labels: sentimentLabels,
    // async, so a model failure reaches the caller as a rejected promise rather than a synchronous throw.
    async predict(texts: readonly string[]): Promise<Prediction[]> {
      const out = new Array<Prediction>(texts.length);
      for (let i = 0; i < texts.length; i++) {
        const words = tokenizer.tokenize(texts[i]!);
        // getSentiment divides by the token count, so a text with no word tokens would score NaN.
        const score = words.length === 0 ? 0 : analyzer.getSentiment(words);
        out[i] = polarityPrediction(score, afinnCalibration);
      }
      return out;
    },
  };
}
