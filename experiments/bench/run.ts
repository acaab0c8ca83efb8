/**
 * Performance benchmark (issue 8). For each bundled model, in one run on one machine:
 *  - raw model throughput: the target's predictions per second in a tight single-thread loop over exactly the texts
 *    (and batches) a campaign sent it, recorded by attacking the same examples in-process with a recording target;
 *  - the campaign's throughput with 1 worker (queries sent per second of steady state: the SST-2 part of a campaign
 *    that first attacks MR test sentences to warm up) and its ratio to the raw figure, i.e. the share of campaign time
 *    spent in the model;
 *  - the scaling of 2 workers over 1 on the same campaign, measured the same way;
 *  - peak memory; CLI start-up (`quiver --help`).
 * Remote-endpoint figures come from experiments/bench/remote.ts (needs `quiver serve`).
 *
 *   npm run bench -- [examples=200] [warm-up examples=400] [targets=local:wink,local:vader,local:afinn]
 *   (= npm run build && tsx experiments/bench/run.ts ...)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatOf } from '../../src/campaign/dataset-format.js';
import { readExamples } from '../../src/campaign/dataset.js';
import { runCampaign, type RunRequest } from '../../src/campaign/run.js';
import type { Example } from '../../src/contracts/record.js';
import type { Prediction, Target } from '../../src/core/target.js';
import { attackExample } from '../../src/engine/attack-example.js';
import { buildAttackParts } from '../../src/registry.js';
import type { Reporter } from '../../src/reporters/reporter.js';
import { createTarget } from '../../src/targets/index.js';
import { cliPath, sharedDatasets } from '../../src/testing/cli.js';
import { benchAttack } from './config.js';

const EXAMPLES = Number(process.argv[2] ?? 200);
/** Examples of MR test each campaign attacks first, untimed, so both runs are measured warm (see campaignThroughput). */
const WARMUP = Number(process.argv[3] ?? 400);
const dataset = join(sharedDatasets, 'sst2-dev.jsonl');
const warmupDataset = join(sharedDatasets, 'mr-test.jsonl');
const targets = (process.argv[4] ?? 'local:wink,local:vader,local:afinn').split(',');
const work = mkdtempSync(join(tmpdir(), 'quiver-bench-'));


/** Wraps a target and records every batch sent to it. */
class RecordingTarget implements Target {
  readonly batches: string[][] = [];
  constructor(private readonly inner: Target) {}
  get id() {
    return this.inner.id;
  }
  get labels() {
    return this.inner.labels;
  }
  predict(texts: readonly string[]): Promise<Prediction[]> {
    this.batches.push([...texts]);
    return this.inner.predict(texts);
  }
}

async function examples(): Promise<Example[]> {
  const out: Example[] = [];
  const spec = { path: dataset, format: formatOf(dataset), fields: { text: 'text', label: 'label', id: 'id' } };
  for await (const e of readExamples(spec, ['negative', 'positive'])) {
    if (out.length >= EXAMPLES) break;
    out.push(e);
  }
  return out;
}

/**
 * The batches the campaign sends to the model, recorded by attacking the examples in-process (same seed, so the same
 * texts), and how many texts each example sent.
 */
async function recordBatches(target: string, exs: readonly Example[]): Promise<{ batches: string[][]; perExample: number[] }> {
  const config = benchAttack(target);
  const parts = await buildAttackParts(config);
  const recording = new RecordingTarget(parts.target);
  const perExample: number[] = [];
  const sentSoFar = () => recording.batches.reduce((n, b) => n + b.length, 0);
  for (const ex of exs) {
    const before = sentSoFar();
    await attackExample({ ...parts, target: recording }, { seed: config.seed, maxQueries: Infinity, maxPerturbRatio: config.maxPerturbRatio, stabilitySamples: config.stabilitySamples, verifyRepeats: 1 }, ex);
    perExample.push(sentSoFar() - before);
  }
  return { batches: recording.batches, perExample };
}

/** Predictions per second, best of 3 passes over the recorded batches in a tight loop (after one warm-up pass). */
async function rawThroughput(target: string, batches: readonly string[][]): Promise<number> {
  const t = await createTarget(target);
  const texts = batches.reduce((n, b) => n + b.length, 0);
  let best = 0;
  for (let pass = 0; pass < 4; pass++) {
    const start = performance.now();
    for (const b of batches) await t.predict(b);
    const rate = texts / ((performance.now() - start) / 1000);
    if (pass > 0) best = Math.max(best, rate);
  }
  return best;
}

/**
 * The campaign input: the first WARMUP examples of MR test (a different corpus, so nothing the measured part asks
 * for is cached by its own texts), then the first EXAMPLES of SST-2 dev. Each worker loads its model and lexicons,
 * compiles its hot code and fills its per-word caches on the MR part, as in any campaign longer than a few seconds.
 */
function campaignInput(): string {
  const lines = (path: string, n: number) => readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').slice(0, n);
  const path = join(work, 'warmup-then-sst2.jsonl');
  writeFileSync(path, [...lines(warmupDataset, WARMUP), ...lines(dataset, EXAMPLES)].join('\n') + '\n');
  return path;
}

/**
 * Steady-state texts per second of a real campaign (worker pool, JSONL log): the texts the SST-2 examples sent, over
 * the time from the last warm-up record to the last record. Records are emitted in dataset order, so record
 * WARMUP + k is SST-2 example k.
 */
async function campaignThroughput(target: string, workers: number, perExample: readonly number[], input: string): Promise<{ qps: number; peakRssMb: number }> {
  const stamps: number[] = [];
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const reporter: Required<Reporter> = {
    onStart: () => {},
    onResult: () => stamps.push(performance.now()),
    onEnd: () => {},
  };
  const req: RunRequest = {
    attack: benchAttack(target),
    dataset: { path: input, format: 'jsonl', fields: { text: 'text', label: 'label', id: 'id' } },
    skipInvalid: false,
    limit: null,
    shard: null,
    preset: null,
    workers,
    budgets: { maxTotalQueries: null, maxTimeMs: null, maxTokens: null, maxCostUsd: null },
    outDir: join(work, `${target.replace(':', '-')}-w${workers}`),
    mode: 'new',
    force: false,
    handleSignals: false,
  };
  await runCampaign(req, reporter);
  clearInterval(sampler);
  if (stamps.length !== WARMUP + perExample.length) throw new Error(`expected ${WARMUP + perExample.length} records, got ${stamps.length}`);
  const span = (stamps[stamps.length - 1]! - stamps[WARMUP - 1]!) / 1000;
  const sent = perExample.reduce((n, q) => n + q, 0);
  return { qps: sent / span, peakRssMb: peakRss / 2 ** 20 };
}

function helpStartupMs(): number {
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    spawnSync(process.execPath, [cliPath, '--help'], { encoding: 'utf8' });
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const exs = await examples();
const input = campaignInput();
const rows: string[] = [];
for (const target of targets) {
  const { batches, perExample } = await recordBatches(target, exs);
  const raw = await rawThroughput(target, batches);
  const one = await campaignThroughput(target, 1, perExample, input);
  const two = await campaignThroughput(target, 2, perExample, input);
  const texts = batches.reduce((n, b) => n + b.length, 0);
  rows.push(
    `| ${target} | ${texts.toLocaleString('en-US')} in ${batches.length.toLocaleString('en-US')} batches | ${Math.round(raw).toLocaleString('en-US')} | ` +
      `${Math.round(one.qps).toLocaleString('en-US')} | **${(one.qps / raw).toFixed(2)}** | ${Math.round(two.qps).toLocaleString('en-US')} | **${(two.qps / one.qps).toFixed(2)}×** | ${one.peakRssMb.toFixed(0)} / ${two.peakRssMb.toFixed(0)} MB |`,
  );
}
const help = helpStartupMs();

console.log(`Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}. Dataset: first ${EXAMPLES} SST-2 dev sentences, measured after ${WARMUP} MR test sentences in the same campaign; search abs, all four perturbation families, 20 stability samples, seed 42.

| target | texts the campaign sent | raw model, texts/s (1 thread) | campaign, 1 worker, texts/s | model share (1 worker ÷ raw) | campaign, 2 workers, texts/s | 2 workers ÷ 1 | peak RSS, 1 / 2 workers (whole process) |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

\`quiver --help\` start-up: **${help.toFixed(0)} ms** (median of 15, compiled CLI).`);
