/**
 * @module The surrogate as a search uses it: loaded on first use (once per file and process), one scorer per
 * example, and an account of what it cost. Its answers are not target queries, but they are not free either: the
 * search comparison reports the training time, the texts scored and the scoring time.
 */
import type { AttackText } from '../../core/attack-text.js';
import type { SearchContext } from '../../core/search.js';
import { loadPrior, type PriorSource } from './load-prior.js';
import type { EditScorer, WordPrior } from './word-prior.js';

export interface PriorCost {
  readonly trainMs: number;
  /** Candidate texts the surrogate scored. */
  readonly texts: number;
  readonly scoreMs: number;
}

export class SearchPrior {
  private loaded: { prior: WordPrior; trainMs: number } | undefined;
  private texts = 0;
  private scoreMs = 0;

  constructor(private readonly source: PriorSource) {}

  /** A scorer for this example's edits (timed and counted), or undefined when the surrogate never saw its label. */
  scorer(ctx: SearchContext): EditScorer | undefined {
    this.loaded ??= loadPrior(this.source);
    const prior = this.loaded.prior;
    const scorer = this.timed(() => prior.scorer(ctx.original.text, ctx.original.prediction.label))();
    if (scorer === undefined) return undefined;
    return {
      gain: this.timed((c: AttackText) => {
        this.texts++;
        return scorer.gain(c);
      }),
      view: this.timed((t: AttackText) => scorer.view(t)),
    };
  }

  cost(): PriorCost {
    return { trainMs: this.loaded?.trainMs ?? 0, texts: this.texts, scoreMs: this.scoreMs };
  }

  private timed<A extends unknown[], R>(f: (...a: A) => R): (...a: A) => R {
    return (...a) => {
      const started = performance.now();
      try {
        return f(...a);
      } finally {
        this.scoreMs += performance.now() - started;
      }
    };
  }
}
