/**
 * @module Genetic search (Alzantot et al. 2018, "Generating Natural Language Adversarial Examples"; TextAttack's
 * AlzantotGeneticAlgorithm): a population of perturbed texts, each made by `perturb` (pick a word with probability
 * proportional to its number of candidate edits, keep its best edit if it raises the score, else try another word);
 * each generation keeps the elite, draws parents by a softmax of fitness at temperature `temperature`, crosses them
 * word by word (each anchor's move from either parent) and perturbs the child. Returns at the first success.
 *
 * Selection sign: Alzantot's code draws parents with probability proportional to exp(fitness / T); TextAttack computes
 * exp(-score / T), which favours the *least* fit members (../shared notes §3.1). The default follows the paper;
 * `invertedSelection: true` reproduces TextAttack.
 */
import { bestOf, byScoreDesc, type Evaluated, type SearchContext, type SearchMethod } from '../core/search.js';
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
import { boolean, integerAtLeast, numberIn, resolveOptions } from './options.js';

export interface GeneticOptions {
  readonly populationSize: number;
  readonly maxIterations: number;
  readonly temperature: number;
  readonly invertedSelection: boolean;
}

export const geneticDefaults: GeneticOptions = {
  populationSize: 60,
  maxIterations: 20,
  temperature: 0.3,
  invertedSelection: false,
};

interface Member {
  readonly ev: Evaluated;
  readonly genome: Genome;
}

export function genetic(options: Partial<GeneticOptions> = {}): SearchMethod {
  const opts = resolveOptions('genetic', geneticDefaults, options, {
    populationSize: integerAtLeast(2),
    maxIterations: integerAtLeast(1),
    temperature: numberIn(1e-6, 1e6),
    invertedSelection: boolean,
  });
  return {
    name: 'genetic',
    search: (ctx) => untilFound(() => evolve(ctx, opts)),
  };
}

async function evolve(ctx: SearchContext, opts: GeneticOptions): Promise<Evaluated> {
  const composer = new Composer(ctx);
  const anchors = originalNeighbourhood(ctx).map((n) => ({ anchor: n.anchor, weight: n.children.length }));
  const tracker = bestTracker(ctx);
  const seen = (results: readonly Evaluated[]): void => tracker.seen(results);

  /** TextAttack's `_perturb`: words drawn by candidate count, an unimproving word is dropped from the draw. */
  const perturb = async (m: Member): Promise<Member> => {
    const weights = anchors.map((a) => (moveAt(m.genome, a.anchor) === undefined ? a.weight : 0));
    while (weights.some((w) => w > 0) && !ctx.exhausted()) {
      const k = drawWeighted(ctx.rng, weights);
      weights[k] = 0;
      const anchor = anchors[k]!.anchor;
      const index = m.ev.text.indexOfId(anchor);
      const children = index < 0 ? [] : ctx.expand(m.ev.text, index);
      if (children.length === 0) continue;
      const results = await ctx.evaluate(children);
      seen(results);
      const top = bestOf(results);
      if (top !== undefined && top.score > m.ev.score) {
        return { ev: top, genome: [...m.genome, { anchor, key: editKey(top.text) }] };
      }
    }
    return m;
  };

  const root: Member = { ev: ctx.original, genome: [] };
  let population: Member[] = [];
  for (let k = 0; k < opts.populationSize && !ctx.exhausted(); k++) population.push(await perturb(root));
  if (population.length === 0) return tracker.best();

  for (let it = 0; it < opts.maxIterations && !ctx.exhausted(); it++) {
    population.sort((a, b) => byScoreDesc(a.ev, b.ev));
    const elite = population[0]!;
    const logits = selectionWeights(
      population.map((m) => m.ev.score),
      opts.temperature,
      opts.invertedSelection,
    );
    const pairs: [Member, Member][] = [];
    for (let k = 1; k < opts.populationSize; k++) {
      pairs.push([population[drawWeighted(ctx.rng, logits)]!, population[drawWeighted(ctx.rng, logits)]!]);
    }
    // Crossover children of the whole generation are scored in one batch, then each is perturbed.
    const genomes = pairs.map(([p1, p2]) => crossover(ctx.rng, p1.genome, p2.genome));
    const composed = genomes.map((g) => composer.compose(g));
    const scored = await ctx.evaluate(composed.map((c) => c.text));
    seen(scored);
    const children: Member[] = [];
    for (let k = 0; k < scored.length; k++) {
      if (ctx.exhausted()) break;
      children.push(await perturb({ ev: scored[k]!, genome: composed[k]!.genome }));
    }
    population = [elite, ...children];
  }
  return tracker.best();
}

/**
 * Parent-draw weights: softmax(score / T), fittest most likely (Alzantot's code); `inverted` is TextAttack's
 * softmax(-score / T).
 */
export function selectionWeights(scores: readonly number[], temperature: number, inverted: boolean): number[] {
  const sign = inverted ? -1 : 1;
  const top = Math.max(...scores.map((s) => sign * s));
  const e = scores.map((s) => Math.exp((sign * s - top) / temperature));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

/** Each anchor's move from either parent with even odds (an anchor a parent left alone contributes "no move"). */
export function crossover(rng: () => number, a: Genome, b: Genome): Genome {
  const anchors: number[] = [];
  for (const m of [...a, ...b]) if (!anchors.includes(m.anchor)) anchors.push(m.anchor);
  const out: Move[] = [];
  for (const anchor of anchors) {
    const key = rng() < 0.5 ? moveAt(a, anchor) : moveAt(b, anchor);
    if (key !== undefined) out.push({ anchor, key });
  }
  return out;
}
