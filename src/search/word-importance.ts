/**
 * @module Word importance ranking (WIR), shared by the WIR-based searches. Rankings follow TextAttack's names:
 * `unk` / `delete` (leave-one-out), `weighted-saliency` (PWWS: softmax of leave-one-out scores times the best swap
 * score at that word) and `random`. Rankings return word ids (original positions) so they survive reordering.
 */
import type { AttackText } from '../core/attack-text.js';
import { shuffled } from '../core/rng.js';
import { bestSuccess, type Evaluated, type SearchContext } from '../core/search.js';

export type Ranking = 'unk' | 'delete' | 'weighted-saliency' | 'random';
export const rankings: readonly Ranking[] = ['unk', 'delete', 'weighted-saliency', 'random'];

export function isRanking(value: unknown): value is Ranking {
  return typeof value === 'string' && (rankings as readonly string[]).includes(value);
}

export interface RankResult {
  /** Word ids, most important first; only words with at least one candidate edit unless `probeAll`. */
  readonly order: number[];
  /** Importance per ranked id (leave-one-out score gain, or the PWWS weight); 0 for `random`. */
  readonly importance: ReadonlyMap<number, number>;
  /** The original's one-edit neighbours per ranked id, as generated for the ranking (no queries were spent on them). */
  readonly children: ReadonlyMap<number, readonly AttackText[]>;
  /** A success met while scoring swaps for the ranking (weighted-saliency only); searches may return it at once. */
  readonly success?: Evaluated;
}

export interface RankOptions {
  /**
   * Also rank (and pay a leave-one-out query for) words with no candidate edit, as TextAttack does; by default they
   * are left out, since no search can use them.
   */
  readonly probeAll?: boolean;
  /**
   * Leave-one-out measures what removing a word does, which says nothing about edits that keep it (inserting next to
   * it, moving it): words whose every candidate keeps them unchanged get importance 0 without a probe.
   */
  readonly probeOnlyChanged?: boolean;
}

export async function rankWords(ctx: SearchContext, ranking: Ranking, options: RankOptions = {}): Promise<RankResult> {
  const original = ctx.original.text;
  const children = new Map<number, readonly AttackText[]>();
  const positions: number[] = [];
  for (const i of ctx.positions(original)) {
    const kids = ctx.expand(original, i);
    if (kids.length === 0 && options.probeAll !== true) continue;
    positions.push(i);
    children.set(original.ids[i]!, kids);
  }
  const ids = positions.map((i) => original.ids[i]!);
  if (ranking === 'random') {
    return { order: shuffled(ctx.rng, ids), importance: new Map(ids.map((id) => [id, 0])), children };
  }

  // One batch for every leave-one-out probe; a budget cut leaves the unscored words at 0.
  const probed = positions.filter(
    (i) => options.probeOnlyChanged !== true || changesAnchor(children.get(original.ids[i]!)!, original.ids[i]!),
  );
  const masked = await ctx.evaluate(probed.map((i) => ctx.mask(original, i, ranking === 'delete' ? 'delete' : 'unk')));
  const looAt = new Map(probed.map((i, k) => [i, masked[k]?.score ?? ctx.original.score]));
  const loo = positions.map((i) => looAt.get(i) ?? ctx.original.score);
  if (ranking !== 'weighted-saliency') {
    const gain = loo.map((s) => s - ctx.original.score);
    return { order: sortIds(ids, gain), importance: new Map(ids.map((id, k) => [id, gain[k]!])), children };
  }

  // PWWS as TextAttack computes it: softmax over the leave-one-out scores, times the best swap score at the word
  // (the raw score, not the gain: a constant offset that changes the order once multiplied, kept for parity).
  // All swaps go in one batch; they stay in the evaluator's cache, so a search that expands the same word later pays
  // nothing twice.
  const max = Math.max(...loo);
  const exp = loo.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0) || 1;
  const flat: AttackText[] = [];
  const owner: number[] = [];
  ids.forEach((id, k) => {
    for (const c of children.get(id)!) {
      flat.push(c);
      owner.push(k);
    }
  });
  const results = ctx.exhausted() ? [] : await ctx.evaluate(flat);
  const best = ids.map(() => 0);
  results.forEach((r, j) => {
    const k = owner[j]!;
    best[k] = Math.max(best[k]!, r.score);
  });
  const weights = ids.map((_, k) => (exp[k]! / sum) * best[k]!);
  const order = sortIds(ids, weights);
  const importance = new Map(ids.map((id, k) => [id, weights[k]!]));
  const success = bestSuccess(results);
  return success === undefined ? { order, importance, children } : { order, importance, children, success };
}

function changesAnchor(children: readonly AttackText[], id: number): boolean {
  return children.some((c) => c.lastEdit?.changed.includes(id) === true);
}

/** Ids by descending weight; equal weights keep text order (stable sort). */
function sortIds(ids: readonly number[], weights: readonly number[]): number[] {
  return ids
    .map((id, k) => ({ id, w: weights[k] ?? 0 }))
    .sort((a, b) => b.w - a.w)
    .map((x) => x.id);
}
