/**
 * @module One step of the ABS beam at one word: which members are expanded, into which children (one per class of
 * interchangeable candidates, every variant near the boundary), lazily or in one batch; how the next beam is picked;
 * and P_s of Eq. 5, as the paper intends it or with the released code's quirks (a) and (b).
 */
import type { AttackText } from '../core/attack-text.js';
import { bestOf, bestSuccess, byScoreDesc, type Evaluated, type SearchContext } from '../core/search.js';
import type { AbsQuirk } from './abs-options.js';
import { nearBoundary } from './lead.js';
import { representatives } from './one-edit-sweep.js';

export interface Step {
  readonly results: Evaluated[];
  /** parentOf[k]: beam index of results[k]'s parent. */
  readonly parentOf: number[];
}

/** The best member that has candidates at word `id` (an earlier edit may block it for the head), alone. */
export function firstExpandable(ctx: SearchContext, beam: readonly Evaluated[], id: number): Evaluated[] {
  const m = beam.find((b) => {
    const index = b.text.indexOfId(id);
    return index >= 0 && ctx.expand(b.text, index).length > 0;
  });
  return m === undefined ? [] : [m];
}

/** Children of every beam member at word `id` (the original's come from the ranking), deduplicated, parents' order. */
function childrenAt(
  ctx: SearchContext,
  beam: readonly Evaluated[],
  id: number,
  known: ReadonlyMap<number, readonly AttackText[]>,
  interchangeable: ReadonlySet<string>,
): { children: AttackText[]; parentOf: number[] } {
  const seen = new Set<string>();
  const children: AttackText[] = [];
  const parentOf: number[] = [];
  beam.forEach((member, b) => {
    const index = member.text.indexOfId(id);
    if (index < 0) return;
    const all =
      member.text === ctx.original.text
        ? (known.get(id) ?? ctx.expand(member.text, index))
        : ctx.expand(member.text, index);
    // Near the boundary every variant is tried (the original's were, by the sweep, if it is near).
    const kids =
      member.text !== ctx.original.text && interchangeable.size > 0 && nearBoundary(ctx, member)
        ? all
        : representatives(all, interchangeable);
    for (const c of kids) {
      if (seen.has(c.text)) continue;
      seen.add(c.text);
      children.push(c);
      parentOf.push(b);
    }
  });
  return { children, parentOf };
}

/** One batch for the whole step (the paper, and TextAttack's batching). */
export async function batchStep(
  ctx: SearchContext,
  beam: readonly Evaluated[],
  id: number,
  known: ReadonlyMap<number, readonly AttackText[]>,
  interchangeable: ReadonlySet<string>,
): Promise<Step | undefined> {
  const { children, parentOf } = childrenAt(ctx, beam, id, known, interchangeable);
  if (children.length === 0) return undefined;
  return { results: await ctx.evaluate(children), parentOf };
}

/**
 * One batch per beam member, best member first, stopping at the first success: the step's outcome is the same
 * unless it succeeds, and then the weaker members' children were never needed.
 */
export async function lazyStep(
  ctx: SearchContext,
  beam: readonly Evaluated[],
  id: number,
  known: ReadonlyMap<number, readonly AttackText[]>,
  interchangeable: ReadonlySet<string>,
  q: ReadonlySet<AbsQuirk>,
  stopOnImprovement: boolean,
): Promise<Step | undefined> {
  const { children, parentOf } = childrenAt(ctx, beam, id, known, interchangeable);
  if (children.length === 0) return undefined;
  const bar = Math.max(...beam.map((m) => m.score));
  const results: Evaluated[] = [];
  for (let b = 0; b < beam.length && !ctx.exhausted(); b++) {
    const mine = children.filter((_, k) => parentOf[k] === b);
    if (mine.length === 0) continue;
    const got = await ctx.evaluate(mine);
    results.push(...got);
    if ((q.has('d') ? topIfSuccess(got) : bestSuccess(got)) !== undefined || got.length < mine.length) break;
    if (stopOnImprovement && got.some((r) => r.score > bar)) break;
  }
  return { results, parentOf: parentOf.slice(0, results.length) };
}

export function bestChildPerParent(results: readonly Evaluated[], parentOf: readonly number[]): Evaluated[] {
  const best = new Map<number, Evaluated>();
  results.forEach((r, k) => {
    const p = parentOf[k]!;
    const cur = best.get(p);
    if (cur === undefined || byScoreDesc(r, cur) < 0) best.set(p, r);
  });
  return [...best.values()];
}

/** Equal scores: the text with fewer edits first, so an edit that changes nothing never displaces its parent. */
export function byScoreThenCost(a: Evaluated, b: Evaluated): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.text.cost !== b.text.cost) return a.text.cost - b.text.cost;
  return byScoreDesc(a, b);
}

export function topIfSuccess(results: readonly Evaluated[]): Evaluated | undefined {
  const top = bestOf(results);
  return top?.succeeded ? top : undefined;
}

/**
 * P_s of Eq. 5. Paper intent: the share of expanded beam members whose best child beats the member. Quirk (a): the
 * j-th candidate against the j-th member, over all candidates; quirk (b): counting scores that went down.
 */
export function successShare(
  beam: readonly Evaluated[],
  results: readonly Evaluated[],
  parentOf: readonly number[],
  q: ReadonlySet<AbsQuirk>,
): number {
  const counts = (child: number, parent: number) => (q.has('b') ? child < parent : child > parent);
  if (q.has('a')) {
    let succ = 0;
    for (let j = 0; j < Math.min(beam.length, results.length); j++)
      if (counts(results[j]!.score, beam[j]!.score)) succ++;
    return results.length === 0 ? 0 : succ / results.length;
  }
  const bestChild = new Map<number, number>();
  results.forEach((r, k) => {
    const p = parentOf[k]!;
    const cur = bestChild.get(p);
    bestChild.set(p, cur === undefined ? r.score : q.has('b') ? Math.min(cur, r.score) : Math.max(cur, r.score));
  });
  let n = 0;
  for (const [p, score] of bestChild) if (counts(score, beam[p]!.score)) n++;
  return bestChild.size === 0 ? 0 : n / bestChild.size;
}
