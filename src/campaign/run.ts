/**
 * @module Runs (or resumes) a campaign: validates everything up front, writes campaign.json, attacks the planned
 * examples on a warm worker pool, appends records to results.jsonl in plan order (so the file is identical whatever
 * the number of workers, and a resumed campaign ends identical to an uninterrupted one), honours budgets and
 * signals, and writes summary.json.
 */
import { existsSync, renameSync } from 'node:fs';
import {
  DEFAULT_STOP_TIMEOUT_MS,
  type AttackConfig,
  type Budgets,
  type CampaignConfig,
  type Shard,
} from '../contracts/campaign.js';
import type { Example, ResultRecord, ResultStatus } from '../contracts/record.js';
import { ConfigError } from '../core/errors.js';
import type { Target } from '../core/target.js';
import { checkJudgeConfig, prepareJudgeShared } from '../judges/index.js';
import { SummaryBuilder, type Summary } from '../metrics/summary.js';
import { fillSharedFiles, shareFiles } from '../nlp/shared-files.js';
import { attackDataFiles, checkAttackConfig } from '../registry.js';
import type { Progress, Reporter } from '../progress/reporter.js';
import { writeJsonAtomic } from '../storage/atomic.js';
import { setupWriteError, StorageError } from '../storage/errors.js';
import { JsonlWriter } from '../storage/jsonl-writer.js';
import { acquireLock } from '../storage/lock.js';
import { forEachLatestRecord, forEachRecord } from '../storage/results-file.js';
import { createRunDir, runDir, type RunDir } from '../storage/run-dir.js';
import { examplesInFlight, noShared, targetDriver, targetLabels, type TargetDriver } from '../targets/index.js';
import { packageVersions, quiverVersion } from '../version.js';
import { createInProcessRunner, type AttackRunner } from '../worker/in-process.js';
import { createAttackPool } from '../worker/pool.js';
import { Batcher, type BatchPace } from '../worker/batcher.js';
import type { ExampleOutcome, WorkerData } from '../worker/protocol.js';
import { BudgetTracker } from './budget.js';
import { scanDataset } from './dataset.js';
import type { DatasetSpec } from './dataset-format.js';
import { checkRecords } from './existing-records.js';
import { defaultTextLimits } from './text-check.js';
import { plannedExamples, plannedIds, type PlanSpec } from './plan.js';
import { campaignIdOf, identityDiff, openExisting, type ExistingCampaign } from './resume.js';
import { planSuiteCampaign, suiteDatasetInfo, type PlannedSuite, type SuiteRequest } from './suite.js';
import { onInterrupt } from './signals.js';
import { checkWorkers, poolSize } from './workers.js';

/**
 * Batches for CPU-bound targets: ~20 ms of work, so the per-message cost is small next to a batch of
 * sub-millisecond examples, while results still stream and an interrupt waits for at most two batches per worker
 * (batch sizes measured in experiments/results/bench.md).
 */
export const CPU_BOUND_PACE: BatchPace = { batchMs: 20, maxSize: 16 };

export interface RunRequest {
  readonly attack: AttackConfig;
  /**
   * An assertion campaign: the tests to attack (a promptfoo config or native JSONL tests) and the var to perturb.
   * The suite's providers then decide the target, and `dataset` only carries the text limits.
   */
  readonly suite?: SuiteRequest;
  /**
   * A library caller's own Target object (`runCampaign` of the package API): the campaign attacks in the caller's
   * thread, with up to `workers` examples at once, and `attack.target` is only its name in campaign.json.
   */
  readonly targetObject?: Target;
  readonly dataset: DatasetSpec;
  readonly skipInvalid: boolean;
  readonly limit: number | null;
  readonly shard: Shard | null;
  readonly preset: string | null;
  readonly workers: number;
  /** Start more than workerCap() threads (refused otherwise). */
  readonly allowManyWorkers?: boolean;
  readonly budgets: Budgets;
  readonly outDir: string;
  /** `new`: refuse a folder holding a different campaign; `resume`: the folder must hold this campaign. */
  readonly mode: 'new' | 'resume';
  /** Start over: an existing campaign folder is kept aside as `<dir>.replaced-<time>`, never deleted. */
  readonly force: boolean;
  /**
   * Attack again the examples whose last record is `errored` (`--retry-errored`). Opt-in rather than the default:
   * an error can be deterministic (a text the model always rejects), and retrying it on every resume would spend
   * queries and time each time without the user asking; the user knows when the endpoint has been fixed.
   */
  readonly retryErrored?: boolean;
  /** Handle SIGINT/SIGTERM (the CLI does; library callers and tests may not want process-wide handlers). */
  readonly handleSignals: boolean;
  /**
   * After a first SIGINT/SIGTERM, how long the examples in flight may take to finish before they are abandoned (not
   * recorded: a resume attacks them again). Absent: 30 s.
   */
  readonly stopTimeoutMs?: number;
  /** --max-time counts from the first record written, not from the start (the dry run's pilot). */
  readonly timeBudgetFromFirstRecord?: boolean;
}

export interface RunOutcome {
  readonly summary: Summary;
  readonly outDir: string;
  /** Set when the campaign stopped before every planned example was attacked. */
  readonly stopReason: string | null;
  /** `interrupted` (a signal), `budget`, `aborted` (the target became unavailable), or null when complete. */
  readonly stopKind: 'interrupted' | 'budget' | 'aborted' | null;
}

export async function runCampaign(request: RunRequest, reporter: Required<Reporter>): Promise<RunOutcome> {
  // An assertion campaign's suite is read and every assertion compiled before anything is written.
  const suite =
    request.suite === undefined
      ? undefined
      : await planSuiteCampaign(request.attack, request.suite, request.dataset.limits ?? defaultTextLimits);
  const req: RunRequest = suite === undefined ? request : { ...request, attack: suite.attack };
  checkAttackConfig(req.attack);
  if (req.attack.judge !== undefined) await checkJudgeConfig(req.attack.judge);
  // In the caller's thread, `workers` only counts examples at once: no thread costs memory.
  checkWorkers(req.workers, req.allowManyWorkers === true || req.targetObject !== undefined);
  const { target: spec, targetOptions } = req.attack;
  // A library caller's own Target object has no driver: it runs as it is, in the caller's thread.
  const driver = req.targetObject === undefined ? targetDriver(spec) : undefined;
  const labels = suite !== undefined ? [] : (req.targetObject?.labels ?? (await targetLabels(spec, targetOptions)));
  if (suite === undefined && labels.length === 0) {
    throw new ConfigError(
      `target ${spec} answers free text, not labels: check its outputs with assertions ` +
        '(quiver run --config promptfooconfig.yaml --perturb-var NAME, ' +
        'or --tests tests.jsonl --prompt FILE --perturb-var NAME)',
    );
  }
  if (req.attack.goal.name === 'targeted' && !labels.includes(req.attack.goal.targetLabel)) {
    throw new ConfigError(
      `--target-label "${req.attack.goal.targetLabel}" is not a label of ${req.attack.target} (${labels.join(', ')})`,
    );
  }
  const scan =
    suite === undefined
      ? await scanDataset(req.dataset, labels, req.skipInvalid)
      : { sha256: suite.info.testsSha256, total: suite.examples.length, invalidCount: 0 };
  // Before any folder exists: preparing the target checks what it needs (an API key, a reachable limiter).
  const targetShared = driver === undefined ? noShared : await driver.prepareShared(spec, targetOptions);
  const { judge } = req.attack;
  const judgeShared = judge === undefined ? noShared : await prepareJudgeShared(judge, targetShared);
  const config = campaignConfig(req, scan.sha256, scan.total, suite);
  const { dir, existing } = prepareFolder(req, config);
  const releaseLock = acquireLock(dir.dir);
  try {
    const plan: PlanSpec = {
      dataset: req.dataset,
      labels,
      limit: req.limit,
      shard: req.shard,
      ...(suite === undefined ? {} : { runs: suite.examples }),
    };
    const planned = await plannedIds(plan);
    // A campaign keeps its start time and its id (one from before ids existed gets the one it would have had).
    const stored =
      existing === null
        ? config
        : { ...config, createdAt: existing.config.createdAt, campaignId: campaignIdOf(existing.config) };
    // Before campaign.json is rewritten: a folder holding foreign records is left exactly as it was.
    const latest =
      existing !== null && existsSync(dir.results)
        ? checkRecords(dir.results, stored.campaignId!, planned)
        : new Map<string, ResultStatus>();
    try {
      writeJsonAtomic(dir.campaign, stored);
    } catch (err) {
      throw setupWriteError(dir.dir, dir.campaign, err);
    }
    const work = { plan, planned, latest, campaignId: stored.campaignId! };
    const target = { driver, shared: { targetShared, judgeShared } };
    return await attackAll(req, dir, work, scan.invalidCount, target, reporter);
  } finally {
    releaseLock();
  }
}

function campaignConfig(
  req: RunRequest,
  sha256: string,
  examples: number,
  suite: PlannedSuite | undefined,
): CampaignConfig {
  const limits = req.dataset.limits ?? defaultTextLimits;
  const config: CampaignConfig = {
    type: 'campaign',
    schemaVersion: 1,
    quiverVersion,
    createdAt: new Date().toISOString(),
    attack: req.attack,
    dataset:
      suite !== undefined
        ? suiteDatasetInfo(suite.info, examples, limits)
        : {
            path: req.dataset.path,
            format: req.dataset.format,
            fields: req.dataset.fields,
            sha256,
            examples,
            skipInvalid: req.skipInvalid,
            ...limits,
            ...(req.dataset.labelMap === undefined ? {} : { labelMap: req.dataset.labelMap }),
          },
    ...(suite === undefined ? {} : { suite: suite.info }),
    limit: req.limit,
    shard: req.shard,
    preset: req.preset,
    workers: req.workers,
    budgets: req.budgets,
    packages: packageVersions(),
    node: process.version,
  };
  return { ...config, campaignId: campaignIdOf(config) };
}

/** Creates, reuses (resume) or sets aside (force) the campaign folder. Never deletes or overwrites results. */
function prepareFolder(req: RunRequest, config: CampaignConfig): { dir: RunDir; existing: ExistingCampaign | null } {
  let existing = existsSync(req.outDir) ? openExisting(req.outDir) : null;
  if (existing !== null && req.force) {
    setAside(req.outDir);
    existing = null;
  }
  if (existing === null) {
    if (req.mode === 'resume') throw new ConfigError(`--resume: ${req.outDir} holds no campaign to resume`);
    return { dir: createRunDir(req.outDir), existing: null };
  }
  const diff = identityDiff(existing.config, config);
  if (diff.length > 0) {
    const hint =
      req.mode === 'resume'
        ? 'drop the conflicting flags to resume it'
        : `resume it with --resume ${req.outDir}, choose another --out, or start over with --force`;
    throw new ConfigError(`${req.outDir} holds a different campaign (${diff.join('; ')}); ${hint}`);
  }
  return { dir: runDir(req.outDir), existing };
}

/** Moves a campaign folder out of the way (`--force`) as `<dir>.replaced-<time>`; returns where it went. */
export function setAside(dir: string): string {
  const aside = `${dir.replace(/\/+$/, '')}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(dir, aside);
  return aside;
}

/** What the campaign attacks and what its folder already holds (checked by checkRecords). */
interface Work {
  readonly plan: PlanSpec;
  /** Planned ids with their dataset index. */
  readonly planned: ReadonlyMap<string, number>;
  /** Status of the last record of each example already in results.jsonl. */
  readonly latest: ReadonlyMap<string, ResultStatus>;
  readonly campaignId: string;
}

async function attackAll(
  req: RunRequest,
  dir: RunDir,
  work: Work,
  invalidLines: number,
  target: {
    readonly driver: TargetDriver | undefined;
    readonly shared: Pick<WorkerData, 'targetShared' | 'judgeShared'>;
  },
  reporter: Required<Reporter>,
): Promise<RunOutcome> {
  // Examples whose last record is final; with --retry-errored an errored one is not, and gets a newer record.
  const finished = new Map(
    [...work.latest].filter(([, status]) => !(req.retryErrored === true && status === 'errored')),
  );
  const done = new Set(finished.keys());
  const started = performance.now();
  // The most texts one example may send: its search budget, its stability samples, and each verification re-query of
  // the flip and (for K > 1) of the original.
  const a = req.attack;
  const worstPerExample = a.maxQueries === null ? null : a.maxQueries + a.stabilitySamples + 2 * a.verifyRepeats;
  const budget = new BudgetTracker(
    req.budgets,
    worstPerExample,
    started,
    undefined,
    req.timeBudgetFromFirstRecord === true,
  );
  const tally = new Tally(work.planned.size, started);
  if (work.latest.size > 0) {
    // Every record counts against the budgets (its queries were spent); the tally counts each example once.
    let queries = 0;
    forEachRecord(dir.results, (r) => {
      budget.add(r);
      queries += r.textsSent ?? r.uniqueQueries;
    });
    tally.resumeFrom(finished, queries);
  }

  // Before the pool and the signal handlers: a results file that cannot be opened must leave neither behind.
  const writer = new JsonlWriter(dir.results);
  let stop: { kind: 'interrupted' | 'budget' | 'aborted'; reason: string } | null = null;
  const stopTimeoutMs = req.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
  // Ends the wait for the examples in flight once the grace period after an interrupt is over.
  const grace = new AbortController();
  let graceTimer: NodeJS.Timeout | undefined;
  const uninstall = req.handleSignals
    ? onInterrupt(
        (signal) => {
          stop ??= { kind: 'interrupted', reason: `interrupted by ${signal}` };
          graceTimer = setTimeout(() => grace.abort(), stopTimeoutMs);
          graceTimer.unref();
        },
        (m) => process.stderr.write(`\n${m}\n`),
        stopTimeoutMs,
      )
    : () => {};
  const workers = poolSize(req.workers, work.planned.size - done.size);
  const inFlight =
    target.driver === undefined ? workers : examplesInFlight(target.driver, req.attack.targetOptions, workers);
  const examplesPerWorker = Math.ceil(inFlight / workers);
  const pool: AttackRunner =
    req.targetObject === undefined
      ? startPool(req.attack, workers, target.shared, examplesPerWorker)
      : createInProcessRunner(req.targetObject, target.shared.judgeShared, workers);
  // CPU-bound targets (one example at a time per worker): examples travel in batches, one message each way. In the
  // caller's thread there is no message to save, and a batch would run its examples one after the other.
  const pace = examplesPerWorker === 1 && req.targetObject === undefined ? CPU_BOUND_PACE : null;
  const batcher = new Batcher(pace, (examples) => pool.run({ config: req.attack, examples }));
  const waitingOn = target.driver === undefined ? null : await target.driver.statusLine(target.shared.targetShared);
  reporter.onStart({
    total: work.planned.size,
    alreadyDone: done.size,
    outDir: dir.dir,
    // An assertion campaign's runs may go to several targets (one per provider).
    target: req.attack.suite?.targets.map((t) => t.spec).join(', ') ?? req.attack.target,
    search: req.attack.search.name,
    ...(req.attack.suite === undefined ? {} : { unit: 'test run' as const }),
    workers,
    budgets: req.budgets,
    ...(waitingOn === null ? {} : { waitingOn }),
  });
  try {
    const result = await attackInOrder(
      plannedExamples(work.plan, done),
      // Twice what runs at once: a CPU-bound pool holds two batches per worker (one waiting in the thread).
      () => inFlight * 2 * batcher.size,
      (ex) => batcher.attack(ex),
      (rec) => {
        writer.append(withCampaignId(rec, work.campaignId));
        budget.wrote();
        budget.add(rec);
        reporter.onResult(rec, tally.add(rec));
      },
      (inFlight) => {
        if (stop !== null) return stop.reason;
        const reason = budget.stopReason(inFlight);
        if (reason !== null) stop = { kind: 'budget', reason };
        return reason;
      },
      grace.signal,
    );
    if (result.aborted !== undefined) stop = { kind: 'aborted', reason: `target unavailable: ${result.aborted}` };
    if (result.abandoned !== undefined && stop !== null) {
      const s = Math.round(stopTimeoutMs / 1000);
      stop = {
        ...stop,
        reason:
          `${stop.reason}; ${result.abandoned} example(s) in flight abandoned after --stop-timeout ${s}s (a ` +
          `resume attacks them again)`,
      };
    }
  } finally {
    clearTimeout(graceTimer);
    uninstall();
    try {
      writer.close();
    } finally {
      await pool.destroy();
    }
  }

  const builder = new SummaryBuilder();
  forEachLatestRecord(dir.results, (r) => builder.add(r));
  const base = builder.build();
  const remaining = work.planned.size - base.examples;
  // A budget's message is written once everything in flight has finished, so it counts what the summary counts.
  const finalStop =
    remaining > 0 && stop !== null ? (stop.kind === 'budget' ? { ...stop, reason: budget.reason()! } : stop) : null;
  const summary: Summary = {
    ...base,
    elapsedMs: Math.round(performance.now() - started),
    remaining,
    ...(invalidLines > 0 ? { invalidLines } : {}),
    ...(finalStop !== null ? { stopReason: finalStop.reason } : {}),
  };
  try {
    writeJsonAtomic(dir.summary, summary);
  } catch (err) {
    throw new StorageError(
      dir.summary,
      err instanceof StorageError ? err.cause : err,
      `the ${base.examples} record(s) in ${dir.results} are safe`,
    );
  }
  reporter.onEnd(summary, dir.dir);
  return { summary, outDir: dir.dir, stopReason: finalStop?.reason ?? null, stopKind: finalStop?.kind ?? null };
}

/**
 * The worker pool, with one shared copy of the data files the attack reads: read in the background while the
 * workers start, so neither the main thread nor any worker stops to read them, and no worker reads its own.
 */
function startPool(
  attack: AttackConfig,
  workers: number,
  shared: Pick<WorkerData, 'targetShared' | 'judgeShared'>,
  examplesPerWorker: number,
): AttackRunner {
  const files = shareFiles(attackDataFiles(attack));
  const pool = createAttackPool(workers, { ...shared, files }, examplesPerWorker);
  void fillSharedFiles(files);
  return pool;
}

/** The record as written: the campaign id follows the schema version, where a reader of the line looks first. */
function withCampaignId(rec: ResultRecord, campaignId: string): ResultRecord {
  const { type, schemaVersion, ...rest } = rec;
  return { type, schemaVersion, campaignId, ...rest };
}

/**
 * Keeps up to `window` examples in flight (a number, or read before each launch) and hands results to `emit`
 * strictly in plan order: a result that arrives early waits in a buffer of at most `window` records.
 * `shouldStop(inFlight)` is asked before each launch; when it answers, or a task aborts, nothing new starts, the
 * examples in flight finish, and only the unbroken prefix is emitted, so the file never has a gap and a resume
 * continues exactly where it stopped. When `giveUp` fires, the wait for the examples in flight ends: they are
 * abandoned (nothing of theirs is emitted, even if they finish later) and counted in `abandoned`.
 */
export async function attackInOrder(
  examples: AsyncIterable<Example> | Iterable<Example>,
  window: number | (() => number),
  attack: (ex: Example) => Promise<ExampleOutcome>,
  emit: (rec: ResultRecord) => void,
  shouldStop: (inFlight: number) => string | null = () => null,
  giveUp?: AbortSignal,
): Promise<{ aborted?: string; abandoned?: number }> {
  const source = (
    Symbol.asyncIterator in examples
      ? examples[Symbol.asyncIterator]()
      : (examples as Iterable<Example>)[Symbol.iterator]()
  ) as AsyncIterator<Example> | Iterator<Example>;
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

  const gaveUp = new Promise<true>((resolve) => {
    if (giveUp?.aborted) resolve(true);
    giveUp?.addEventListener('abort', () => resolve(true), { once: true });
  });
  while (failure === undefined && aborted === undefined && giveUp?.aborted !== true) {
    if (inFlight.size >= (typeof window === 'number' ? window : window())) {
      await Promise.race([...inFlight, gaveUp]);
      continue;
    }
    // Launched but not yet emitted: an example that finished while an earlier one still runs waits in `ready`, and
    // its texts reach the budget only when its record is written, so it still counts as in flight.
    if (shouldStop(launched - next) !== null) break;
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
  if (await Promise.race([Promise.all(inFlight).then(() => false), gaveUp])) {
    flush();
    broken = true; // whatever finishes from now on arrives after the campaign has closed its file
    return { ...(aborted === undefined ? {} : { aborted }), abandoned: inFlight.size };
  }
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

  /**
   * Starts from the examples an earlier run finished (`latest`: the status of each one's last record) and the
   * queries all its records spent; they take no time in this run (for the ETA).
   */
  resumeFrom(latest: ReadonlyMap<string, ResultStatus>, queries: number): void {
    for (const status of latest.values()) this.counts[status]++;
    this.done = this.baseline = latest.size;
    this.queries = queries;
  }

  add(r: ResultRecord): Progress {
    this.counts[r.status]++;
    this.queries += r.textsSent ?? r.uniqueQueries;
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
