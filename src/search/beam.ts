/**
 * @module Beam search over all positions (TextAttack's BeamSearch; GreedySearch is width 1): each step expands every
 * position of every beam member, scores all children in one batch and keeps the `beamWidth` best. No word ranking
 * and no backtracking. Stops at the first success, when no child is left, or when the budget runs out; returns the
 * best text seen (TextAttack returns the last step's best, which can only be lower).
 */
import type { AttackText } from '../core/attack-text.js';
import { bestOf, bestSuccess, byScoreDesc, type Evaluated, type SearchMethod } from '../core/search.js';
import { integerAtLeast, resolveOptions } from './options.js';

export interface BeamOptions {
  readonly beamWidth: number;
}

export const beamDefaults: BeamOptions = { beamWidth: 8 };

export function beam(options: Partial<BeamOptions> = {}): SearchMethod {
  const opts = resolveOptions('beam', beamDefaults, options, { beamWidth: integerAtLeast(1) });
  return {
    name: 'beam',
    async search(ctx) {
      let members: Evaluated[] = [ctx.original];
      let best: Evaluated = ctx.original;
      while (!ctx.exhausted()) {
        const seen = new Set<string>();
        const children: AttackText[] = [];
        for (const m of members) {
          for (const i of ctx.positions(m.text)) {
            for (const c of ctx.expand(m.text, i)) {
              if (seen.has(c.text)) continue;
              seen.add(c.text);
              children.push(c);
            }
          }
        }
        if (children.length === 0) break;
        const results = await ctx.evaluate(children);
        const success = bestSuccess(results);
        if (success !== undefined) return success;
        if (results.length === 0) break;
        const top = bestOf(results)!;
        if (top.score > best.score) best = top;
        members = [...results].sort(byScoreDesc).slice(0, opts.beamWidth);
      }
      return best;
    },
  };
}
