/**
 * @module What the default search does after a sweep without a one-edit flip, where the target answers like a dense,
 * additive model (a naive Bayes or logistic classifier; most of its words move the score): give up early on an
 * example that no composite can flip, or ask straight away for the fewest edits forecast to flip it. A lexicon model
 * that reacts to a few words and averages or saturates over them is not additive, and gets the beam search instead.
 * The thresholds were chosen on the search comparison's six cells (experiments/search-comparison).
 */
import { bestOf, type Evaluated, type SearchContext } from '../core/search.js';
import { forecastComposite, type Known } from './additive-forecast.js';
import { leadOf } from './lead.js';

/** Share of one-edit answers that must move the score for the target to count as dense here. */
export const DENSE_SHARE = 0.4;
/** A composite that keeps the original label by more than this (log-probability) makes the example hopeless. */
export const HOPELESS_LEAD = 0.5;
/** How far below its forecast a composite's lead may fall before the forecast is not trusted. */
export const LEAD_TOLERANCE = 0.5;

export function isDense(ctx: SearchContext, answers: readonly Evaluated[]): boolean {
  return (
    answers.length > 0 && answers.filter((r) => r.score !== ctx.original.score).length >= DENSE_SHARE * answers.length
  );
}

/**
 * When even the best composite is forecast to keep the original label, ask for it, and for the composite of every
 * edit that moved the score. A flip ends the search. Both answered within LEAD_TOLERANCE of their forecasts and
 * still above HOPELESS_LEAD: the example is hopeless, and this returns the best text seen. Either one much better
 * than forecast: the target is not additive here, and this returns undefined for the search to go on.
 */
export async function confirmHopeless(
  ctx: SearchContext,
  known: ReadonlyMap<number, readonly Known[]>,
): Promise<Evaluated | undefined> {
  const best = forecastComposite(ctx, known, 'best');
  if (!(best.lead > HOPELESS_LEAD)) return undefined;
  const seen = [ctx.original, ...new Set([...known.values()].flat().map((k) => k.answer))];
  for (const forecast of [best, forecastComposite(ctx, known, 'movers')]) {
    if (forecast.text === ctx.original.text) continue; // nothing to ask: the forecast is the original's own lead
    const [real] = await ctx.evaluate([forecast.text]);
    if (real === undefined) return bestOf(seen);
    if (real.succeeded) return real;
    seen.push(real);
    const lead = leadOf(ctx, real);
    if (lead < forecast.lead - LEAD_TOLERANCE || lead <= HOPELESS_LEAD) return undefined;
  }
  return bestOf(seen);
}

/**
 * The fewest of the best edits forecast to flip the example, asked for, then one edit more: a flip found this way
 * has about as few edits as edits adding up allow. Undefined when neither flips.
 */
export async function composeByForecast(
  ctx: SearchContext,
  known: ReadonlyMap<number, readonly Known[]>,
): Promise<Evaluated | undefined> {
  const { steps } = forecastComposite(ctx, known, 'best');
  const first = steps.findIndex((s) => s.lead < 0);
  if (first < 0) return undefined;
  for (const step of steps.slice(first, first + 2)) {
    const [real] = await ctx.evaluate([step.text]);
    if (real === undefined) return undefined;
    if (real.succeeded) return real;
  }
  return undefined;
}
