/**
 * @module Adaptive beam search with backtracking (ABS; Xiao et al., "Assessing the Robustness of LLM-based NLP
 * Software via Automated Testing", arXiv 2412.21016), as the paper's Algorithm 1 intends (../shared notes §2.1):
 * words are visited in weighted-saliency order; each step expands every beam member at the current word; the beam
 * width adapts to the share of hypotheses that improved (Eq. 5: b = floor(b_min + (b_max - b_min) * P_s / P_max));
 * the best case seen so far replaces the weakest beam member when it is better (backtracking); the search returns as
 * soon as any candidate succeeds. Per-example state only (the released code leaks P_max across examples).
 */
import type { AttackText } from '../core/attack-text.js';
import type { Evaluated, SearchMethod } from '../core/search.js';
import { bestOf, bestSuccess, byScoreDesc } from '../engine/search-context.js';
import { rankWords, type Ranking } from './word-importance.js';

export interface AbsOptions {
  readonly beamWidth: number;
  readonly minBeamWidth: number;
  readonly ranking: Ranking;
  readonly reuseRankingSuccess: boolean;
}

export const absDefaults: AbsOptions = {
  beamWidth: 6,
  minBeamWidth: 1,
  ranking: 'weighted-saliency',
  reuseRankingSuccess: true,
};

export function abs(options: Partial<AbsOptions> = {}): SearchMethod {
  const opts = { ...absDefaults, ...options };
  if (!(opts.minBeamWidth >= 1 && opts.beamWidth >= opts.minBeamWidth)) {
    throw new RangeError(`abs: need 1 <= minBeamWidth <= beamWidth, got ${opts.minBeamWidth} and ${opts.beamWidth}`);
  }
  return {
    name: 'abs',
    async search(ctx) {
      const ranked = await rankWords(ctx, opts.ranking);
      if (opts.reuseRankingSuccess && ranked.success !== undefined) return ranked.success;
      let beam: Evaluated[] = [ctx.original];
      let historicalBest: Evaluated = ctx.original;
      let pMax = 0;
      let firstStep = true;
      for (const id of ranked.order) {
        if (ctx.exhausted()) break;
        const { children, parentOf } = expandBeam(beam, id, ctx.expand);
        if (children.length === 0) continue; // paper intent: skip a word with no candidates (the code stops)
        const results = await ctx.evaluate(children);
        const success = bestSuccess(results);
        if (success !== undefined) return success;
        if (results.length === 0) break;

        let width = opts.beamWidth;
        if (!firstStep) {
          const ps = improvedShare(beam, results, parentOf);
          pMax = Math.max(pMax, ps);
          width = Math.floor(opts.minBeamWidth + (opts.beamWidth - opts.minBeamWidth) * (pMax > 0 ? ps / pMax : 0));
        }
        firstStep = false;
        const next = [...results].sort(byScoreDesc).slice(0, Math.max(1, width));
        const worst = next[next.length - 1]!;
        if (historicalBest.score > worst.score && !next.some((e) => e.text.text === historicalBest.text.text)) {
          next[next.length - 1] = historicalBest; // backtracking
        }
        const best = bestOf(results)!;
        if (best.score > historicalBest.score) historicalBest = best;
        beam = next;
      }
      return historicalBest;
    },
  };
}

/** Children of every beam member at word `id`, deduplicated; parentOf[k] is the beam index of child k. */
function expandBeam(
  beam: readonly Evaluated[],
  id: number,
  expand: (t: AttackText, i: number) => AttackText[],
): { children: AttackText[]; parentOf: number[] } {
  const seen = new Set<string>();
  const children: AttackText[] = [];
  const parentOf: number[] = [];
  beam.forEach((member, b) => {
    const index = member.text.indexOfId(id);
    if (index < 0) return;
    for (const c of expand(member.text, index)) {
      if (seen.has(c.text)) continue;
      seen.add(c.text);
      children.push(c);
      parentOf.push(b);
    }
  });
  return { children, parentOf };
}

/** P_s: the share of expanded beam members whose best child beats the member itself. */
function improvedShare(beam: readonly Evaluated[], results: readonly Evaluated[], parentOf: readonly number[]): number {
  const bestChild = new Map<number, number>();
  results.forEach((r, k) => {
    const p = parentOf[k]!;
    bestChild.set(p, Math.max(bestChild.get(p) ?? -Infinity, r.score));
  });
  let improved = 0;
  for (const [p, score] of bestChild) if (score > beam[p]!.score) improved++;
  return bestChild.size === 0 ? 0 : improved / bestChild.size;
}
