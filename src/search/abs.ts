/**
 * @module Adaptive beam search with backtracking (ABS; Xiao et al., "Assessing the Robustness of LLM-based NLP
 * Software via Automated Testing", arXiv 2412.21016). Words are visited in importance order; each step expands every
 * beam member at the current word; the beam width adapts to the share of hypotheses that improved (Eq. 5:
 * b = floor(b_min + (b_max - b_min) * P_s / P_max)); the best case seen so far replaces the weakest beam member when it
 * is better (backtracking); the search returns as soon as a candidate succeeds.
 *
 * Three ways to run it:
 * - Quiver's defaults, tuned for queries (experiments/results/search-comparison.md). First the one-edit sweep
 *   (`ranking: 'sweep'`, sweep-first.ts): every candidate one edit away is asked about before any composite, one per
 *   class of interchangeable candidates (the typos of a word; `interchangeable`), ordered by an optional surrogate
 *   trained on the campaign's dataset (`prior`); a one-edit flip ends the search as one edit. Where the target
 *   answers like a dense, additive model, an additive forecast of the composites ends a hopeless example or asks
 *   straight for the fewest edits forecast to flip (`forecast`, dense-target.ts). What is left goes to the beam, words
 *   ranked by their best measured edit, with a width of 1 (greedy: a wider beam found no extra flip on any cell of
 *   the comparison, and cost more queries; `beamWidth` widens it): beam members compete with their children
 *   (`keepParents`, so an edit that does not help is not taken) and only each member's best child enters
 *   (`bestChildOnly`); members are expanded best first, one batch each, stopping at the first success or improvement
 *   (`lazy: 'improvement'`); at a word whose best edit does not help, only the best member with candidates there is
 *   expanded (`headOnlyUnimportant`); a text close to flipping has every typo variant tried (lead.ts); where the target
 *   is not additive, a second pass revisits the words. Eq. 5 and backtracking are unchanged.
 *   `ranking: 'delete', interchangeable: [], beamWidth: 6` is the previous default (leave-one-out deletion ranking,
 *   every candidate asked about, a beam of 6).
 * - `paperIntent: true`: Algorithm 1 as the paper intends, with the released code's weighted-saliency ranking.
 * - `paperFaithful: true`: the code as released (lumos-xiao/ABS), quirks (a)-(g) of ../shared notes §2.3; or pick
 *   quirks one by one with `quirks: ['a', ...]`:
 *   (a) P_s compares the j-th candidate with the j-th beam member's score, over |candidates|;
 *   (b) P_s counts candidates whose score went down;
 *   (c) P_max and the beam width live on the search object and carry over to the next example it attacks. Quiver
 *       builds one search object per worker thread, so the state leaks across the examples of a worker, in the order
 *       it attacks them: with `--workers 1` that is dataset order, exactly as the released (non-parallel) run; with
 *       more workers it depends on scheduling, so results are reproducible only with one worker;
 *   (d) only the best-scoring candidate of a batch is checked for success;
 *   (e) a failed search returns the last batch's best instead of the best case seen;
 *   (f) a word with no candidates ends the search instead of being skipped;
 *   (g) no reuse of what the ranking learnt (its success is not returned; it probes every modifiable word). The
 *       released code also has no cache and may softmax scores twice: Quiver always caches (report `queries`, the
 *       requested count, to compare with the paper's Q-N), and targets return distributions that sum to 1, on which
 *       TextAttack's second softmax is a no-op.
 */
import { bestOf, bestSuccess, byScoreDesc, type Evaluated, type SearchMethod } from '../core/search.js';
import { resolveAbsOptions, type AbsOptions } from './abs-options.js';
import {
  batchStep,
  bestChildPerParent,
  byScoreThenCost,
  firstExpandable,
  lazyStep,
  successShare,
  topIfSuccess,
} from './abs-steps.js';
import { sweepFirst } from './sweep-first.js';
import { SearchPrior, type PriorCost } from './surrogate/search-prior.js';
import { rankWords, type RankResult } from './word-importance.js';

export {
  absDefaults,
  absQuirks,
  absRankings,
  resolveAbsOptions,
  type AbsOptions,
  type AbsQuirk,
  type AbsRanking,
} from './abs-options.js';

/** Per-object state: reset per example unless quirk (c) makes it leak, as in the released code. */
interface AdaptiveState {
  pMax: number;
  width: number;
}

export interface AbsSearch extends SearchMethod {
  /** What the surrogate prior cost in this process; null when no prior is configured. */
  priorCost(): PriorCost | null;
}

export function abs(options: Partial<AbsOptions> | Readonly<Record<string, unknown>> = {}): AbsSearch {
  const opts = resolveAbsOptions(options);
  const prior = opts.prior === null ? undefined : new SearchPrior(opts.prior);
  const q = new Set(opts.quirks);
  const interchangeable: ReadonlySet<string> = new Set(opts.interchangeable);
  const leaked: AdaptiveState = { pMax: 1, width: opts.beamWidth }; // 1.0: the released code's "unset" sentinel
  return {
    name: 'abs',
    priorCost: () => prior?.cost() ?? null,
    async search(ctx) {
      const state: AdaptiveState = q.has('c')
        ? leaked
        : { pMax: q.has('a') || q.has('b') ? 1 : 0, width: opts.beamWidth };
      let ranked: RankResult;
      let passes = 1;
      if (opts.ranking === 'sweep') {
        const first = await sweepFirst(ctx, { interchangeable, forecast: opts.forecast, prior });
        if ('found' in first) return first.found;
        ranked = first.ranked;
        // A second pass over the words, from the beam the first left, where the target is not additive (few of its
        // words move the score alone): an edit taken late can make a word visited early matter.
        passes = first.dense ? 1 : 2;
      } else {
        ranked = await rankWords(ctx, opts.ranking, { probeAll: q.has('g'), probeOnlyChanged: opts.keepParents });
        if (opts.reuseRankingSuccess && !q.has('g') && ranked.success !== undefined) return ranked.success;
      }

      let beam: Evaluated[] = [ctx.original];
      let historicalBest: Evaluated = ctx.original;
      let lastBest: Evaluated = ctx.original;
      let firstStep = true;
      for (let pass = 0; pass < passes; pass++) {
        if (pass > 0 && historicalBest === ctx.original) break;
        for (const id of ranked.order) {
          if (ctx.exhausted()) break;
          const expandable =
            opts.headOnlyUnimportant && !((ranked.importance.get(id) ?? 0) > 0) ? firstExpandable(ctx, beam, id) : beam;
          const step =
            opts.lazy === 'all'
              ? await batchStep(ctx, expandable, id, ranked.children, interchangeable)
              : await lazyStep(ctx, expandable, id, ranked.children, interchangeable, q, opts.lazy === 'improvement');
          if (step === undefined) {
            if (q.has('f')) break; // the released code stops; the paper skips a word with no candidates
            continue;
          }
          const { results, parentOf } = step;
          if (results.length === 0) break;
          const success = q.has('d') ? topIfSuccess(results) : bestSuccess(results);
          if (success !== undefined) return success;
          lastBest = bestOf(results)!;

          let width = state.width;
          if (!firstStep) {
            const ps = successShare(expandable, results, parentOf, q);
            if (q.has('a') || q.has('b') || q.has('c')) {
              if (ps > state.pMax || state.pMax === 1) state.pMax = ps;
            } else state.pMax = Math.max(state.pMax, ps);
            width = Math.floor(
              opts.minBeamWidth + (opts.beamWidth - opts.minBeamWidth) * (state.pMax > 0 ? ps / state.pMax : 0),
            );
            state.width = width;
          }
          firstStep = false;
          const pool = opts.keepParents
            ? [
                ...(opts.bestChildOnly ? bestChildPerParent(results, parentOf) : results),
                ...beam.filter((m) => !results.some((r) => r.text.text === m.text.text)),
              ]
            : results;
          const next = [...pool].sort(opts.keepParents ? byScoreThenCost : byScoreDesc).slice(0, Math.max(1, width));
          const worst = next[next.length - 1]!;
          if (historicalBest.score > worst.score && !next.some((e) => e.text.text === historicalBest.text.text)) {
            next[next.length - 1] = historicalBest; // backtracking
          }
          if (lastBest.score > historicalBest.score) historicalBest = lastBest;
          beam = next;
        }
      }
      return q.has('e') ? lastBest : historicalBest;
    },
  };
}
