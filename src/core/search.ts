/**
 * @module The search contract (a method explores candidates through a typed context and returns its best find) and the
 * deterministic ordering of results every method shares.
 */
import type { AttackText } from './attack-text.js';
import type { Prediction } from './target.js';
import type { Rng } from './rng.js';

export interface Evaluated {
  readonly text: AttackText;
  readonly prediction: Prediction;
  /** Goal score: higher is closer to success. */
  readonly score: number;
  readonly succeeded: boolean;
}

export interface SearchContext {
  readonly original: Evaluated;
  /** Current indices of `text` where an edit may be anchored (pre-constraints applied), in order. */
  positions(text: AttackText): number[];
  /** All valid one-edit neighbours of `text` anchored at `index`, over every perturbation, sorted by text. */
  expand(text: AttackText, index: number): AttackText[];
  /** `text` with the word at `index` masked (leave-one-out probe for word importance); never a final answer. */
  mask(text: AttackText, index: number, how: 'unk' | 'delete'): AttackText;
  /**
   * Scores texts in one batch. Cached: a text already seen costs nothing. When the query budget runs out the result
   * is shorter than the input (a prefix); check `exhausted()`.
   */
  evaluate(texts: readonly AttackText[]): Promise<Evaluated[]>;
  exhausted(): boolean;
  readonly rng: Rng;
}

export interface SearchMethod {
  readonly name: string;
  /** The best text found: a success if one was found, otherwise the highest-scoring candidate (or the original). */
  search(ctx: SearchContext): Promise<Evaluated>;
}

/** The mask word of leave-one-out probes (`mask(text, i, 'unk')`). */
export const UNK = '[UNK]';

/** Highest score first; ties broken by text so every run orders the same way. */
export function byScoreDesc(a: Evaluated, b: Evaluated): number {
  if (b.score !== a.score) return b.score - a.score;
  return a.text.text < b.text.text ? -1 : a.text.text > b.text.text ? 1 : 0;
}

/** The best successful result of a batch, or undefined. */
export function bestSuccess(results: readonly Evaluated[]): Evaluated | undefined {
  let best: Evaluated | undefined;
  for (const r of results) if (r.succeeded && (best === undefined || byScoreDesc(r, best) < 0)) best = r;
  return best;
}

export function bestOf(results: readonly Evaluated[]): Evaluated | undefined {
  let best: Evaluated | undefined;
  for (const r of results) if (best === undefined || byScoreDesc(r, best) < 0) best = r;
  return best;
}
