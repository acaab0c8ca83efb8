/**
 * @module Runs (or resumes) a campaign: validates everything up front, writes campaign.json, attacks the planned
 * examples on a warm worker pool, appends records to results.jsonl in plan order (so the file is identical whatever
 * the number of workers, and a resumed campaign ends identical to an uninterrupted one), honours budgets and
 * signals, and writes summary.json.
 */
import { existsSync, renameSync } from 'node:fs';
import type { AttackConfig, Budgets, CampaignConfig, Shard } from '../contracts/campaign.js';
import type { Example, ResultRecord } from '../contracts/record.js';
import { ConfigError } from '../core/errors.js';
import { checkJudgeConfig, prepareJudgeShared } from '../judges/index.js';
import { SummaryBuilder, type Summary } from '../metrics/summary.js';
import { checkAttackConfig } from '../registry.js';
import type { Progress, Reporter } from '../reporters/reporter.js';
import { writeJsonAtomic } from '../storage/atomic.js';
import { JsonlWriter } from '../storage/jsonl-writer.js';
import { acquireLock } from '../storage/lock.js';
import { forEachRecord } from '../storage/results-file.js';
import { createRunDir, runDir, type RunDir } from '../storage/run-dir.js';
import { createTarget, examplesInFlight, prepareTargetShared, targetLabels, targetStatusReader } from '../targets/index.js';
import { packageVersions, quiverVersion } from '../version.js';
import { createAttackPool } from '../worker/pool.js';
import { Batcher, type BatchPace } from '../worker/batcher.js';
import type { ExampleOutcome } from '../worker/protocol.js';
import { BudgetTracker } from './budget.js';
import { scanDataset } from './dataset.js';
import type { DatasetSpec } from './dataset-format.js';
import { countPlanned, plannedExamples, type PlanSpec } from './plan.js';
import { identityDiff, openExisting, type ExistingCampaign } from './resume.js';
import { onInterrupt } from './signals.js';

/**
 * Batches for CPU-bound targets: ~20 ms of work, so the per-message cost is small next to a batch of
 * sub-millisecond examples, while results still stream and an interrupt waits for at most two batches per worker
 * (batch sizes measured in experiments/results/bench.md).
 */
export const CPU_BOUND_PACE: BatchPace = { batchMs: 20, maxSize: 16 };

export interface RunRequest {
  readonly attack: AttackConfig;
  readonly dataset: DatasetSpec;
  readonly skipInvalid: boolean;
  readonly limit: number | null;
  readonly shard: Shard | null;
  readonly preset: string | null;
  readonly workers: number;
  readonly budgets: Budgets;
  readonly outDir: string;
  /** `new`: refuse a folder holding a different campaign; `resume`: the folder must hold this campaign. */
  readonly mode: 'new' | 'resume';
  /** Start over: an existing campaign folder is kept aside as `<dir>.replaced-<time>`, never deleted. */
  readonly force: boolean;
  /** Handle SIGINT/SIGTERM (the CLI does; library callers and tests may not want process-wide handlers). */
  readonly handleSignals: boolean;
}

export interface RunOutcome {
  readonly summary: Summary;
  readonly outDir: string;
  /** Set when the campaign stopped before every planned example was attacked. */
  readonly stopReason: string | null;
  /** `interrupted` (a signal), `budget`, `aborted` (the target became unavailable), or null when complete. */
  readonly stopKind: 'interrupted' | 'budget' | 'aborted' | null;
}

export async function runCampaign(req: RunRequest, reporter: Required<Reporter>): Promise<RunOutcome> {
  checkAttackConfig(req.attack);
  if (req.attack.judge !== undefined) await checkJudgeConfig(req.attack.judge);
  if (!(Number.isInteger(req.workers) && req.workers >= 1)) throw new ConfigError(`--workers must be a whole number >= 1, got ${req.workers}`);
  const labels = targetLabels(req.attack.target, req.attack.targetOptions) ?? (await probeLabels(req.attack));
  if (req.attack.goal.name === 'targeted' && !labels.includes(req.attack.goal.targetLabel)) {
    throw new ConfigError(`--target-label "${req.attack.goal.targetLabel}" is not a label of ${req.attack.target} (${labels.join(', ')})`);
  }
  const scan = await scanDataset(req.dataset, labels, req.skipInvalid);
  // Before any folder exists: preparing the target checks what it needs (an API key, a reachable limiter).
  const targetShared = await prepareTargetShared(req.attack.target, req.attack.targetOptions);
  const judgeShared = req.attack.judge === undefined ? undefined : await prepareJudgeShared(req.attack.judge, targetShared);
  const config = campaignConfig(req, scan.sha256, scan.total);
  const { dir, existing } = prepareFolder(req, config);
  const releaseLock = acquireLock(dir.dir);
  try {
    writeJsonAtomic(dir.campaign, existing === null ? config : { ...config, createdAt: existing.config.createdAt });
    return await attackAll(req, dir, existing, labels, scan.invalidCount, { targetShared, judgeShared }, reporter);
  } finally {
    releaseLock();
  }
}

function campaignConfig(req: RunRequest, sha256: string, examples: number): CampaignConfig {
  return {
    type: 'campaign',
    schemaVersion: 1,
    quiverVersion,
    createdAt: new Date().toISOString(),
    attack: req.attack,
    dataset: { path: req.dataset.path, format: req.dataset.format, fields: req.dataset.fields, sha256, examples, skipInvalid: req.skipInvalid },
    limit: req.limit,
    shard: req.shard,
    preset: req.preset,
    workers: req.workers,
    budgets: req.budgets,
    packages: packageVersions(),
    node: process.version,
  };
}

/** Creates, reuses (resume) or sets aside (force) the campaign folder. Never deletes or overwrites results. */
function prepareFolder(req: RunRequest, config: CampaignConfig): { dir: RunDir; existing: ExistingCampaign | null } {
  let existing = existsSync(req.outDir) ? openExisting(req.outDir) : null;
  if (existing !== null && req.force) {
    const aside = `${req.outDir.replace(/\/+$/, '')}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(req.outDir, aside);
    existing = null;
  }
  if (existing === null) {
    if (req.mode === 'resume') throw new ConfigError(`--resume: ${req.outDir} holds no campaign to resume`);
    return { dir: createRunDir(req.outDir), existing: null };
  }
  const diff = identityDiff(existing.config, config);
  if (diff.length > 0) {
    const hint = req.mode === 'resume' ? 'drop the conflicting flags to resume it' : `resume it with --resume ${req.outDir}, choose another --out, or start over with --force`;
    throw new ConfigError(`${req.outDir} holds a different campaign (${diff.join('; ')}); ${hint}`);
  }
  return { dir: runDir(req.outDir), existing };
}

async function attackAll(
  req: RunRequest,
  dir: RunDir,
  existing: ExistingCampaign | null,
  labels: readonly string[],
  invalidLines: number,
  shared: { readonly targetShared: unknown; readonly judgeShared: unknown },
  reporter: Required<Reporter>,
): Promise<RunOutcome> {
  const plan: PlanSpec = { dataset: req.dataset, labels, limit: req.limit, shard: req.shard };
  const planned = await countPlanned(plan);
  const done = existing?.doneIds ?? new Set<string>();
  const started = performance.now();
  const budget = new BudgetTracker(req.budgets, req.attack.maxQueries, started);
  const tally = new Tally(planned, started);
  if (existing !== null) {
    forEachRecord(dir.results, (r) => {
      budget.add(r);
      tally.add(r);
    });
    tally.markBaseline();
  }

  let stop: { kind: 'interrupted' | 'budget' | 'aborted'; reason: string } | null = null;
  const uninstall = req.handleSignals
    ? onInterrupt((signal) => (stop ??= { kind: 'interrupted', reason: `interrupted by ${signal}` }), (m) => process.stderr.write(`\n${m}\n`))
    : () => {};
  const inFlight = examplesInFlight(req.attack.target, req.attack.targetOptions, req.workers);
  const examplesPerWorker = Math.ceil(inFlight / req.workers);
  const pool = createAttackPool(req.workers, shared, examplesPerWorker);
  // CPU-bound targets (one example at a time per worker): examples travel in batches, one message each way.
  const batcher = new Batcher(examplesPerWorker === 1 ? CPU_BOUND_PACE : null, (examples) => pool.run({ config: req.attack, examples }));
  const writer = new JsonlWriter(dir.results);
  const waitingOn = await targetStatusReader(shared.targetShared);
  reporter.onStart({
    total: planned,
    alreadyDone: done.size,
    outDir: dir.dir,
    target: req.attack.target,
    search: req.attack.search.name,
    workers: req.workers,
    budgets: req.budgets,
    ...(waitingOn === null ? {} : { waitingOn }),
  });
  try {
    const result = await attackInOrder(
      plannedExamples(plan, done),
      // Twice what runs at once: a CPU-bound pool holds two batches per worker (one waiting in the thread).
      () => inFlight * 2 * batcher.size,
      (ex) => batcher.attack(ex),
      (rec) => {
        writer.append(rec);
        budget.add(rec);
        reporter.onResult(rec, tally.add(rec));
      },
      (inFlight) => {
        if (stop !== null) return stop.reason;
        const reason = budget.stopReason(inFlight);
        if (reason !== null) stop = { kind: 'budget', reason };
        return reason;
      },
    );
    if (result.aborted !== undefined) stop = { kind: 'aborted', reason: `target unavailable: ${result.aborted}` };
  } finally {
    uninstall();
    try {
      writer.close();
    } finally {
      await pool.destroy();
    }
  }

  const builder = new SummaryBuilder();
  forEachRecord(dir.results, (r) => builder.add(r));
  const base = builder.build();
  const remaining = planned - base.examples;
  const finalStop = remaining > 0 ? stop : null;
  const summary: Summary = {
    ...base,
    elapsedMs: Math.round(performance.now() - started),
    remaining,
    ...(invalidLines > 0 ? { invalidLines } : {}),
    ...(finalStop !== null ? { stopReason: finalStop.reason } : {}),
  };
  writeJsonAtomic(dir.summary, summary);
  reporter.onEnd(summary, dir.dir);
  return { summary, outDir: dir.dir, stopReason: finalStop?.reason ?? null, stopKind: finalStop?.kind ?? null };
}

/** Labels of a target that only knows them once loaded (a user module); also rejects unknown target specs. */
async function probeLabels(attack: AttackConfig): Promise<readonly string[]> {
  const target = await createTarget(attack.target, attack.targetOptions, await prepareTargetShared(attack.target, attack.targetOptions));
  await target.close?.();
  return target.labels;
}

/**
 * Keeps up to `window` examples in flight (a number, or read before each launch) and hands results to `emit`
 * strictly in plan order: a result that arrives early waits in a buffer of at most `window` records.
 * `shouldStop(inFlight)` is asked before each launch; when it answers, or a task aborts, nothing new starts, the
 * examples in flight finish, and only the unbroken prefix is emitted, so the file never has a gap and a resume
 * continues exactly where it stopped.
 */
export async function attackInOrder(
  examples: AsyncIterable<Example> | Iterable<Example>,
  window: number | (() => number),
  attack: (ex: Example) => Promise<ExampleOutcome>,
  emit: (rec: ResultRecord) => void,
  shouldStop: (inFlight: number) => string | null = () => null,
): Promise<{ aborted?: string }> {
  const source = (Symbol.asyncIterator in examples ? examples[Symbol.asyncIterator]() : (examples as Iterable<Example>)[Symbol.iterator]()) as
    | AsyncIterator<Example>
    | Iterator<Example>;
  const ready = new Map<number, ExampleOutcome>();
  const inFlight = new Set<Promise<void>>();
  let launched = 0;
  let next = 0;
  let broken = false; // an abort: nothing after it may be emitted
  let aborted: string | undefined;
  let failure: unknown;

  const flush = (): void => {
    while (!broken && ready.has(next)) {
      const r = ready.get(next)!;
      ready.delete(next);
      if ('type' in r && r.type === 'abort') {
        broken = true;
        return;
      }
      next++;
      emit(r as ResultRecord);
    }
  };

  while (failure === undefined && aborted === undefined) {
    if (inFlight.size >= (typeof window === 'number' ? window : window())) {
      await Promise.race(inFlight);
      continue;
    }
    if (shouldStop(inFlight.size) !== null) break;
    const item = await source.next();
    if (item.done) break;
    const k = launched++;
    const p: Promise<void> = attack(item.value).then(
      (r) => {
        if ('type' in r && r.type === 'abort') aborted ??= r.reason; // stop launching at once
        ready.set(k, r);
        flush();
      },
      (err: unknown) => {
        failure ??= err;
      },
    );
    const tracked = p.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  }
  await Promise.all(inFlight);
  flush();
  if (failure !== undefined) throw failure;
  return aborted === undefined ? {} : { aborted };
}

/** Running counts for the progress reporter (constant work per record, whatever the campaign size). */
class Tally {
  private readonly counts = { succeeded: 0, failed: 0, skipped: 0, errored: 0 };
  private queries = 0;
  private done = 0;
  private baseline = 0;

  constructor(
    private readonly total: number,
    private readonly started: number,
  ) {}

  /** Records counted so far came from an earlier run: they take no time in this one (for the ETA). */
  markBaseline(): void {
    this.baseline = this.done;
  }

  add(r: ResultRecord): Progress {
    this.counts[r.status]++;
    this.queries += r.uniqueQueries;
    this.done++;
    return {
      ...this.counts,
      done: this.done,
      doneThisRun: this.done - this.baseline,
      total: this.total,
      queries: this.queries,
      elapsedMs: performance.now() - this.started,
    };
  }
}
