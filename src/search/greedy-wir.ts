/**
 * @module Greedy search over ranked words (TextAttack's GreedyWordSwapWIR; PWWS with `weighted-saliency`,
 * TextFooler-style with `delete`, DeepWordBug-style with `unk`). Visits words in importance order and keeps the best
 * edit at each word only if it raises the goal score; stops at the first success.
 */
import { bestOf, bestSuccess, type Evaluated, type SearchMethod } from '../core/search.js';
import { boolean, oneOf, resolveOptions } from './options.js';
import { rankWords, rankings, type Ranking } from './word-importance.js';

export interface GreedyWirOptions {
  readonly ranking: Ranking;
  /** Return a success found while ranking instead of re-walking the ranked words (Quiver's query economy). */
  readonly reuseRankingSuccess: boolean;
}

export const greedyWirDefaults: GreedyWirOptions = { ranking: 'weighted-saliency', reuseRankingSuccess: true };

export function greedyWir(options: Partial<GreedyWirOptions> = {}): SearchMethod {
  const opts = resolveOptions('greedy-wir', greedyWirDefaults, options, {
    ranking: oneOf(rankings),
    reuseRankingSuccess: boolean,
  });
  return {
    name: 'greedy-wir',
    async search(ctx) {
      const ranked = await rankWords(ctx, opts.ranking);
      if (opts.reuseRankingSuccess && ranked.success !== undefined) return ranked.success;
      let current: Evaluated = ctx.original;
      for (const id of ranked.order) {
        if (ctx.exhausted()) break;
        const index = current.text.indexOfId(id);
        if (index < 0) continue;
        const results = await ctx.evaluate(ctx.expand(current.text, index));
        const success = bestSuccess(results);
        if (success !== undefined) return success;
        const best = bestOf(results);
        if (best !== undefined && best.score > current.score) current = best;
      }
      return current;
    },
  };
}
