/**
 * Performance benchmark (issue 8). For each bundled model, in one run on one machine:
 *  - raw model throughput: the target's predictions per second in a tight single-thread loop over exactly the texts
 *    (and batches) a campaign sent it, recorded by attacking the same examples in-process with a recording target;
 *  - the campaign's throughput with 1 worker (queries sent per second of steady state: the SST-2 part of a campaign
 *    that first attacks other corpora's sentences to warm up) and its ratio to the raw figure, i.e. the share of
 *    campaign time spent in the model;
 *  - the scaling of 2 workers over 1 on the same campaign, measured the same way, next to the model's own scaling
 *    (the recorded batches replayed in 2 threads at once over 1 thread: raw-threads.ts);
 *  - peak memory of the compiled CLI (`quiver run`) with 1 and 2 workers; CLI start-up (`quiver --help`).
 * Remote-endpoint figures come from experiments/bench/remote.ts (needs `quiver serve`).
 *
 *   npm run bench -- [examples=200] [warm-up examples per worker=3000] [targets=local:wink,local:vader,local:afinn]
 *   (= npm run build && tsx experiments/bench/run.ts ...)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatOf } from '../../src/campaign/dataset-format.js';
import { readExamples } from '../../src/campaign/dataset.js';
import type { Example } from '../../src/contracts/record.js';
import type { Prediction, Target } from '../../src/core/target.js';
import { attackExample } from '../../src/engine/attack-example.js';
import { buildAttackParts } from '../../src/registry.js';
import { createTarget } from '../../src/targets/index.js';
import { cliPath, sharedDatasets } from '../../src/testing/cli.js';
import { benchAttack } from './config.js';
import { rawThroughputInThreads } from './raw-threads.js';
import { median, recordTimes } from './timing.js';

const EXAMPLES = Number(process.argv[2] ?? 200);
/**
 * Examples per worker each campaign attacks first, untimed, so every worker is measured warm (see campaignInput):
 * per worker, since each worker compiles its own code and fills its own caches.
 */
const WARMUP_PER_WORKER = Number(process.argv[3] ?? 3000);
const dataset = join(sharedDatasets, 'sst2-dev.jsonl');
// Other corpora than the measured one, with the same two labels (Financial PhraseBank without its neutral lines).
let campaignRuns = 0;
const REPEATS = Number(process.env.QUIVER_BENCH_REPEATS ?? 3);
const warmupDatasets = [
  join(sharedDatasets, 'mr-test.jsonl'),
  join(sharedDatasets, 'financial-phrasebank-50agree.jsonl'),
];
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
async function recordBatches(
  target: string,
  exs: readonly Example[],
): Promise<{ batches: string[][]; perExample: number[] }> {
  const config = benchAttack(target);
  const parts = await buildAttackParts(config);
  const recording = new RecordingTarget(parts.target);
  const perExample: number[] = [];
  const sentSoFar = () => recording.batches.reduce((n, b) => n + b.length, 0);
  for (const ex of exs) {
    const before = sentSoFar();
    await attackExample(
      { ...parts, target: recording },
      {
        seed: config.seed,
        maxQueries: Infinity,
        maxPerturbRatio: config.maxPerturbRatio,
        stabilitySamples: config.stabilitySamples,
        verifyRepeats: 1,
      },
      ex,
    );
    perExample.push(sentSoFar() - before);
  }
  return { batches: recording.batches, perExample };
}

/**
 * Predictions per second: the median of 3 passes over the recorded batches in a tight loop, after one warm-up pass
 * (a median, like the campaign figures, so the share compares like with like).
 */
async function rawThroughput(target: string, batches: readonly string[][]): Promise<number> {
  const t = await createTarget(target);
  const texts = batches.reduce((n, b) => n + b.length, 0);
  const rates: number[] = [];
  for (let pass = 0; pass < 4; pass++) {
    const start = performance.now();
    for (const b of batches) await t.predict(b);
    if (pass > 0) rates.push(texts / ((performance.now() - start) / 1000));
  }
  return median(rates);
}

/**
 * The campaign input for `workers` workers: WARMUP_PER_WORKER × workers warm-up examples from other corpora (MR test,
 * then Financial PhraseBank), then the first EXAMPLES of SST-2 dev. On the warm-up part each worker loads its model
 * and lexicons, compiles its hot code (V8 compiles per thread, about a second of CPU per worker) and fills its
 * per-word caches, as in any campaign longer than a few seconds.
 */
function campaignInput(workers: number): { path: string; warmup: number } {
  const lines = (path: string) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.includes('"label": "neutral"'));
  const pool = warmupDatasets.flatMap(lines);
  // More warm-up than the two corpora hold goes round them again, under new ids (ids must be unique).
  const warm = Array.from({ length: WARMUP_PER_WORKER * workers }, (_, k) => {
    const round = Math.floor(k / pool.length);
    const row = JSON.parse(pool[k % pool.length]!) as { id: string };
    return JSON.stringify(round === 0 ? row : { ...row, id: `warmup${round}-${row.id}` });
  });
  const path = join(work, `warmup-${workers}-then-sst2.jsonl`);
  writeFileSync(path, `${[...warm, ...lines(dataset).slice(0, EXAMPLES)].join('\n')}\n`);
  return { path, warmup: warm.length };
}

/**
 * Steady-state texts per second of a real campaign (worker pool, JSONL log): the texts the SST-2 examples sent, over
 * the time from the last warm-up record to the last record. Records are emitted in dataset order, so the records
 * after the warm-up ones are the SST-2 examples.
 */
async function campaignThroughput(
  target: string,
  workers: number,
  perExample: readonly number[],
): Promise<{ qps: number }> {
  const input = campaignInput(workers);
  const stamps = await recordTimes(
    target,
    workers,
    input.path,
    join(work, `${target.replace(':', '-')}-w${workers}-${++campaignRuns}`),
  );
  if (stamps.length !== input.warmup + perExample.length)
    throw new Error(`expected ${input.warmup + perExample.length} records, got ${stamps.length}`);
  const span = (stamps[stamps.length - 1]! - stamps[input.warmup - 1]!) / 1000;
  const sent = perExample.reduce((n, q) => n + q, 0);
  return { qps: sent / span };
}

/**
 * Peak resident memory of the real CLI (`quiver run`, compiled) on the benchmark input, whole process, in MB. The
 * difference between 2 workers and 1 is what one more worker costs.
 */
function cliPeakRssMb(target: string, workers: number, input: string): number {
  const out = join(work, `cli-${target.replace(':', '-')}-w${workers}`);
  const preload = new URL('./peak-rss-preload.mjs', import.meta.url).href;
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      preload,
      cliPath,
      'run',
      '--target',
      target,
      '--dataset',
      input,
      '--workers',
      String(workers),
      '--seed',
      '42',
      '--out',
      out,
      '--json',
    ],
    { encoding: 'utf8' },
  );
  const kb = /peak-rss-kb (\d+)/.exec(r.stderr)?.[1];
  if (r.status !== 0 || kb === undefined)
    throw new Error(`quiver run failed (exit ${r.status}): ${r.stderr.slice(-500)}`);
  return Number(kb) / 1024;
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
  const rawScaling =
    (await rawThroughputInThreads(target, batches, 2)) / (await rawThroughputInThreads(target, batches, 1));
  // Campaign windows are a few seconds, so each figure is the median of REPEATS runs, 1 and 2 workers alternating.
  const ones: number[] = [];
  const twos: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    ones.push((await campaignThroughput(target, 1, perExample)).qps);
    twos.push((await campaignThroughput(target, 2, perExample)).qps);
  }
  const one = { qps: median(ones) };
  const two = { qps: median(twos) };
  const texts = batches.reduce((n, b) => n + b.length, 0);
  const rss1 = cliPeakRssMb(target, 1, campaignInput(1).path);
  const rss2 = cliPeakRssMb(target, 2, campaignInput(2).path);
  rows.push(
    `| ${target} | ${texts.toLocaleString('en-US')} in ${batches.length.toLocaleString('en-US')} batches ` +
      `| ${Math.round(raw).toLocaleString('en-US')} | ` +
      `${Math.round(one.qps).toLocaleString('en-US')} | **${(one.qps / raw).toFixed(2)}** ` +
      `| ${Math.round(two.qps).toLocaleString('en-US')} | **${(two.qps / one.qps).toFixed(2)}×** ` +
      `| ${rawScaling.toFixed(2)}× | ${rss1.toFixed(0)} / ${rss2.toFixed(0)} MB (+${(rss2 - rss1).toFixed(0)}) |`,
  );
}
const help = helpStartupMs();

console.log(
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}. Dataset: ` +
    `first ${EXAMPLES} SST-2 dev sentences, measured after ${WARMUP_PER_WORKER} warm-up sentences per worker (MR ` +
    `test, Financial PhraseBank) in the same campaign; campaign figures are medians of ${REPEATS} runs; search abs, ` +
    `all four perturbation families, 20 stability samples, seed 42.

| target | texts the campaign sent | raw model, texts/s (1 thread) | campaign, 1 worker, texts/s | model share (1 ` +
    `worker ÷ raw) | campaign, 2 workers, texts/s | 2 workers ÷ 1 | raw model alone, 2 threads ÷ 1 | peak RSS of ` +
    `\`quiver run\`, 1 / 2 workers (one more worker) |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

\`quiver --help\` start-up: **${help.toFixed(0)} ms** (median of 15, compiled CLI).`,
);
