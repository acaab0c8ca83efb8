/**
 * @module One benchmark job: every example of a cell attacked by one method, in dataset order, on one thread (as the
 * released ABS runs, so quirk (c)'s leaked state follows dataset order), through the engine Quiver's campaigns use.
 * Writes the result records and returns the metrics.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Example, ResultRecord } from '../../src/contracts/record.js';
import { attackExample } from '../../src/engine/attack-example.js';
import { summarize } from '../../src/metrics/summary.js';
import { buildAttackParts } from '../../src/registry.js';
import { heldOutExamples } from '../../src/targets/nb.js';
import { attackConfig, cells, MAX_PERTURB_RATIO, methods, SEED, type Cell } from './plan.js';

export interface JobSpec {
  readonly cell: string;
  readonly method: string;
  readonly limit: number;
  readonly runsDir: string;
  readonly cacheDir: string;
}

export interface JobMetrics {
  readonly cell: string;
  readonly method: string;
  readonly examples: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  readonly errored: number;
  readonly originalAccuracy: number | null;
  readonly successRate: number | null;
  readonly accuracyUnderAttack: number | null;
  readonly avgQueries: number | null;
  readonly avgUniqueQueries: number | null;
  readonly avgPerturbedWordPct: number | null;
  readonly avgFlipDistance: number | null;
  /** Successes whose edit set is 1-minimal. Every success is re-verified by the engine before it is reported. */
  readonly minimal: number;
  readonly unverified: number;
  /** Wall time over attacked examples per success (ms): the paper's T-O. Not deterministic. */
  readonly msPerSuccess: number | null;
  readonly elapsedMs: number;
}

export function cellExamples(cell: Cell, limit: number): Example[] {
  const rows = cell.trainOnFile
    ? heldOutExamples(cell.file)
    : readFileSync(cell.file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string; text: string; label: string });
  return rows.slice(0, limit).map((r, index) => ({ id: r.id, index, text: r.text, label: r.label }));
}

export async function runJob(spec: JobSpec): Promise<JobMetrics> {
  const cell = cells().find((c) => c.id === spec.cell)!;
  const method = methods().find((m) => m.id === spec.method)!;
  const config = attackConfig(cell, method, spec.cacheDir);
  const parts = await buildAttackParts(config);
  const settings = {
    seed: SEED,
    maxQueries: Infinity,
    maxPerturbRatio: MAX_PERTURB_RATIO,
    stabilitySamples: 0,
    verifyRepeats: 1,
  };
  const started = performance.now();
  const records: ResultRecord[] = [];
  for (const ex of cellExamples(cell, spec.limit)) records.push(await attackExample(parts, settings, ex));
  const elapsedMs = performance.now() - started;
  await parts.target.close?.();

  const dir = join(spec.runsDir, cell.id, method.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'results.jsonl'), `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);

  const s = summarize(records);
  const attacked = records.filter((r) => r.status === 'succeeded' || r.status === 'failed');
  const time = attacked.reduce((a, r) => a + r.elapsedMs, 0);
  return {
    cell: cell.id,
    method: method.id,
    examples: s.examples,
    succeeded: s.succeeded,
    failed: s.failed,
    skipped: s.skipped,
    errored: s.errored,
    originalAccuracy: s.originalAccuracy,
    successRate: s.attackSuccessRate,
    accuracyUnderAttack: s.accuracyUnderAttack,
    avgQueries: s.avgQueries,
    avgUniqueQueries: s.avgUniqueQueries,
    avgPerturbedWordPct: s.avgPerturbedWordPct,
    avgFlipDistance: s.avgFlipDistance,
    minimal: records.filter((r) => r.status === 'succeeded' && r.minimal === true).length,
    unverified: s.unverified,
    msPerSuccess: s.succeeded === 0 ? null : time / s.succeeded,
    elapsedMs,
  };
}
