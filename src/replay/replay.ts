/**
 * @module Replays a suite against a target and classifies each case: an adversarial case is `still-failing` while the
 * model still answers wrong and `fixed` once it answers the expected label; a control `passed` or `regressed`. A case
 * of an assertion campaign is answered by its test: the prompt rendered around its var, the output checked by the
 * test's assertions (`pass` is right), against the case's own target unless one target is given for all.
 */
import type { SuiteCaseLine } from '../exporters/quiver-suite.js';
import type { CaseTest } from '../exporters/types.js';
import { ConfigError } from '../core/errors.js';
import type { Target } from '../core/target.js';
import { checkedTarget, compileTestRun } from '../suite/checked-target.js';

export type ReplayStatus = 'still-failing' | 'fixed' | 'passed' | 'regressed';

export interface ReplayedCase {
  readonly case: SuiteCaseLine;
  readonly status: ReplayStatus;
  /** What the target answers now (an assertion case: its test's verdict, `pass` or `fail`). */
  readonly label: string;
  /** An assertion case: the output now, and the assertion it fails (null: none). */
  readonly output?: string;
  readonly failed?: { readonly type: string; readonly where: string; readonly reason: string } | null;
}

/** The model an assertion case runs on (its recorded target), when no single target is given. */
export type ModelFor = (target: CaseTest['target']) => Promise<Target>;

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

/**
 * Sends the texts in batches (one predict call per batch), in suite order. `target`: one target for every case (null
 * is allowed when every case is an assertion case, each then run on its own target through `modelFor`).
 */
export async function replaySuite(
  cases: readonly SuiteCaseLine[],
  target: Target | null,
  batchSize = 64,
  modelFor?: ModelFor,
): Promise<ReplayResult> {
  if (cases.some((c) => c.test !== undefined)) return replayAssertionCases(cases, target, modelFor);
  if (target === null)
    throw new ConfigError('--target is required: the suite holds labelled cases, which name no target of their own');
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

/** Each case's test, one case at a time (every case has its own prompt and assertions). */
async function replayAssertionCases(
  cases: readonly SuiteCaseLine[],
  target: Target | null,
  modelFor?: ModelFor,
): Promise<ReplayResult> {
  const started = performance.now();
  const out: ReplayedCase[] = [];
  for (const c of cases) {
    const t = c.test;
    if (t === undefined)
      throw new ConfigError(`case ${c.id} has no test, but the suite is an assertion campaign's: export it again`);
    const model = target ?? (await modelFor?.(t.target));
    if (model === undefined) throw new Error('internal: no target to replay an assertion case on');
    const checked = checkedTarget(
      model,
      t.run,
      t.perturbVar,
      c.original,
      await compileTestRun(t.run),
      t.originalOutput,
    );
    const [p] = await checked.predict([c.text]);
    out.push({
      case: c,
      status: classify(c, p!.label),
      label: p!.label,
      output: p!.output ?? '',
      failed: p!.failed ?? null,
    });
  }
  const targets = [...new Set(cases.map((c) => c.test!.target.spec))].join(', ');
  return {
    target: target?.id ?? targets,
    cases: out,
    counts: countStatuses(out),
    elapsedMs: performance.now() - started,
  };
}
