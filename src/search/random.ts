/**
 * @module Random sampling baseline: draws random edit paths (a uniform number of edits, each a uniformly drawn valid
 * edit at a uniformly drawn position of the current text), scores them in batches, and returns the first success.
 * It stops after `samples` drawn texts or when the query budget runs out: the floor every guided search must beat.
 */
import type { AttackText } from '../core/attack-text.js';
import { pick } from '../core/rng.js';
import { bestOf, bestSuccess, type Evaluated, type SearchContext, type SearchMethod } from '../core/search.js';
import { integerAtLeast, positiveOrInfinity, resolveOptions } from './options.js';

export interface RandomOptions {
  /** Texts drawn in all (cache hits included). */
  readonly samples: number;
  /** Texts scored per batch. */
  readonly batchSize: number;
  /** Longest edit path drawn (the edit budget constraint may stop a path earlier). */
  readonly maxEdits: number;
}

export const randomDefaults: RandomOptions = { samples: 1000, batchSize: 50, maxEdits: Infinity };

export function randomSearch(options: Partial<RandomOptions> = {}): SearchMethod {
  const opts = resolveOptions('random', randomDefaults, options, {
    samples: integerAtLeast(1),
    batchSize: integerAtLeast(1),
    maxEdits: positiveOrInfinity,
  });
  return {
    name: 'random',
    async search(ctx) {
      const longest = Math.min(opts.maxEdits, ctx.positions(ctx.original.text).length);
      let best: Evaluated = ctx.original;
      if (longest === 0) return best;
      let drawn = 0;
      while (drawn < opts.samples && !ctx.exhausted()) {
        const batch: AttackText[] = [];
        while (batch.length < opts.batchSize && drawn < opts.samples) {
          drawn++;
          const t = randomPath(ctx, 1 + Math.floor(ctx.rng() * longest));
          if (t !== undefined) batch.push(t);
        }
        if (batch.length === 0) break;
        const results = await ctx.evaluate(batch);
        const success = bestSuccess(results);
        if (success !== undefined) return success;
        const top = bestOf(results);
        if (top !== undefined && top.score > best.score) best = top;
      }
      return best;
    },
  };
}

/** Up to `length` random valid edits from the original; undefined when not even one edit is possible. */
function randomPath(ctx: SearchContext, length: number): AttackText | undefined {
  let text = ctx.original.text;
  for (let step = 0; step < length; step++) {
    const open = ctx.positions(text);
    let next: AttackText | undefined;
    while (open.length > 0 && next === undefined) {
      const k = Math.floor(ctx.rng() * open.length);
      const children = ctx.expand(text, open[k]!);
      if (children.length > 0) next = pick(ctx.rng, children);
      else open.splice(k, 1);
    }
    if (next === undefined) break;
    text = next;
  }
  return text === ctx.original.text ? undefined : text;
}
