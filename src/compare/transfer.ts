/**
 * @module Transferability: the verified adversarial examples found against model A, replayed against model B.
 * A cell counts A's flips on examples whose original B labels right (`eligible`) and, of those, the ones on which
 * B is wrong too (`transferred`). The diagonal is A's own verified flips, so 100% by construction: not re-queried.
 */
import type { CampaignData } from '../storage/campaign-data.js';
import type { Target } from '../core/target.js';
import type { Alignment } from './align.js';

export interface TransferCount {
  readonly eligible: number;
  readonly transferred: number;
}

export interface TransferCell extends TransferCount {
  /** transferred / eligible; null when nothing was eligible. */
  readonly share: number | null;
  /** The same counts split by the perturbation families the source example uses (one example may count twice). */
  readonly byFamily: Readonly<Record<string, TransferCount>>;
}

/** [source][target] cells, in campaign order. */
export type TransferMatrix = readonly (readonly TransferCell[])[];

/** An adversarial text of one example, to be answered by another campaign's model on that example. */
export interface TransferItem {
  readonly id: string;
  readonly text: string;
}

/**
 * What campaign `c`'s model answers (a label) on each item, in order. A classifier needs only the text; an assertion
 * campaign answers with the verdict of its own test of that example (`pass` or `fail`).
 */
export type TransferAnswers = (c: CampaignData, items: readonly TransferItem[]) => Promise<string[]>;

/** Answers from each campaign's target, in batches, each distinct text sent once. */
export function answersFromTargets(targetFor: (c: CampaignData) => Promise<Target>, batchSize = 64): TransferAnswers {
  return async (c, items) => {
    const texts = [...new Set(items.map((i) => i.text))];
    const labels = new Map<string, string>();
    if (texts.length > 0) {
      const target = await targetFor(c);
      for (let i = 0; i < texts.length; i += batchSize) {
        const batch = texts.slice(i, i + batchSize);
        const predictions = await target.predict(batch);
        for (const [j, text] of batch.entries()) labels.set(text, predictions[j]!.label);
      }
    }
    return items.map((i) => labels.get(i.text)!);
  };
}

export async function transferMatrix(
  campaigns: readonly CampaignData[],
  alignment: Alignment,
  answers: TransferAnswers,
): Promise<TransferMatrix> {
  const flips = alignment.records.map((m) =>
    alignment.ids.flatMap((id) => {
      const r = m.get(id);
      return r?.status === 'succeeded' && r.adversarial !== null ? [r] : [];
    }),
  );
  const rows: TransferCell[][] = campaigns.map(() => []);
  const key = (i: TransferItem) => `${i.id}\u0000${i.text}`;
  for (let t = 0; t < campaigns.length; t++) {
    const seen = new Set<string>();
    const items: TransferItem[] = [];
    for (const [s, fs] of flips.entries()) {
      if (s === t) continue;
      for (const r of fs) {
        const item = { id: r.id, text: r.adversarial!.text };
        if (!seen.has(key(item))) items.push(item);
        seen.add(key(item));
      }
    }
    const labels = new Map<string, string>();
    if (items.length > 0)
      for (const [j, label] of (await answers(campaigns[t]!, items)).entries()) labels.set(key(items[j]!), label);
    for (let s = 0; s < campaigns.length; s++) {
      const byFamily: Record<string, { eligible: number; transferred: number }> = {};
      let eligible = 0;
      let transferred = 0;
      for (const r of flips[s]!) {
        const onTarget = alignment.records[t]!.get(r.id);
        // Only an original the target labels right can be flipped.
        if (
          onTarget?.original === null ||
          onTarget?.original === undefined ||
          onTarget.original.label !== r.groundTruth
        )
          continue;
        const hit = s === t || labels.get(key({ id: r.id, text: r.adversarial!.text })) !== r.groundTruth;
        eligible++;
        if (hit) transferred++;
        for (const f of new Set(r.edits.map((e) => e.family))) {
          byFamily[f] ??= { eligible: 0, transferred: 0 };
          const cell = byFamily[f];
          cell.eligible++;
          if (hit) cell.transferred++;
        }
      }
      rows[s]![t] = { eligible, transferred, share: eligible === 0 ? null : transferred / eligible, byFamily };
    }
  }
  return rows;
}
