/**
 * @module A deterministic lexicon classifier for engine tests: it makes search outcomes easy to reason about by hand
 * and records every text it was sent. Real models are tested in src/targets and end to end.
 */
import { predictionFrom, type Prediction, type Target } from '../core/target.js';

export const keywordLexicon: Readonly<Record<string, number>> = {
  great: 2,
  good: 1,
  fine: 0.5,
  lovely: 2,
  tasty: 1,
  bad: -1,
  terrible: -2,
  slow: -1,
  cold: -1,
  rude: -1.5,
};

export class KeywordTarget implements Target {
  readonly id = 'test:keyword';
  readonly labels = ['negative', 'positive'] as const;
  readonly sent: string[] = [];
  calls = 0;

  constructor(private readonly lexicon: Readonly<Record<string, number>> = keywordLexicon) {}

  async predict(texts: readonly string[]): Promise<Prediction[]> {
    this.calls++;
    this.sent.push(...texts);
    return texts.map((t) => {
      let s = 0;
      for (const w of t.toLowerCase().match(/[a-z]+/g) ?? []) s += this.lexicon[w] ?? 0;
      const p = 1 / (1 + Math.exp(-2 * s - 0.1)); // a text with no lexicon words leans positive
      return predictionFrom(this.labels, { negative: 1 - p, positive: p });
    });
  }
}
