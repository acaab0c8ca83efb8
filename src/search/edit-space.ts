/**
 * @module Edit sets as genomes, for the population searches (genetic, PSO): a genome picks at most one move per anchor
 * word, and a genome becomes a text by replaying its moves through `ctx.expand`, so every composed text is one the
 * candidate space itself would generate and every constraint holds. Moves are identified by their recorded edit
 * (family, position, from, to), never by perturbation name.
 */
import type { AttackText } from '../core/attack-text.js';
import { bestOf, bestSuccess, type Evaluated, type SearchContext } from '../core/search.js';

/** One edit anchored at a word id. */
export interface Move {
  readonly anchor: number;
  readonly key: string;
}

/** Moves in application order; at most one per anchor. */
export type Genome = readonly Move[];

export function editKey(text: AttackText): string {
  const e = text.lastEdit?.edit;
  return e === undefined ? '' : `${e.family}\u0000${e.position}\u0000${e.from}\u0000${e.to}`;
}

export function genomeKey(genome: Genome): string {
  return genome.map((m) => `${m.anchor}\u0001${m.key}`).join('\u0002');
}

export function moveAt(genome: Genome, anchor: number): string | undefined {
  return genome.find((m) => m.anchor === anchor)?.key;
}

/**
 * Replays `genome` from the original, in order. A move the space no longer offers (a conflicting earlier move, the
 * edit budget spent) is dropped, so the result may carry fewer moves than asked for. Memoised per search.
 */
export class Composer {
  private readonly memo = new Map<string, { text: AttackText; genome: Genome }>();

  constructor(private readonly ctx: SearchContext) {}

  compose(genome: Genome): { text: AttackText; genome: Genome } {
    const k = genomeKey(genome);
    const hit = this.memo.get(k);
    if (hit !== undefined) return hit;
    let text = this.ctx.original.text;
    const applied: Move[] = [];
    for (const m of genome) {
      const index = text.indexOfId(m.anchor);
      if (index < 0) continue;
      const next = this.ctx.expand(text, index).find((c) => editKey(c) === m.key);
      if (next === undefined) continue;
      text = next;
      applied.push(m);
    }
    const out = { text, genome: applied };
    this.memo.set(k, out);
    return out;
  }
}

/** Anchors of the original with their one-edit neighbours, in text order (TextAttack's words_to_modify). */
export function originalNeighbourhood(ctx: SearchContext): { anchor: number; children: AttackText[] }[] {
  const original = ctx.original.text;
  const out: { anchor: number; children: AttackText[] }[] = [];
  for (const i of ctx.positions(original)) {
    const children = ctx.expand(original, i);
    if (children.length > 0) out.push({ anchor: original.ids[i]!, children });
  }
  return out;
}

/** Index drawn with probability proportional to `weights` (all zero: uniform). */
export function drawWeighted(rng: () => number, weights: readonly number[]): number {
  const sum = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (!(sum > 0)) return Math.floor(rng() * weights.length);
  let r = rng() * sum;
  for (let k = 0; k < weights.length; k++) {
    r -= Math.max(0, weights[k]!);
    if (r < 0) return k;
  }
  return weights.length - 1;
}

/** Thrown deep inside a population step to unwind as soon as a success is met. */
export class Found {
  constructor(readonly result: Evaluated) {}
}

/** Runs a population search, returning the success that unwound it, if any. */
export async function untilFound(run: () => Promise<Evaluated>): Promise<Evaluated> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Found) return err.result;
    throw err;
  }
}

/**
 * Watches every batch a population search evaluates: unwinds with `Found` at the first success, and otherwise keeps
 * the highest-scoring text seen (what the search returns when it finds no flip).
 */
export function bestTracker(ctx: SearchContext): { seen(results: readonly Evaluated[]): void; best(): Evaluated } {
  let best: Evaluated = ctx.original;
  return {
    seen(results) {
      const s = bestSuccess(results);
      if (s !== undefined) throw new Found(s);
      const b = bestOf(results);
      if (b !== undefined && b.score > best.score) best = b;
    },
    best: () => best,
  };
}
