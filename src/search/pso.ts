/**
 * @module Particle swarm search (Zang et al. 2020, "Word-level Textual Adversarial Attacking as Combinatorial
 * Optimization"; TextAttack's ParticleSwarmOptimization), over the same candidate space as every other search (the
 * paper draws substitutes from HowNet sememes). A particle is a set of moves, one per anchor word at most. Each
 * iteration, with inertia ω falling from 0.8 to 0.2 and c1/c2 moving from 0.8/0.2 to 0.2/0.8, a particle "turns"
 * towards its local elite and the global elite word by word (it keeps its own move at a word with probability
 * sigmoid(velocity), as the original code does), the swarm is scored in one batch, and each particle mutates with
 * probability 1 - 2 × its change ratio into one of its best neighbours (drawn in proportion to their gain). Returns
 * at the first success.
 */
import type { AttackText } from '../core/attack-text.js';
import type { Evaluated, SearchContext, SearchMethod } from '../core/search.js';
import {
  bestTracker,
  Composer,
  drawWeighted,
  editKey,
  moveAt,
  originalNeighbourhood,
  untilFound,
  type Genome,
  type Move,
} from './edit-space.js';
import { integerAtLeast, resolveOptions } from './options.js';

export interface PsoOptions {
  readonly populationSize: number;
  readonly maxIterations: number;
}

export const psoDefaults: PsoOptions = { populationSize: 60, maxIterations: 20 };

const OMEGA_1 = 0.8;
const OMEGA_2 = 0.2;
const C1 = 0.8;
const C2 = 0.2;
const V_MAX = 3;

interface Particle {
  ev: Evaluated;
  genome: Genome;
}

export function pso(options: Partial<PsoOptions> = {}): SearchMethod {
  const opts = resolveOptions('pso', psoDefaults, options, {
    populationSize: integerAtLeast(1),
    maxIterations: integerAtLeast(1),
  });
  return {
    name: 'pso',
    search: (ctx) => untilFound(() => swarm(ctx, opts)),
  };
}

async function swarm(ctx: SearchContext, opts: PsoOptions): Promise<Evaluated> {
  const composer = new Composer(ctx);
  const anchors = originalNeighbourhood(ctx).map((n) => n.anchor);
  const wordCount = Math.max(1, ctx.original.text.length);
  const tracker = bestTracker(ctx);
  const seen = (results: readonly Evaluated[]): void => tracker.seen(results);

  /** The best child at each anchor of `p` (one batch), and their gains over `p`. */
  const bestNeighbours = async (p: Particle): Promise<{ next: Particle[]; gains: number[] }> => {
    const children: AttackText[] = [];
    const anchorOf: number[] = [];
    for (const i of ctx.positions(p.ev.text)) {
      for (const c of ctx.expand(p.ev.text, i)) {
        children.push(c);
        anchorOf.push(p.ev.text.ids[i]!);
      }
    }
    if (children.length === 0) return { next: [], gains: [] };
    const results = await ctx.evaluate(children);
    seen(results);
    const byAnchor = new Map<number, Evaluated>();
    results.forEach((r, k) => {
      const a = anchorOf[k]!;
      const cur = byAnchor.get(a);
      if (cur === undefined || r.score > cur.score) byAnchor.set(a, r);
    });
    const next: Particle[] = [];
    const gains: number[] = [];
    for (const [anchor, r] of byAnchor) {
      next.push({ ev: r, genome: [...p.genome, { anchor, key: editKey(r.text) }] });
      gains.push(r.score - p.ev.score);
    }
    return { next, gains };
  };

  const mutate = async (p: Particle): Promise<Particle> => {
    const { next, gains } = await bestNeighbours(p);
    return next.length === 0 ? p : next[drawWeighted(ctx.rng, gains)]!;
  };

  const root: Particle = { ev: ctx.original, genome: [] };
  const init = await bestNeighbours(root);
  if (init.next.length === 0) return tracker.best();
  let population: Particle[] = [];
  for (let k = 0; k < opts.populationSize; k++) population.push(init.next[drawWeighted(ctx.rng, init.gains)]!);
  const velocities = population.map(() => {
    const v = (ctx.rng() * 2 - 1) * V_MAX;
    return anchors.map(() => v);
  });
  const localElites = [...population];
  let globalElite = population.reduce((a, b) => (b.ev.score > a.ev.score ? b : a));

  for (let it = 0; it < opts.maxIterations && !ctx.exhausted(); it++) {
    const { omega, p1, p2 } = psoSchedule(it, opts.maxIterations);
    const turned: Genome[] = population.map((p, k) => {
      const v = velocities[k]!;
      anchors.forEach((a, d) => {
        const own = moveAt(p.genome, a);
        v[d] =
          omega * v[d]! +
          (1 - omega) * (equal(own, moveAt(localElites[k]!.genome, a)) + equal(own, moveAt(globalElite.genome, a)));
      });
      const keep = v.map(sigmoid);
      let g = p.genome;
      if (ctx.rng() < p1) g = turn(ctx.rng, localElites[k]!.genome, g, anchors, keep);
      if (ctx.rng() < p2) g = turn(ctx.rng, globalElite.genome, g, anchors, keep);
      return g;
    });
    const composed = turned.map((g) => composer.compose(g));
    const scored = await ctx.evaluate(composed.map((c) => c.text));
    seen(scored);
    population = scored.map((ev, k) => ({ ev, genome: composed[k]!.genome }));

    for (let k = 0; k < population.length && !ctx.exhausted(); k++) {
      const changeRatio = population[k]!.ev.text.cost / wordCount;
      if (ctx.rng() < 1 - 2 * changeRatio) population[k] = await mutate(population[k]!);
    }
    population.forEach((p, k) => {
      if (localElites[k] === undefined || p.ev.score > localElites[k]!.ev.score) localElites[k] = p;
      if (p.ev.score > globalElite.ev.score) globalElite = p;
    });
  }
  return tracker.best();
}

/** Inertia and the chances of turning towards the local (p1) and global (p2) elite at iteration `it`. */
export function psoSchedule(it: number, maxIterations: number): { omega: number; p1: number; p2: number } {
  return {
    omega: (OMEGA_1 - OMEGA_2) * ((maxIterations - it) / maxIterations) + OMEGA_2,
    p1: C1 - (it / maxIterations) * (C1 - C2),
    p2: C2 + (it / maxIterations) * (C1 - C2),
  };
}

/** The original code's velocity push: away from agreement (-V_MAX when both sides make the same move). */
function equal(a: string | undefined, b: string | undefined): number {
  return a === b ? -V_MAX : V_MAX;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Moves of `source`, except where a draw under `keep` takes `target`'s move (TextAttack's `_turn`). */
export function turn(
  rng: () => number,
  source: Genome,
  target: Genome,
  anchors: readonly number[],
  keep: readonly number[],
): Genome {
  const out: Move[] = [];
  anchors.forEach((a, d) => {
    const key = rng() < keep[d]! ? moveAt(target, a) : moveAt(source, a);
    if (key !== undefined) out.push({ anchor: a, key });
  });
  // Keep the application order of the particle's own moves where possible, so compose replays them as found.
  const order = new Map<number, number>();
  [...target, ...source].forEach((m, k) => {
    if (!order.has(m.anchor)) order.set(m.anchor, k);
  });
  return out.sort((x, y) => order.get(x.anchor)! - order.get(y.anchor)!);
}
