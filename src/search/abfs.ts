/**
 * @module Adaptive best-first search (ABFS; Xiao et al., arXiv 2503.01319), as its Algorithm 1 intends: a priority
 * queue of texts keyed by goal score; the best node is dequeued, its words are ranked by leave-one-out importance
 * plus the running mean of each word's past importance (the adaptive control of Eq. 5), and its words are expanded in
 * that order, one batch per word; a child is queued when it beats the best case so far, and the search returns as
 * soon as a child succeeds. The released code checks success only when a node is dequeued (`successCheck:
 * 'dequeue'`) and its adaptive control is a no-op (`adaptiveControl: false`); `rerank: 'once'` ranks only the
 * original, Quiver's query-saving option (each per-node ranking costs one query per word).
 */
import { bestSuccess, byScoreDesc, type Evaluated, type SearchContext, type SearchMethod } from '../core/search.js';
import { boolean, integerAtLeast, oneOf, resolveOptions } from './options.js';

export interface AbfsOptions {
  /** Leave-one-out probe for the per-node word ranking (the released code uses `delete`). */
  readonly ranking: 'delete' | 'unk';
  /** `node`: rank the words of every dequeued node (paper); `once`: rank the original only and reuse it. */
  readonly rerank: 'node' | 'once';
  /** Add the mean of each word's past importances to its current one (Eq. 5). */
  readonly adaptiveControl: boolean;
  /** Past importances kept per word (the code keeps 5). */
  readonly historySize: number;
  /** `child`: return as soon as an expanded child succeeds (paper); `dequeue`: only when a node is dequeued (code). */
  readonly successCheck: 'child' | 'dequeue';
}

export const abfsDefaults: AbfsOptions = {
  ranking: 'delete',
  rerank: 'node',
  adaptiveControl: true,
  historySize: 5,
  successCheck: 'child',
};

export function abfs(options: Partial<AbfsOptions> = {}): SearchMethod {
  const opts = resolveOptions('abfs', abfsDefaults, options, {
    ranking: oneOf(['delete', 'unk']),
    rerank: oneOf(['node', 'once']),
    adaptiveControl: boolean,
    historySize: integerAtLeast(1),
    successCheck: oneOf(['child', 'dequeue']),
  });
  return {
    name: 'abfs',
    async search(ctx) {
      const queue: Evaluated[] = [ctx.original];
      const queued = new Set<string>([ctx.original.text.text]);
      const history = new Map<number, number[]>();
      let best: Evaluated = ctx.original;
      let firstOrder: number[] | undefined;
      while (queue.length > 0 && !ctx.exhausted()) {
        queue.sort(byScoreDesc);
        const node = queue.shift()!;
        if (node.succeeded) return node;
        let order: number[];
        if (opts.rerank === 'once' && firstOrder !== undefined) order = firstOrder;
        else {
          order = await rankNode(ctx, node, opts, history);
          firstOrder ??= order;
        }
        for (const id of order) {
          if (ctx.exhausted()) break;
          const index = node.text.indexOfId(id);
          if (index < 0) continue;
          const children = ctx.expand(node.text, index);
          if (children.length === 0) continue;
          const results = await ctx.evaluate(children);
          for (const r of [...results].sort(byScoreDesc)) {
            if (r.score <= best.score || queued.has(r.text.text)) continue;
            queued.add(r.text.text);
            queue.push(r);
            best = r;
          }
          if (opts.successCheck === 'child') {
            const success = bestSuccess(results);
            if (success !== undefined) return success;
          }
        }
      }
      return best;
    },
  };
}

/** Word ids of `node` by leave-one-out importance, adjusted by each word's importance history. */
async function rankNode(
  ctx: SearchContext,
  node: Evaluated,
  opts: AbfsOptions,
  history: Map<number, number[]>,
): Promise<number[]> {
  const positions = ctx.positions(node.text).filter((i) => ctx.expand(node.text, i).length > 0);
  const masked = await ctx.evaluate(positions.map((i) => ctx.mask(node.text, i, opts.ranking)));
  const scored = positions.map((i, k) => {
    const id = node.text.ids[i]!;
    const importance = (masked[k]?.score ?? node.score) - node.score;
    if (!opts.adaptiveControl) return { id, w: importance };
    const past = history.get(id) ?? [];
    past.push(importance);
    if (past.length > opts.historySize) past.shift();
    history.set(id, past);
    return { id, w: importance + past.reduce((a, b) => a + b, 0) / past.length };
  });
  return scored.sort((a, b) => b.w - a.w).map((s) => s.id);
}
