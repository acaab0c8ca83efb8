/**
 * Performance benchmark (issue 8). For each bundled model, in one run on one machine:
 *  - raw model throughput: the target's predictions per second in a tight single-thread loop over exactly the texts
 *    (and batches) a campaign sent it, recorded by attacking the same examples in-process with a recording target;
 *  - the campaign's throughput with 1 worker (queries sent per second of steady state) and its ratio to the raw figure,
 *    i.e. the share of campaign time spent in the model;
 *  - the scaling of 2 workers over 1 on the same campaign;
 *  - peak memory; CLI start-up (`quiver --help`).
 * Remote-endpoint figures come from experiments/bench/remote.ts (needs `quiver serve`).
 *
 *   npm run bench            (= npm run build && tsx experiments/bench/run.ts [examples=200])
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
const dataset = join(sharedDatasets, 'sst2-dev.jsonl');
const targets = ['local:wink', 'local:vader', 'local:afinn'];
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
 * Steady-state texts per second of a real campaign: the texts sent for the examples after the first 20% (skipping
 * pool start-up and JIT warm-up), over the time they took. Results arrive in dataset order, so record k is example k.
 */
async function campaignThroughput(target: string, workers: number, perExample: readonly number[]): Promise<{ qps: number; peakRssMb: number }> {
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
    dataset: { path: dataset, format: 'jsonl', fields: { text: 'text', label: 'label', id: 'id' } },
    skipInvalid: false,
    limit: EXAMPLES,
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
  const from = Math.floor(stamps.length * 0.2);
  const span = (stamps[stamps.length - 1]! - stamps[from]!) / 1000;
  const sent = perExample.slice(from + 1).reduce((n, q) => n + q, 0);
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
const rows: string[] = [];
for (const target of targets) {
  const { batches, perExample } = await recordBatches(target, exs);
  const raw = await rawThroughput(target, batches);
  const one = await campaignThroughput(target, 1, perExample);
  const two = await campaignThroughput(target, 2, perExample);
  const texts = batches.reduce((n, b) => n + b.length, 0);
  rows.push(
    `| ${target} | ${texts.toLocaleString('en-US')} in ${batches.length.toLocaleString('en-US')} batches | ${Math.round(raw).toLocaleString('en-US')} | ` +
      `${Math.round(one.qps).toLocaleString('en-US')} | **${(one.qps / raw).toFixed(2)}** | ${Math.round(two.qps).toLocaleString('en-US')} | **${(two.qps / one.qps).toFixed(2)}×** | ${one.peakRssMb.toFixed(0)} / ${two.peakRssMb.toFixed(0)} MB |`,
  );
}
const help = helpStartupMs();

console.log(`Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}. Dataset: first ${EXAMPLES} SST-2 dev sentences; search abs, all four perturbation families, 20 stability samples, seed 42.

| target | texts the campaign sent | raw model, texts/s (1 thread) | campaign, 1 worker, texts/s | model share (1 worker ÷ raw) | campaign, 2 workers, texts/s | 2 workers ÷ 1 | peak RSS, 1 / 2 workers (whole process) |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

\`quiver --help\` start-up: **${help.toFixed(0)} ms** (median of 15, compiled CLI).`);
