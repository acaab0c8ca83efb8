/**
 * @module Replays a suite against a target and classifies each case: an adversarial case is `still-failing` while the
 * model still answers wrong and `fixed` once it answers the expected label; a control `passed` or `regressed`.
 */
import type { SuiteCaseLine } from '../exporters/quiver-suite.js';
import { ConfigError } from '../core/errors.js';
import type { Target } from '../core/target.js';

export type ReplayStatus = 'still-failing' | 'fixed' | 'passed' | 'regressed';

export interface ReplayedCase {
  readonly case: SuiteCaseLine;
  readonly status: ReplayStatus;
  /** What the target answers now. */
  readonly label: string;
}

export interface ReplayCounts {
  readonly 'still-failing': number;
  readonly fixed: number;
  readonly passed: number;
  readonly regressed: number;
}

export interface ReplayResult {
  readonly target: string;
  readonly cases: readonly ReplayedCase[];
  readonly counts: ReplayCounts;
  readonly elapsedMs: number;
}

export function classify(c: Pick<SuiteCaseLine, 'kind' | 'expected'>, label: string): ReplayStatus {
  const right = label === c.expected;
  if (c.kind === 'adversarial') return right ? 'fixed' : 'still-failing';
  return right ? 'passed' : 'regressed';
}

export function countStatuses(cases: readonly { readonly status: ReplayStatus }[]): ReplayCounts {
  const n = (s: ReplayStatus) => cases.filter((c) => c.status === s).length;
  return { 'still-failing': n('still-failing'), fixed: n('fixed'), passed: n('passed'), regressed: n('regressed') };
}

/** Sends the texts in batches (one predict call per batch), in suite order. */
export async function replaySuite(
  cases: readonly SuiteCaseLine[],
  target: Target,
  batchSize = 64,
): Promise<ReplayResult> {
  const unknown = [...new Set(cases.map((c) => c.expected))].filter((l) => !target.labels.includes(l));
  if (unknown.length > 0) {
    throw new ConfigError(
      `the suite expects label(s) ${unknown.map((l) => JSON.stringify(l)).join(', ')} that ${target.id} never ` +
        `returns (its labels: ${target.labels.join(', ')})`,
    );
  }
  const started = performance.now();
  const out: ReplayedCase[] = [];
  for (let i = 0; i < cases.length; i += batchSize) {
    const batch = cases.slice(i, i + batchSize);
    const predictions = await target.predict(batch.map((c) => c.text));
    if (predictions.length !== batch.length) {
      throw new Error(`${target.id} returned ${predictions.length} predictions for ${batch.length} texts`);
    }
    batch.forEach((c, j) => {
      const label = predictions[j]!.label;
      out.push({ case: c, status: classify(c, label), label });
    });
  }
  return { target: target.id, cases: out, counts: countStatuses(out), elapsedMs: performance.now() - started };
}
