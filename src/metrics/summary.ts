/**
 * @module Campaign summary from result records, with TextAttack's metric definitions: success rate excludes
 * skipped examples; perturbed-word % averages successes only; queries average over attacked (succeeded + failed).
 */
import type { ResultRecord } from '../contracts/record.js';
import { mean, meanCi95, ratio, type MeanWithCi } from './stats.js';

export interface FamilySummary {
  /** Edits of this family across all verified adversarial examples. */
  readonly edits: number;
  /** Adversarial examples that use this family at least once. */
  readonly successesUsing: number;
  /** Adversarial examples made of this family alone. */
  readonly successesOnly: number;
}

export interface Summary {
  readonly examples: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  readonly errored: number;
  readonly originalAccuracy: number | null;
  readonly accuracyUnderAttack: number | null;
  readonly attackSuccessRate: number | null;
  readonly avgPerturbedWordPct: number | null;
  readonly avgFlipDistance: number | null;
  readonly avgQueries: number | null;
  readonly avgUniqueQueries: number | null;
  readonly stabilityScore: MeanWithCi;
  readonly byFamily: Record<string, FamilySummary>;
  /** Flips that never reproduced on re-query, and flips that reproduced only some of the time (`--verify K`). */
  readonly unverified: number;
  readonly unstable: number;
  readonly elapsedMs?: number;
  readonly stopReason?: string;
}

export function summarize(records: readonly ResultRecord[]): Summary {
  const count = (s: ResultRecord['status']) => records.filter((r) => r.status === s).length;
  const succeeded = records.filter((r) => r.status === 'succeeded');
  const attacked = records.filter((r) => r.status === 'succeeded' || r.status === 'failed');
  const withOriginal = records.filter((r) => r.original !== null);
  const correct = withOriginal.filter((r) => r.original!.label === r.groundTruth).length;
  // Still correct after the attack: correct originals the search could not flip.
  const robust = records.filter((r) => r.status === 'failed' && r.original?.label === r.groundTruth).length;
  return {
    examples: records.length,
    succeeded: succeeded.length,
    failed: count('failed'),
    skipped: count('skipped'),
    errored: count('errored'),
    originalAccuracy: ratio(correct, withOriginal.length),
    accuracyUnderAttack: ratio(robust, withOriginal.length),
    attackSuccessRate: ratio(succeeded.length, attacked.length),
    avgPerturbedWordPct: pct(mean(succeeded.map((r) => r.perturbedWordRatio ?? 0))),
    avgFlipDistance: mean(succeeded.map((r) => r.flipDistance ?? 0)),
    avgQueries: mean(attacked.map((r) => r.queries)),
    avgUniqueQueries: mean(attacked.map((r) => r.uniqueQueries)),
    stabilityScore: meanCi95(
      records.flatMap((r) => (r.stability === null ? [] : [r.stability])),
      0,
      1,
    ),
    byFamily: byFamily(succeeded),
    unverified: records.filter((r) => r.reason === 'unverified').length,
    unstable: records.filter((r) => r.reason === 'unstable').length,
  };
}

function pct(x: number | null): number | null {
  return x === null ? null : x * 100;
}

function byFamily(succeeded: readonly ResultRecord[]): Record<string, FamilySummary> {
  const out: Record<string, { edits: number; successesUsing: number; successesOnly: number }> = {};
  for (const r of succeeded) {
    const families = new Set(r.edits.map((e) => e.family));
    for (const e of r.edits) (out[e.family] ??= { edits: 0, successesUsing: 0, successesOnly: 0 }).edits++;
    for (const f of families) {
      const s = out[f]!;
      s.successesUsing++;
      if (families.size === 1) s.successesOnly++;
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
