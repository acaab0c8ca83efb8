/**
 * @module Word importance ranking (WIR), shared by the WIR-based searches. Rankings follow TextAttack's names:
 * `unk` / `delete` (leave-one-out), `weighted-saliency` (PWWS: softmax of leave-one-out saliency times the best swap
 * gain at that word) and `random`. Rankings return word ids (original positions) so they survive reordering.
 */
import { shuffled } from '../core/rng.js';
import type { Evaluated, SearchContext } from '../core/search.js';
import { bestSuccess } from '../engine/search-context.js';

export type Ranking = 'unk' | 'delete' | 'weighted-saliency' | 'random';
export const rankings: readonly Ranking[] = ['unk', 'delete', 'weighted-saliency', 'random'];

export interface RankResult {
  /** Word ids, most important first. */
  readonly order: number[];
  /** A success met while scoring swaps for the ranking (weighted-saliency only); searches may return it at once. */
  readonly success?: Evaluated;
}

export async function rankWords(ctx: SearchContext, ranking: Ranking): Promise<RankResult> {
  const original = ctx.original.text;
  const positions = ctx.positions(original);
  const ids = positions.map((i) => original.ids[i]!);
  if (ranking === 'random') return { order: shuffled(ctx.rng, ids) };

  const masked = await ctx.evaluate(positions.map((i) => ctx.mask(original, i, ranking === 'delete' ? 'delete' : 'unk')));
  const saliency = masked.map((m) => m.score - ctx.original.score);
  if (ranking !== 'weighted-saliency') return { order: sortIds(ids, saliency) };

  // PWWS: weight each word's best swap gain by the softmax of its saliency. The swaps scored here stay in the
  // evaluator's cache, so a search that later expands the same word pays nothing twice.
  const max = Math.max(...saliency, 0);
  const exp = saliency.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0) || 1;
  const weights: number[] = [];
  let success: Evaluated | undefined;
  for (let k = 0; k < positions.length; k++) {
    const results = ctx.exhausted() ? [] : await ctx.evaluate(ctx.expand(original, positions[k]!));
    let gain = 0;
    for (const r of results) gain = Math.max(gain, r.score - ctx.original.score);
    weights.push((exp[k]! / sum) * gain);
    const s = bestSuccess(results);
    if (s !== undefined && (success === undefined || s.score > success.score)) success = s;
  }
  const order = sortIds(ids, weights);
  return success === undefined ? { order } : { order, success };
}

/** Ids by descending weight; equal weights keep text order (stable sort). */
function sortIds(ids: readonly number[], weights: readonly number[]): number[] {
  return ids
    .map((id, k) => ({ id, w: weights[k] ?? 0 }))
    .sort((a, b) => b.w - a.w)
    .map((x) => x.id);
}
