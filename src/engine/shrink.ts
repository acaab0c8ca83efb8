/**
 * @module Shrinks a successful edit set to a 1-minimal one (delta debugging, one edit at a time): an edit is undone
 * whenever the flip survives without it, until no single edit can be undone. Replays use the edits' stable word ids.
 */
import { AttackText } from '../core/attack-text.js';
import type { Evaluated, SearchContext } from '../core/search.js';

export interface ShrinkResult {
  readonly result: Evaluated;
  /** False when the query budget ran out before minimality could be established. */
  readonly minimal: boolean;
}

export async function shrinkToMinimal(ctx: SearchContext, found: Evaluated): Promise<ShrinkResult> {
  const applied = found.text.applied;
  let keep = applied.map((_, k) => k);
  let current = found;
  let changed = true;
  while (changed && keep.length > 1) {
    changed = false;
    for (const k of keep) {
      const subset = keep.filter((j) => j !== k);
      let candidate: AttackText;
      try {
        candidate = AttackText.replay(ctx.original.text, applied, subset);
      } catch {
        continue; // this edit anchors a later one (e.g. a swap over an inserted word): it must stay
      }
      const [r] = await ctx.evaluate([candidate]);
      if (r === undefined) return { result: current, minimal: false };
      if (r.succeeded) {
        current = r;
        keep = subset;
        changed = true;
        break;
      }
    }
  }
  return { result: current, minimal: true };
}
