/**
 * @module `quiver run --dry-run`: attacks a small seeded pilot spread over the planned examples (in a temporary
 * folder; nothing is written to --out) and extrapolates queries, tokens, cost and wall time to the whole campaign.
 * The spread comes from the pilot's per-example quartiles.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResultRecord } from '../contracts/record.js';
import { fanOut } from '../reporters/reporter.js';
import { forEachRecord } from '../storage/results-file.js';
import { formatDuration } from '../reporters/progress.js';
import { createTarget, prepareTargetShared, targetLabels } from '../targets/index.js';
import { scanDataset } from './dataset.js';
import { plannedIds } from './plan.js';
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

export async function estimateCampaign(req: RunRequest, pilotSize: number): Promise<Estimate> {
  const labels = targetLabels(req.attack.target, req.attack.targetOptions) ??
    (await createTarget(req.attack.target, req.attack.targetOptions, await prepareTargetShared(req.attack.target, req.attack.targetOptions))).labels;
  await scanDataset(req.dataset, labels, req.skipInvalid);
  const planned = (await plannedIds({ dataset: req.dataset, labels, limit: req.limit, shard: req.shard })).size;
  // Spread the pilot over the plan with the shard hash (the user's own shard, if any, is kept and the pilot cut by limit).
  const pilotShard = req.shard ?? { index: 0, count: Math.max(1, Math.floor(planned / Math.max(1, pilotSize))) };
  const dir = mkdtempSync(join(tmpdir(), 'quiver-pilot-'));
  try {
    const pilot = await runCampaign(
      { ...req, shard: pilotShard, limit: req.shard === null ? req.limit : pilotSize, outDir: join(dir, 'pilot'), mode: 'new', force: false, handleSignals: false, budgets: { maxTotalQueries: null, maxTimeMs: null, maxTokens: null, maxCostUsd: null } },
      fanOut([]),
    );
    const records: ResultRecord[] = [];
    forEachRecord(join(dir, 'pilot', 'results.jsonl'), (r) => records.push(r));
    const n = Math.max(1, records.length);
    const workers = Math.max(1, req.workers);
    // The pilot's own wall time already holds pool start-up, model loading and the slow first (JIT warm-up) examples
    // of each worker; the remaining examples are extrapolated at the pilot's typical (quartile) pace per worker.
    const sortedMs = records.map((r) => r.elapsedMs).sort((a, b) => a - b);
    const q = (p: number) => sortedMs[Math.min(sortedMs.length - 1, Math.floor(p * sortedMs.length))] ?? 0;
    const rest = Math.max(0, planned - records.length) / workers;
    const pilotWall = pilot.summary.elapsedMs ?? 0;
    const scale = (values: number[]): Range => {
      const sorted = [...values].sort((a, b) => a - b);
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
      const mean = values.reduce((a, b) => a + b, 0) / n;
      return { expected: mean * planned, low: at(0.25) * planned, high: at(0.75) * planned };
    };
    const wallMs: Range = { expected: pilotWall + rest * q(0.5), low: pilotWall + rest * q(0.25), high: pilotWall + rest * q(0.75) };
    const tokens = records.map((r) => (r.usage?.promptTokens ?? 0) + (r.usage?.completionTokens ?? 0));
    const costs = records.map((r) => r.usage?.costUsd ?? 0);
    const hasUsage = records.some((r) => r.usage !== undefined);
    return {
      plannedExamples: planned,
      pilotExamples: records.length,
      pilotMs: pilot.summary.elapsedMs ?? 0,
      queries: scale(records.map((r) => r.uniqueQueries)),
      tokens: hasUsage ? scale(tokens) : null,
      costUsd: hasUsage ? scale(costs) : null,
      wallMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
  return `\nQuiver estimate (expected, interquartile range scaled to the campaign)\n${rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join('\n')}\n\n`;
}
