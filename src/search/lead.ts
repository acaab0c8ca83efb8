/**
 * @module The original label's lead: log-probability of the label the original was given minus that of the strongest
 * other label, in any answer (below 0: the label has changed). The quantity the sweep's forecasts add up, and the
 * measure of how close a text is to flipping.
 */
import type { Evaluated, SearchContext } from '../core/search.js';

/** Probabilities are clamped here, so a hard 0/1 answer gives a large but finite lead. */
const FLOOR = 1e-9;

/**
 * Typo variants of a word are interchangeable to a word-level model only nearly (8 of 1,516 words of MR × vader had
 * variants that scored differently); a text whose original label leads by less than this (0.2 is 55 % against 45 %
 * between two labels) is close enough to flipping for that difference to decide, so there every variant is tried.
 */
export const NEAR_LEAD = 0.2;

/** Per label of the original's answer, in its key order, the log-probability in `e`. */
export function logProbs(ctx: SearchContext, e: Evaluated): number[] {
  return Object.keys(ctx.original.prediction.scores).map((l) => Math.log(Math.max(FLOOR, e.prediction.scores[l] ?? 0)));
}

/** The lead in a vector of `logProbs`. */
export function leadIn(ctx: SearchContext, v: readonly number[]): number {
  const own = Object.keys(ctx.original.prediction.scores).indexOf(ctx.original.prediction.label);
  let other = -Infinity;
  for (let c = 0; c < v.length; c++) if (c !== own) other = Math.max(other, v[c]!);
  return v[own]! - other;
}

export function leadOf(ctx: SearchContext, e: Evaluated): number {
  return leadIn(ctx, logProbs(ctx, e));
}

export function nearBoundary(ctx: SearchContext, e: Evaluated): boolean {
  return leadOf(ctx, e) < NEAR_LEAD;
}
