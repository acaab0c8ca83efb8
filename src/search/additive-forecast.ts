/**
 * @module What the one-edit answers promise for a composite, before any composite is asked for. Assumes edits add up
 * in log-probability, as they do exactly for naive Bayes and roughly for other dense word-level models. Composites
 * are built through the candidate space itself (`ctx.expand`), so every constraint, the typo cap and the edit budget
 * hold; no query is spent here.
 */
import type { AttackText } from '../core/attack-text.js';
import type { Evaluated, SearchContext } from '../core/search.js';
import { editKey } from './edit-space.js';
import { leadIn, logProbs } from './lead.js';

/**
 * A one-edit candidate and the answer it stands on: its own, or, for a candidate not asked about, the answer of one
 * the surrogate cannot tell it from.
 */
export interface Known {
  readonly text: AttackText;
  readonly answer: Evaluated;
}

export interface Forecast {
  /** Forecast lead of the original label after the whole composite: above 0, it keeps the label. */
  readonly lead: number;
  /** The composite (not yet asked for). */
  readonly text: AttackText;
  /** The composite edit by edit: each prefix and its forecast lead. */
  readonly steps: readonly { readonly text: AttackText; readonly lead: number }[];
}

/**
 * `best`: each word's edit that narrows the lead most, words in that order, applied while the forecast lead keeps
 * shrinking (the best composite if edits add up). `movers`: each word's edit that moves the lead most either way,
 * all of them, largest first: a composite in another direction, which a target that is not additive (a lexicon model
 * that averages over its sentiment words, where removing every one of them flips what removing any one does not)
 * answers far from its forecast. A word whose first choice is blocked once earlier edits are in (the typo cap, the
 * edit budget) gets its next one.
 */
export function forecastComposite(
  ctx: SearchContext,
  known: ReadonlyMap<number, readonly Known[]>,
  kind: 'best' | 'movers',
): Forecast {
  const base = logProbs(ctx, ctx.original);
  const lead = (v: readonly number[]) => leadIn(ctx, v);
  const lead0 = lead(base);
  const perWord: { id: number; edits: { key: string; delta: number[]; rank: number }[] }[] = [];
  for (const [id, results] of known) {
    const edits = results
      .map((r) => {
        const delta = logProbs(ctx, r.answer).map((x, c) => x - base[c]!);
        const alone = lead(base.map((x, c) => x + delta[c]!));
        return { key: editKey(r.text), delta, alone, rank: kind === 'best' ? alone : -Math.abs(alone - lead0) };
      })
      .filter((e) => kind === 'best' || e.alone !== lead0)
      .sort((a, b) => a.rank - b.rank);
    if (edits.length > 0) perWord.push({ id, edits });
  }
  // Stable: equal forecasts keep text order.
  perWord.sort((a, b) => a.edits[0]!.rank - b.edits[0]!.rank);
  let text = ctx.original.text;
  let current = base;
  const steps: { text: AttackText; lead: number }[] = [];
  for (const w of perWord) {
    const index = text.indexOfId(w.id);
    if (index < 0) continue;
    const offered = ctx.expand(text, index);
    for (const e of w.edits) {
      const next = current.map((x, c) => x + e.delta[c]!);
      if (kind === 'best' && !(lead(next) < lead(current))) break;
      const child = offered.find((c) => editKey(c) === e.key);
      if (child === undefined) continue;
      text = child;
      current = next;
      steps.push({ text, lead: lead(current) });
      break;
    }
  }
  return { lead: lead(current), text, steps };
}
