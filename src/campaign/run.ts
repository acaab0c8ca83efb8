/**
 * @module Runs a campaign: validates everything up front, writes campaign.json, attacks the examples on a warm worker
 * pool, appends records to results.jsonl in dataset order (so the file is identical whatever the number of
 * workers), and writes summary.json.
 */
import type { AttackConfig, CampaignConfig } from '../contracts/campaign.js';
import type { Example, ResultRecord } from '../contracts/record.js';
import { ConfigError } from '../core/errors.js';
import { summarize, type Summary } from '../metrics/summary.js';
import { checkAttackConfig } from '../registry.js';
import type { Progress, Reporter } from '../reporters/reporter.js';
import { writeJsonAtomic } from '../storage/atomic.js';
import { JsonlWriter } from '../storage/jsonl-writer.js';
import { createRunDir } from '../storage/run-dir.js';
import { createTarget, targetLabels } from '../targets/index.js';
import { packageVersions, quiverVersion } from '../version.js';
import { createAttackPool } from '../worker/pool.js';
import { loadDataset } from './dataset.js';

export interface RunRequest {
  readonly attack: AttackConfig;
  readonly datasetPath: string;
  readonly limit: number | null;
  readonly workers: number;
  readonly outDir: string;
}

export interface RunOutcome {
  readonly summary: Summary;
  readonly outDir: string;
}

export async function runCampaign(req: RunRequest, reporter: Required<Reporter>): Promise<RunOutcome> {
  checkAttackConfig(req.attack);
  if (!(Number.isInteger(req.workers) && req.workers >= 1)) throw new ConfigError(`--workers must be a whole number >= 1, got ${req.workers}`);
  const labels = targetLabels(req.attack.target) ?? (await probeLabels(req.attack.target, req.attack.targetOptions));
  if (req.attack.goal.name === 'targeted' && !labels.includes(req.attack.goal.targetLabel)) {
    throw new ConfigError(`--target-label "${req.attack.goal.targetLabel}" is not a label of ${req.attack.target} (${labels.join(', ')})`);
  }
  const dataset = await loadDataset(req.datasetPath, { labels, limit: req.limit });

  const dir = createRunDir(req.outDir);
  const config: CampaignConfig = {
    type: 'campaign',
    schemaVersion: 1,
    quiverVersion,
    createdAt: new Date().toISOString(),
    attack: req.attack,
    dataset: { path: dataset.path, sha256: dataset.sha256, examples: dataset.total },
    limit: req.limit,
    workers: req.workers,
    packages: packageVersions(),
    node: process.version,
  };
  writeJsonAtomic(dir.campaign, config);

  const started = performance.now();
  const writer = new JsonlWriter(dir.results);
  const records: ResultRecord[] = [];
  const tally = new Tally(dataset.examples.length, started);
  const pool = createAttackPool(req.workers);
  reporter.onStart({
    total: dataset.examples.length,
    outDir: dir.dir,
    target: req.attack.target,
    search: req.attack.search.name,
    workers: req.workers,
  });
  try {
    await attackInOrder(dataset.examples, req.workers * 2, (ex) => pool.run({ config: req.attack, example: ex }), (rec) => {
      writer.append(rec);
      records.push(rec);
      reporter.onResult(rec, tally.add(rec));
    });
  } finally {
    writer.close();
    await pool.destroy();
  }
  const summary: Summary = { ...summarize(records), elapsedMs: Math.round(performance.now() - started) };
  writeJsonAtomic(dir.summary, summary);
  reporter.onEnd(summary, dir.dir);
  return { summary, outDir: dir.dir };
}

/** Labels of a target that only knows them once loaded (a user module); also rejects unknown target specs. */
async function probeLabels(spec: string, options: Readonly<Record<string, unknown>>): Promise<readonly string[]> {
  const target = await createTarget(spec, options);
  await target.close?.();
  return target.labels;
}

/**
 * Keeps up to `window` examples in flight and hands results to `emit` strictly in dataset order: a result that
 * arrives early waits in a buffer of at most `window` records.
 */
export async function attackInOrder(
  examples: readonly Example[],
  window: number,
  attack: (ex: Example) => Promise<ResultRecord>,
  emit: (rec: ResultRecord) => void,
): Promise<void> {
  const ready = new Map<number, ResultRecord>();
  let next = 0;
  let launched = 0;
  let failure: unknown;
  await new Promise<void>((resolve) => {
    const launch = (): void => {
      while (failure === undefined && launched < examples.length && launched - next < window) {
        const k = launched++;
        attack(examples[k]!).then(
          (rec) => {
            ready.set(k, rec);
            while (ready.has(next)) {
              const r = ready.get(next)!;
              ready.delete(next);
              next++;
              emit(r);
            }
            if (next === examples.length) resolve();
            else launch();
          },
          (err: unknown) => {
            failure ??= err;
            resolve();
          },
        );
      }
    };
    if (examples.length === 0) resolve();
    else launch();
  });
  if (failure !== undefined) throw failure;
}

/** Running counts for the progress reporter (constant work per record, whatever the campaign size). */
class Tally {
  private readonly counts = { succeeded: 0, failed: 0, skipped: 0, errored: 0 };
  private queries = 0;
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly started: number,
  ) {}

  add(r: ResultRecord): Progress {
    this.counts[r.status]++;
    this.queries += r.uniqueQueries;
    this.done++;
    return { ...this.counts, done: this.done, total: this.total, queries: this.queries, elapsedMs: performance.now() - this.started };
  }
}
