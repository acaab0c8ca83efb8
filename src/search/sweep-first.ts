/**
 * @module The default search's first phase: the one-edit sweep (one-edit-sweep.ts), then, where the target answers
 * like a dense, additive model, an early end for a hopeless example or a straight ask for the fewest edits forecast
 * to flip it (dense-target.ts). What it leaves undecided goes to the ABS beam, with the words ranked by their best
 * measured edit.
 */
import type { Evaluated, SearchContext } from '../core/search.js';
import { composeByForecast, confirmHopeless, isDense } from './dense-target.js';
import { OneEditSweep, type SweepResult } from './one-edit-sweep.js';
import type { SearchPrior } from './surrogate/search-prior.js';

export interface SweepFirstOptions {
  readonly interchangeable: ReadonlySet<string>;
  /** Use the additive forecast where the target looks dense (AbsOptions.forecast). */
  readonly forecast: boolean;
  readonly prior: SearchPrior | undefined;
}

/** `found`: the search's answer (a flip, or the best text of a hopeless example); otherwise what the beam needs. */
export async function sweepFirst(
  ctx: SearchContext,
  options: SweepFirstOptions,
): Promise<{ readonly found: Evaluated } | { readonly ranked: SweepResult; readonly dense: boolean }> {
  const surrogate = options.prior?.scorer(ctx);
  const sweep = new OneEditSweep(ctx, {
    interchangeable: options.interchangeable,
    predict: surrogate?.gain,
    view: surrogate?.view,
  });
  const oneEdit = await sweep.main();
  if (oneEdit !== undefined) return { found: oneEdit };
  const dense = isDense(ctx, [...sweep.result().scored.values()].flat());
  if (dense && options.forecast) {
    const hopeless = await confirmHopeless(ctx, sweep.known());
    if (hopeless !== undefined) return { found: hopeless };
  }
  // Every one-edit candidate is asked about before any composite counts, so a one-edit flip is never missed.
  const late = await sweep.rest();
  if (late !== undefined) return { found: late };
  if (dense && options.forecast) {
    const composed = await composeByForecast(ctx, sweep.known());
    if (composed !== undefined) return { found: composed };
  }
  return { ranked: sweep.result(), dense };
}
