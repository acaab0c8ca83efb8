/**
 * @module `quiver run --dry-run`: attacks a small seeded pilot spread over the planned examples (in a temporary
 * folder; nothing is written to --out) and extrapolates queries, tokens, cost and wall time to the whole campaign.
 * The spread comes from the pilot's per-example quartiles.
 *
 * Wall time is start-up (pool, models, dataset scan) + warm-up (the first examples of each worker run several times
 * slower while V8 compiles and the caches fill) + the planned examples at the warm pace. Extrapolating the pilot's
 * cold examples overestimated a 100,000-line campaign 40-fold; so the pilot of an in-process target runs for six
 * seconds after its first example (far more examples than `--pilot`, at no cost), and its warm pace comes from its
 * last quarter.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultRecord } from '../contracts/record.js';
import { fanOut } from '../progress/reporter.js';
import { forEachRecord } from '../storage/results-file.js';
import { formatDuration } from '../progress/progress.js';
import { targetDriver, targetLabels } from '../targets/index.js';
import { scanDataset } from './dataset.js';
import { plannedIds } from './plan.js';
import { planSuiteCampaign } from './suite.js';
import { defaultTextLimits } from './text-check.js';
import { runCampaign, type RunRequest } from './run.js';

export interface Range {
  readonly expected: number;
  /** From the pilot's lower and upper quartile per example. */
  readonly low: number;
  readonly high: number;
}

export interface Estimate {
  readonly plannedExamples: number;
  readonly pilotExamples: number;
  readonly pilotMs: number;
  readonly queries: Range;
  readonly tokens: Range | null;
  readonly costUsd: Range | null;
  readonly wallMs: Range;
}

/** An in-process target's pilot: up to this many examples, or this long, whichever comes first. */
const LOCAL_PILOT_EXAMPLES = 2_000;
/** From the pilot's first finished example, so that start-up (seconds on a loaded machine) does not shorten it. */
const LOCAL_PILOT_MS = 6_000;

export async function estimateCampaign(req: RunRequest, pilotSize: number): Promise<Estimate> {
  // An assertion campaign's target and runs come from its suite.
  const suite =
    req.suite === undefined
      ? undefined
      : await planSuiteCampaign(req.attack, req.suite, req.dataset.limits ?? defaultTextLimits);
  const { target: spec, targetOptions } = suite?.attack ?? req.attack;
  const driver = targetDriver(spec);
  let planned: number;
  if (suite !== undefined)
    planned = (
      await plannedIds({ dataset: req.dataset, labels: [], limit: req.limit, shard: req.shard, runs: suite.examples })
    ).size;
  else {
    const labels = await targetLabels(spec, targetOptions);
    await scanDataset(req.dataset, labels, req.skipInvalid);
    planned = (await plannedIds({ dataset: req.dataset, labels, limit: req.limit, shard: req.shard })).size;
  }
  // Every query to a remote endpoint or judge costs money and time: only those pilots stay at --pilot examples.
  const remote = driver.inFlight.kind === 'endpoint' || req.attack.judge !== undefined;
  const pilotLimit = remote ? pilotSize : Math.max(pilotSize, Math.min(planned, LOCAL_PILOT_EXAMPLES));
  // Spread the pilot over the plan with the shard hash (the user's own shard, if any, is kept and the pilot cut by
  // limit).
  const pilotShard = req.shard ?? { index: 0, count: Math.max(1, Math.floor(planned / Math.max(1, pilotLimit))) };
  const dir = mkdtempSync(join(tmpdir(), 'quiver-pilot-'));
  try {
    const pilot = await runCampaign(
      {
        ...req,
        shard: pilotShard,
        limit: req.shard === null ? req.limit : pilotLimit,
        outDir: join(dir, 'pilot'),
        mode: 'new',
        force: false,
        handleSignals: false,
        budgets: {
          maxTotalQueries: null,
          maxTimeMs: remote ? null : LOCAL_PILOT_MS,
          maxTokens: null,
          maxCostUsd: null,
        },
        timeBudgetFromFirstRecord: true,
      },
      fanOut([]),
    );
    const records: ResultRecord[] = [];
    forEachRecord(join(dir, 'pilot', 'results.jsonl'), (r) => records.push(r));
    const n = Math.max(1, records.length);
    const workers = Math.max(1, Math.min(req.workers, planned));
    const wallMs = wallTime(records, planned, workers, pilot.summary.elapsedMs ?? 0);
    const scale = (values: number[]): Range => {
      const sorted = [...values].sort((a, b) => a - b);
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
      const mean = values.reduce((a, b) => a + b, 0) / n;
      return { expected: mean * planned, low: at(0.25) * planned, high: at(0.75) * planned };
    };
    const tokens = records.map((r) => (r.usage?.promptTokens ?? 0) + (r.usage?.completionTokens ?? 0));
    const costs = records.map((r) => r.usage?.costUsd ?? 0);
    const hasUsage = records.some((r) => r.usage !== undefined);
    return {
      plannedExamples: planned,
      pilotExamples: records.length,
      pilotMs: pilot.summary.elapsedMs ?? 0,
      queries: scale(records.map((r) => r.textsSent ?? r.uniqueQueries)),
      tokens: hasUsage ? scale(tokens) : null,
      costUsd: hasUsage ? scale(costs) : null,
      wallMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Start-up (the pilot's wall time not spent attacking), the pilot's warm-up (its work above the warm pace), and every
 * planned example at the warm pace: the mean time per example over the last quarter of the pilot, in dataset order
 * (about the order the workers finished them). A mean, not a median: a skipped example costs nothing and a robust
 * one the whole search, so per-example times are far from symmetric and only their sum matters. The range takes
 * the lowest and highest mean of its four parts. (Pilots under 16 examples use their second half.)
 */
export function wallTime(
  records: readonly ResultRecord[],
  planned: number,
  workers: number,
  pilotWallMs: number,
): Range {
  const ms = records.map((r) => r.elapsedMs);
  const warm =
    ms.length >= 16
      ? ms.slice(Math.floor((3 * ms.length) / 4))
      : ms.length >= 8
        ? ms.slice(Math.floor(ms.length / 2))
        : ms;
  const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  const pace = mean(warm);
  const quarters =
    warm.length >= 8
      ? [0, 1, 2, 3].map((k) =>
          mean(warm.slice(Math.floor((k * warm.length) / 4), Math.floor(((k + 1) * warm.length) / 4))),
        )
      : [pace];
  const work = ms.reduce((a, b) => a + b, 0);
  const startup = Math.max(0, pilotWallMs - work / workers);
  const warmUp = Math.max(0, work - ms.length * pace) / workers;
  const total = (p: number) => startup + warmUp + (planned * p) / workers;
  return { expected: total(pace), low: total(Math.min(...quarters)), high: total(Math.max(...quarters)) };
}

export function renderEstimate(e: Estimate): string {
  const num = (x: number) => Math.round(x).toLocaleString('en-US');
  const range = (r: Range, f: (x: number) => string) => `${f(r.expected)}  (${f(r.low)} – ${f(r.high)})`;
  const rows: [string, string][] = [
    ['Planned examples', num(e.plannedExamples)],
    ['Pilot', `${e.pilotExamples} examples in ${formatDuration(e.pilotMs)}`],
    ['Queries sent', range(e.queries, num)],
    ['Wall time', range(e.wallMs, formatDuration)],
  ];
  if (e.tokens !== null) rows.push(['Tokens', range(e.tokens, num)]);
  if (e.costUsd !== null) rows.push(['Cost', range(e.costUsd, (x) => `$${x.toFixed(2)}`)]);
  const w = Math.max(...rows.map(([k]) => k.length));
  return (
    `\nQuiver estimate (expected, interquartile range scaled to the ` +
    `campaign)\n${rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join('\n')}\n\n`
  );
}
