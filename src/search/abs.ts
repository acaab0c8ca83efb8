/**
 * @module Adaptive beam search with backtracking (ABS; Xiao et al., "Assessing the Robustness of LLM-based NLP
 * Software via Automated Testing", arXiv 2412.21016). Words are visited in importance order; each step expands every
 * beam member at the current word; the beam width adapts to the share of hypotheses that improved (Eq. 5:
 * b = floor(b_min + (b_max - b_min) * P_s / P_max)); the best case seen so far replaces the weakest beam member when it
 * is better (backtracking); the search returns as soon as a candidate succeeds.
 *
 * Three ways to run it:
 * - Quiver's defaults, tuned for queries (experiments/results/search-comparison.md): words ranked by leave-one-out
 *   deletion (one query per word; words whose every edit keeps them unchanged are not probed) instead of weighted
 *   saliency, which scores every candidate of every word before the search starts; beam members compete with their
 *   children (`keepParents`, so an edit that does not help is not taken) and only each member's best child enters
 *   (`bestChildOnly`); members are expanded best first, one batch each, stopping at the first success or improvement
 *   (`lazy: 'improvement'`); at a word whose deletion does not help, only the best member with candidates there is
 *   expanded (`headOnlyUnimportant`). Eq. 5 and backtracking are unchanged.
 * - `paperIntent: true`: Algorithm 1 as the paper intends, with the released code's weighted-saliency ranking.
 * - `paperFaithful: true`: the code as released (lumos-xiao/ABS), quirks (a)-(g) of ../shared notes §2.3; or pick
 *   quirks one by one with `quirks: ['a', ...]`:
 *   (a) P_s compares the j-th candidate with the j-th beam member's score, over |candidates|;
 *   (b) P_s counts candidates whose score went down;
 *   (c) P_max and the beam width live on the search object and carry over to the next example it attacks. Quiver
 *       builds one search object per worker thread, so the state leaks across the examples of a worker, in the order
 *       it attacks them: with `--workers 1` that is dataset order, exactly as the released (non-parallel) run; with
 *       more workers it depends on scheduling, so results are reproducible only with one worker;
 *   (d) only the best-scoring candidate of a batch is checked for success;
 *   (e) a failed search returns the last batch's best instead of the best case seen;
 *   (f) a word with no candidates ends the search instead of being skipped;
 *   (g) no reuse of what the ranking learnt (its success is not returned; it probes every modifiable word). The
 *       released code also has no cache and may softmax scores twice: Quiver always caches (report `queries`, the
 *       requested count, to compare with the paper's Q-N), and targets return distributions that sum to 1, on which
 *       TextAttack's second softmax is a no-op.
 */
import type { AttackText } from '../core/attack-text.js';
import {
  bestOf,
  bestSuccess,
  byScoreDesc,
  type Evaluated,
  type SearchContext,
  type SearchMethod,
} from '../core/search.js';
import { boolean, integerAtLeast, oneOf, resolveOptions, type Check } from './options.js';
import { rankWords, rankings, type Ranking } from './word-importance.js';
import { ConfigError } from '../core/errors.js';

export type AbsQuirk = 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g';
export const absQuirks: readonly AbsQuirk[] = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

export interface AbsOptions {
  readonly beamWidth: number;
  readonly minBeamWidth: number;
  readonly ranking: Ranking;
  /** Return a success met while ranking (weighted-saliency scores every candidate) instead of searching on. */
  readonly reuseRankingSuccess: boolean;
  /**
   * How much of the beam a step expands. `all`: every member in one batch (the paper). `success`: one batch per
   * member, best first, stopping at the first success. `improvement`: also stopping at the first member with a child
   * that beats the best member, so the beam only widens its spending when the best path stalls.
   */
  readonly lazy: 'all' | 'success' | 'improvement';
  /**
   * Beam members compete with their children for the next beam, so a word whose edits do not help is skipped
   * instead of spending the edit budget on it (the paper keeps only children).
   */
  readonly keepParents: boolean;
  /** Only each member's best child at a word may enter the next beam, so the beam holds distinct edit sets. */
  readonly bestChildOnly: boolean;
  /**
   * At a word whose deletion does not help (importance <= 0), expand only the best beam member that has candidates
   * there: such words rarely pay for a whole beam.
   */
  readonly headOnlyUnimportant: boolean;
  /** Code-as-released behaviours to reproduce (see the module comment). */
  readonly quirks: readonly AbsQuirk[];
  /** Algorithm 1 as the paper intends: weighted-saliency ranking, one batch per step. */
  readonly paperIntent: boolean;
  /** The released code: paperIntent plus every quirk. */
  readonly paperFaithful: boolean;
}

export const absDefaults: AbsOptions = {
  beamWidth: 6,
  minBeamWidth: 1,
  ranking: 'delete',
  reuseRankingSuccess: true,
  lazy: 'improvement',
  keepParents: true,
  headOnlyUnimportant: true,
  bestChildOnly: true,
  quirks: [],
  paperIntent: false,
  paperFaithful: false,
};

const quirkList: Check = (v) =>
  Array.isArray(v) && v.every((q) => (absQuirks as readonly unknown[]).includes(q))
    ? null
    : `must be a list of quirk letters from ${absQuirks.join(', ')}`;

export function resolveAbsOptions(options: Partial<AbsOptions> | Readonly<Record<string, unknown>> = {}): AbsOptions {
  const given = options as Readonly<Record<string, unknown>>;
  const o = resolveOptions('abs', absDefaults, given, {
    beamWidth: integerAtLeast(1),
    minBeamWidth: integerAtLeast(1),
    ranking: oneOf(rankings),
    reuseRankingSuccess: boolean,
    lazy: oneOf(['all', 'success', 'improvement']),
    keepParents: boolean,
    headOnlyUnimportant: boolean,
    bestChildOnly: boolean,
    quirks: quirkList,
    paperIntent: boolean,
    paperFaithful: boolean,
  });
  if (o.minBeamWidth > o.beamWidth) {
    throw new ConfigError(`search abs: need minBeamWidth <= beamWidth, got ${o.minBeamWidth} and ${o.beamWidth}`);
  }
  if (!o.paperIntent && !o.paperFaithful) return o;
  // A preset sets what it names; options given alongside it still win.
  const preset: Partial<AbsOptions> = {
    ranking: 'weighted-saliency',
    lazy: 'all',
    keepParents: false,
    headOnlyUnimportant: false,
    bestChildOnly: false,
    ...(o.paperFaithful ? { quirks: absQuirks, reuseRankingSuccess: false } : {}),
  };
  const explicit = Object.fromEntries(
    Object.entries(given).filter(([k, v]) => v !== undefined && k !== 'paperIntent' && k !== 'paperFaithful'),
  );
  return { ...o, ...preset, ...explicit } as AbsOptions;
}

/** Per-object state: reset per example unless quirk (c) makes it leak, as in the released code. */
interface AdaptiveState {
  pMax: number;
  width: number;
}

export function abs(options: Partial<AbsOptions> | Readonly<Record<string, unknown>> = {}): SearchMethod {
  const opts = resolveAbsOptions(options);
  const q = new Set(opts.quirks);
  const leaked: AdaptiveState = { pMax: 1, width: opts.beamWidth }; // 1.0: the released code's "unset" sentinel
  return {
    name: 'abs',
    async search(ctx) {
      const state: AdaptiveState = q.has('c')
        ? leaked
        : { pMax: q.has('a') || q.has('b') ? 1 : 0, width: opts.beamWidth };
      const ranked = await rankWords(ctx, opts.ranking, { probeAll: q.has('g'), probeOnlyChanged: opts.keepParents });
      if (opts.reuseRankingSuccess && !q.has('g') && ranked.success !== undefined) return ranked.success;

      let beam: Evaluated[] = [ctx.original];
      let historicalBest: Evaluated = ctx.original;
      let lastBest: Evaluated = ctx.original;
      let firstStep = true;
      for (const id of ranked.order) {
        if (ctx.exhausted()) break;
        const expandable =
          opts.headOnlyUnimportant && !((ranked.importance.get(id) ?? 0) > 0) ? firstExpandable(ctx, beam, id) : beam;
        const step =
          opts.lazy === 'all'
            ? await batchStep(ctx, expandable, id, ranked.children)
            : await lazyStep(ctx, expandable, id, ranked.children, q, opts.lazy === 'improvement');
        if (step === undefined) {
          if (q.has('f')) break; // the released code stops; the paper skips a word with no candidates
          continue;
        }
        const { results, parentOf } = step;
        if (results.length === 0) break;
        const success = q.has('d') ? topIfSuccess(results) : bestSuccess(results);
        if (success !== undefined) return success;
        lastBest = bestOf(results)!;

        let width = state.width;
        if (!firstStep) {
          const ps = successShare(expandable, results, parentOf, q);
          if (q.has('a') || q.has('b') || q.has('c')) {
            if (ps > state.pMax || state.pMax === 1) state.pMax = ps;
          } else state.pMax = Math.max(state.pMax, ps);
          width = Math.floor(
            opts.minBeamWidth + (opts.beamWidth - opts.minBeamWidth) * (state.pMax > 0 ? ps / state.pMax : 0),
          );
          state.width = width;
        }
        firstStep = false;
        const pool = opts.keepParents
          ? [
              ...(opts.bestChildOnly ? bestChildPerParent(results, parentOf) : results),
              ...beam.filter((m) => !results.some((r) => r.text.text === m.text.text)),
            ]
          : results;
        const next = [...pool].sort(opts.keepParents ? byScoreThenCost : byScoreDesc).slice(0, Math.max(1, width));
        const worst = next[next.length - 1]!;
        if (historicalBest.score > worst.score && !next.some((e) => e.text.text === historicalBest.text.text)) {
          next[next.length - 1] = historicalBest; // backtracking
        }
        if (lastBest.score > historicalBest.score) historicalBest = lastBest;
        beam = next;
      }
      return q.has('e') ? lastBest : historicalBest;
    },
  };
}

interface Step {
  readonly results: Evaluated[];
  /** parentOf[k]: beam index of results[k]'s parent. */
  readonly parentOf: number[];
}

/** The best member that has candidates at word `id` (an earlier edit may block it for the head), alone. */
function firstExpandable(ctx: SearchContext, beam: readonly Evaluated[], id: number): Evaluated[] {
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
): { children: AttackText[]; parentOf: number[] } {
  const seen = new Set<string>();
  const children: AttackText[] = [];
  const parentOf: number[] = [];
  beam.forEach((member, b) => {
    const index = member.text.indexOfId(id);
    if (index < 0) return;
    const kids =
      member.text === ctx.original.text
        ? (known.get(id) ?? ctx.expand(member.text, index))
        : ctx.expand(member.text, index);
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
async function batchStep(
  ctx: SearchContext,
  beam: readonly Evaluated[],
  id: number,
  known: ReadonlyMap<number, readonly AttackText[]>,
): Promise<Step | undefined> {
  const { children, parentOf } = childrenAt(ctx, beam, id, known);
  if (children.length === 0) return undefined;
  return { results: await ctx.evaluate(children), parentOf };
}

/**
 * One batch per beam member, best member first, stopping at the first success: the step's outcome is the same
 * unless it succeeds, and then the weaker members' children were never needed.
 */
async function lazyStep(
  ctx: SearchContext,
  beam: readonly Evaluated[],
  id: number,
  known: ReadonlyMap<number, readonly AttackText[]>,
  q: ReadonlySet<AbsQuirk>,
  stopOnImprovement: boolean,
): Promise<Step | undefined> {
  const { children, parentOf } = childrenAt(ctx, beam, id, known);
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

function bestChildPerParent(results: readonly Evaluated[], parentOf: readonly number[]): Evaluated[] {
  const best = new Map<number, Evaluated>();
  results.forEach((r, k) => {
    const p = parentOf[k]!;
    const cur = best.get(p);
    if (cur === undefined || byScoreDesc(r, cur) < 0) best.set(p, r);
  });
  return [...best.values()];
}

/** Equal scores: the text with fewer edits first, so an edit that changes nothing never displaces its parent. */
function byScoreThenCost(a: Evaluated, b: Evaluated): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.text.cost !== b.text.cost) return a.text.cost - b.text.cost;
  return byScoreDesc(a, b);
}

function topIfSuccess(results: readonly Evaluated[]): Evaluated | undefined {
  const top = bestOf(results);
  return top?.succeeded ? top : undefined;
}

/**
 * P_s of Eq. 5. Paper intent: the share of expanded beam members whose best child beats the member. Quirk (a): the
 * j-th candidate against the j-th member, over all candidates; quirk (b): counting scores that went down.
 */
function successShare(
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
