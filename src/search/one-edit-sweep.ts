/**
 * @module The one-edit sweep: scores the original's one-edit neighbourhood before any edit is composed, so a flip
 * that one edit can make is always found as one edit, and every word is ranked by what its best edit really does
 * (not by what deleting it does, which says nothing about a replacement's own weight).
 *
 * Most of a neighbourhood is variants of one slip: the four default typos of a word ("tatsy", "tasyt", "tsty",
 * "tastt") are each a non-word in its place, and a model that reads words sees them alike (measured on the search
 * comparison's six cells: all typo variants of a word scored the same for 1,273 of 1,274 words of SST-2 × wink, 2,061
 * of 2,075 of Financial PhraseBank × naive Bayes). Candidates of an `interchangeable` family at one word form one
 * class; the sweep asks the target about its first member only. The others stay in the space: the beam tries them at
 * texts close to flipping, where a small difference can decide (lead.ts).
 */
import type { AttackText } from '../core/attack-text.js';
import type { Evaluated, SearchContext } from '../core/search.js';
import type { Known } from './additive-forecast.js';

/**
 * The candidates at one word, one per class: the first (in text order) of an interchangeable family, every other
 * one.
 */
export function representatives(kids: readonly AttackText[], interchangeable: ReadonlySet<string>): AttackText[] {
  if (interchangeable.size === 0) return [...kids];
  const seen = new Set<string>();
  return kids.filter((k) => {
    const family = k.lastEdit?.edit.family;
    if (family === undefined || !interchangeable.has(family)) return true;
    if (seen.has(family)) return false;
    seen.add(family);
    return true;
  });
}

export interface SweepResult {
  /** Word ids with at least one candidate, best measured edit first (ties: text order). */
  readonly order: number[];
  /** Per word id: the score gain of its best edit over the original (0 for words the budget cut off). */
  readonly importance: ReadonlyMap<number, number>;
  /** The original's representatives per word id, already scored (a later search step pays nothing for them). */
  readonly children: ReadonlyMap<number, readonly AttackText[]>;
  /** Every candidate scored so far, per word id. */
  readonly scored: ReadonlyMap<number, readonly Evaluated[]>;
}

export interface SweepOptions {
  readonly interchangeable: ReadonlySet<string>;
  /**
   * A surrogate's predicted gain per candidate (higher: swept sooner); absent: text order. A success ends the
   * sweep, so a good order makes one-edit flips cheap; it never changes what is swept when none flips.
   */
  readonly predict?: ((candidate: AttackText) => number) | undefined;
  /**
   * A surrogate's view of a candidate (for a word-level model: the words it knows): a candidate that looks to it
   * like the original, or like its word's probe, is deferred to `rest()`, which a search may skip once it knows the
   * example is hopeless (a rare word the surrogate never saw inserted, two clauses swapped under a bag of words).
   */
  readonly view?: ((text: AttackText) => string) | undefined;
}

interface Item {
  readonly id: number;
  readonly cand: AttackText;
}

/** A deferred candidate and the one it looks like to the surrogate: its word's probe, or the original. */
interface Deferred extends Item {
  readonly like: AttackText;
}

/**
 * The sweep, in up to three passes. First one probe per word, the representative of its interchangeable family (a
 * typo: the word gone, as leave-one-out deletion measures it, but a real candidate that may flip on its own); then
 * every other representative, words whose probe moved the score most first (a synonym of a word that matters is the
 * likeliest one-edit flip left), except those the surrogate cannot tell from what was already asked, which `rest()`
 * sweeps last. Within a pass, the surrogate's order, else text order. One candidate per request, so the first flip
 * ends the sweep without a wasted query.
 */
export class OneEditSweep {
  private readonly children = new Map<number, readonly AttackText[]>();
  private readonly scored = new Map<number, Evaluated[]>();
  private readonly effect = new Map<number, number>();
  private readonly predicted = new Map<AttackText, number>();
  private deferred: Deferred[] = [];
  private readonly answers = new Map<AttackText, Evaluated>();

  constructor(
    private readonly ctx: SearchContext,
    private readonly options: SweepOptions,
  ) {
    const original = ctx.original.text;
    for (const i of ctx.positions(original)) {
      const reps = representatives(ctx.expand(original, i), options.interchangeable);
      if (reps.length > 0) this.children.set(original.ids[i]!, reps);
    }
  }

  /** The probes, then the other candidates the surrogate can tell apart; a one-edit flip, or undefined. */
  async main(): Promise<Evaluated | undefined> {
    const all = [...this.children].flatMap(([id, reps]) => reps.map((cand) => ({ id, cand })));
    const probes = all.filter((x) => this.isProbe(x.cand)).sort(this.byPrediction);
    const found = await this.sweep(probes);
    if (found !== undefined) return found;
    const view = this.options.view;
    const others = all.filter((x) => !this.isProbe(x.cand));
    if (view !== undefined) {
      const original = this.ctx.original.text;
      const originalView = view(original);
      const probeOf = new Map(probes.map((p) => [p.id, { cand: p.cand, view: view(p.cand) }]));
      for (const x of others) {
        const v = view(x.cand);
        const probe = probeOf.get(x.id);
        if (v === originalView) this.deferred.push({ ...x, like: original });
        else if (probe !== undefined && v === probe.view) this.deferred.push({ ...x, like: probe.cand });
      }
    }
    const deferred = new Set(this.deferred.map((d) => d.cand));
    const now = others.filter((x) => !deferred.has(x.cand));
    return this.sweep(
      now.sort((a, b) => (this.effect.get(b.id) ?? 0) - (this.effect.get(a.id) ?? 0) || this.byPrediction(a, b)),
    );
  }

  /** The candidates `main()` deferred; a one-edit flip, or undefined. */
  async rest(): Promise<Evaluated | undefined> {
    const items = this.deferred;
    this.deferred = [];
    return this.sweep(items.sort(this.byPrediction));
  }

  /**
   * Every one-edit candidate with an answer to stand on: the scored ones with their own, the deferred ones (while
   * deferred) with the answer of the candidate they look like.
   */
  known(): Map<number, Known[]> {
    const out = new Map<number, Known[]>();
    for (const [id, rs] of this.scored)
      out.set(
        id,
        rs.map((r) => ({ text: r.text, answer: r })),
      );
    for (const d of this.deferred) {
      const answer = d.like === this.ctx.original.text ? this.ctx.original : this.answers.get(d.like);
      if (answer !== undefined) out.set(d.id, [...(out.get(d.id) ?? []), { text: d.cand, answer }]);
    }
    return out;
  }

  result(): SweepResult {
    const textOrder = [...this.children.keys()];
    const gain = (rs: readonly Evaluated[] | undefined) =>
      rs === undefined ? 0 : Math.max(...rs.map((r) => r.score)) - this.ctx.original.score;
    const importance = new Map(textOrder.map((id) => [id, gain(this.scored.get(id))]));
    // Stable: equal gains keep text order.
    const order = [...textOrder].sort((a, b) => importance.get(b)! - importance.get(a)!);
    return { order, importance, children: this.children, scored: this.scored };
  }

  private isProbe(c: AttackText): boolean {
    return this.options.interchangeable.has(c.lastEdit?.edit.family ?? '');
  }

  private predict(c: AttackText): number {
    if (this.options.predict === undefined) return 0;
    let g = this.predicted.get(c);
    if (g === undefined) {
      g = this.options.predict(c);
      this.predicted.set(c, g);
    }
    return g;
  }

  private readonly byPrediction = (a: Item, b: Item): number => this.predict(b.cand) - this.predict(a.cand);

  private async sweep(items: readonly Item[]): Promise<Evaluated | undefined> {
    const s0 = this.ctx.original.score;
    for (const { id, cand } of items) {
      if (this.ctx.exhausted()) return undefined;
      const [r] = await this.ctx.evaluate([cand]);
      if (r === undefined) return undefined;
      if (r.succeeded) return r;
      this.answers.set(cand, r);
      this.scored.set(id, [...(this.scored.get(id) ?? []), r]);
      if (this.isProbe(cand)) this.effect.set(id, Math.abs(r.score - s0));
    }
    return undefined;
  }
}
