/**
 * The neural target's costs (issue #19), in one run, for the bundled local:nn (an embedding bag, ~40 µs per text) and
 * for transformer encoders of realistic cost built at bench time (experiments/nn/build-bench-encoder.ts: MiniLM-L6-H384
 * and DistilBERT-base sizes, random encoder + trained head, loaded through the real `hf:<dir>` loader):
 *   npm run build && npx tsx experiments/bench/neural.ts [--models local:nn,minilm,distilbert] [--scale 1]
 * 1. model share: the share of one-thread campaign time (engine in-process, no pool) spent inside the target's predict,
 *    over the whole run and in steady state (examples after the first WARMUP);
 * 2. cold whole campaign (process start to exit, compiled CLI, `--target hf:<dir>`): 1 worker ÷ 2 workers, runs
 *    alternated (1, 2, 1 with --threads 1, twice, after one page-cache run), best of each; the 1-worker run with one
 *    intra-op thread gives the pool's own scaling (2 workers already get one thread each);
 * 3. texts/s through the model (threads 1) with batches of 32 ÷ one text per call, on candidate batches as the engine
 *    sends them (32 one-word variants of a sentence) and on batches of 32 unrelated sentences;
 * 4. the machine's ceiling: the model alone on those candidate batches in 2 threads at once ÷ 1 thread, and in one
 *    session with 2 intra-op threads ÷ 1.
 * `--scale` multiplies every example and batch count (0.25 for a quick look).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Target } from '../../src/core/target.js';
import { attackExample } from '../../src/engine/attack-example.js';
import { buildAttackParts } from '../../src/registry.js';
import { BUNDLED_NN_DIR } from '../../src/targets/hf/bundled.js';
import { createHfTarget } from '../../src/targets/hf/target.js';
import { cliPath, sharedDatasets } from '../../src/testing/cli.js';
import { keepAllocationsYoung } from '../../src/worker/pool.js';
import { buildNamedBenchEncoder } from '../nn/build-bench-encoder.js';
import { benchAttack } from './config.js';
import { rawThroughputInThreads } from './raw-threads.js';
import { median, timedTarget, type ModelClock } from './timing.js';

const { values: args } = parseArgs({
  options: {
    models: { type: 'string', default: 'local:nn,minilm,distilbert' },
    scale: { type: 'string', default: '1' },
  },
});
const scale = Number(args.scale);
const WARMUP = 5;

/** Per model: examples for the share and the cold campaigns, batches for the texts/s measurement. */
const PLAN = {
  'local:nn': { share: 40, cold: 160, batches: 48 },
  minilm: { share: 60, cold: 200, batches: 12 },
  distilbert: { share: 30, cold: 80, batches: 6 },
} as const;
type ModelName = keyof typeof PLAN;

const datasetPath = join(sharedDatasets, 'sst2-dev.jsonl');
const sst2 = readFileSync(datasetPath, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { id: string; text: string; label: string });
const count = (n: number) => Math.max(WARMUP + 1, Math.round(n * scale));
const f = (x: number, d = 2) => x.toFixed(d);
const out = (s: string) => process.stdout.write(`${s}\n`);

keepAllocationsYoung();
out(
  `node ${process.version}, ${availableParallelism()} cores, load average at start ` +
    `${loadavg()
      .map((x) => f(x))
      .join(' ')}`,
);

async function modelShare(spec: string, examples: number): Promise<void> {
  const parts = await buildAttackParts(benchAttack(spec));
  const clock: ModelClock = { ms: 0, texts: 0, calls: 0 };
  const timed = timedTarget(parts.target, clock);
  const settings = { seed: 42, maxQueries: Infinity, maxPerturbRatio: 0.25, stabilitySamples: 20, verifyRepeats: 1 };
  const perExample: { total: number; model: number; texts: number }[] = [];
  for (const [index, ex] of sst2.slice(0, examples).entries()) {
    const before = { ...clock };
    const t = performance.now();
    await attackExample({ ...parts, target: timed }, settings, { ...ex, index });
    perExample.push({ total: performance.now() - t, model: clock.ms - before.ms, texts: clock.texts - before.texts });
  }
  await parts.target.close?.();
  const sum = (rows: typeof perExample) =>
    rows.reduce((a, r) => ({ total: a.total + r.total, model: a.model + r.model, texts: a.texts + r.texts }), {
      total: 0,
      model: 0,
      texts: 0,
    });
  const line = (what: string, s: ReturnType<typeof sum>) =>
    `${what} ${f(s.model / s.total)} (${f(s.model / 1000)} s of ${f(s.total / 1000)} s; ${s.texts} texts, ` +
    `${f((s.model * 1000) / s.texts, 0)} µs per text in the model, ${f(((s.total - s.model) * 1000) / s.texts, 0)} ` +
    `µs outside)`;
  out(`  1. model share of one-thread campaign time, ${examples} examples (${clock.calls} calls):`);
  out(`     ${line('whole run:', sum(perExample))}`);
  out(`     ${line(`steady state (examples ${WARMUP + 1}-${examples}):`, sum(perExample.slice(WARMUP)))}`);
}

function coldCampaigns(spec: string, examples: number): void {
  const work = mkdtempSync(join(tmpdir(), 'quiver-neural-'));
  // Under /usr/bin/time when there is one, for the CPU seconds the campaign used (user + system, all threads):
  // CPU ÷ wall shows how many cores a run got on a machine shared with other work.
  const time = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'cpu %U %S'] : [];
  // Key: workers, or 'one-thread' for 1 worker whose session is held to 1 intra-op thread (`--threads 1`).
  const cpu: Record<string, number[]> = { 1: [], 2: [], 'one-thread': [] };
  const campaign = (workers: number, oneThread = false): number => {
    const t = performance.now();
    const argv = [...time, process.execPath, cliPath, 'run', '--target', spec, '--dataset', datasetPath, '--limit']
      .concat([String(examples), '--workers', String(workers), '--out', join(work, `w${workers}-${performance.now()}`)])
      .concat(oneThread ? ['--threads', '1'] : []);
    const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`quiver run --workers ${workers} exited ${r.status}: ${r.stderr}`);
    const wall = performance.now() - t;
    const used = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
    const key = oneThread ? 'one-thread' : workers;
    if (used !== null) cpu[key]!.push((Number(used[1]) + Number(used[2])) / (wall / 1000));
    return wall;
  };
  campaign(1); // page cache warm for both
  cpu[1] = [];
  const ones: number[] = [];
  const twos: number[] = [];
  const oneThread: number[] = [];
  for (let rep = 0; rep < 2; rep++) {
    ones.push(campaign(1));
    twos.push(campaign(2));
    oneThread.push(campaign(1, true));
  }
  rmSync(work, { recursive: true, force: true });
  const one = Math.min(...ones);
  const two = Math.min(...twos);
  const s = (xs: number[]) => xs.map((x) => f(x / 1000)).join(', ');
  out(
    `  2. cold whole campaign, ${examples} examples: 1 worker ${s(ones)} s, 2 workers ${s(twos)} s; ` +
      `best ${f(one / 1000)} vs ${f(two / 1000)} s: ${f(one / two)}x` +
      (cpu[1]!.length > 0
        ? `; cores used (CPU s ÷ wall s): 1 worker ${s(cpu[1]!.map((x) => x * 1000))}, ` +
          `2 workers ${s(cpu[2]!.map((x) => x * 1000))}`
        : ''),
  );
  // 2 workers already run one thread per session (cores ÷ workers): against 1 worker held to one thread too, the
  // ratio is the pool's own scaling, without the intra-op threads the default 1-worker session gets.
  const single = Math.min(...oneThread);
  out(
    `     1 worker with --threads 1: ${s(oneThread)} s; best ${f(single / 1000)} vs ${f(two / 1000)} s: ` +
      `${f(single / two)}x (the pool's scaling at one thread per session)` +
      (cpu['one-thread']!.length > 0 ? `; cores used ${s(cpu['one-thread']!.map((x) => x * 1000))}` : ''),
  );
}

async function batching(dir: string, batches: number): Promise<string[][]> {
  const b32 = await createHfTarget('b32', dir, { batchSize: 32, threads: 1 });
  const b1 = await createHfTarget('b1', dir, { batchSize: 1, threads: 1 });
  const swaps = ['good', 'bad', 'dull', 'fine', 'great', 'awful', 'nice', 'poor'];
  const candidateBatches = sst2.slice(0, batches).map((ex) => {
    const words = ex.text.split(' ');
    return Array.from({ length: 32 }, (_, k) =>
      words.map((w, i) => (i === k % words.length ? swaps[k % swaps.length]! : w)).join(' '),
    );
  });
  const sentenceBatches = Array.from({ length: batches }, (_, b) => sst2.slice(b * 32, b * 32 + 32).map((e) => e.text));
  // One full pass first (the tokenizer's word cache then holds every word, as a campaign's does after an example's
  // first candidates), then the median of 3 passes of at least a second each.
  const rate = async (target: Target, groups: string[][], perCall: number): Promise<number> => {
    const calls = perCall === 1 ? groups.flat().map((text) => [text]) : groups;
    for (const c of calls) await target.predict(c);
    const rates: number[] = [];
    for (let pass = 0; pass < 3; pass++) {
      const t = performance.now();
      let texts = 0;
      while (performance.now() - t < 1000) {
        for (const c of calls) {
          await target.predict(c);
          texts += c.length;
        }
      }
      rates.push(texts / ((performance.now() - t) / 1000));
    }
    return median(rates);
  };
  // Alternated, so a change of machine load weighs on both sides alike.
  const cand1 = await rate(b1, candidateBatches, 1);
  const cand32 = await rate(b32, candidateBatches, 32);
  const sent1 = await rate(b1, sentenceBatches, 1);
  const sent32 = await rate(b32, sentenceBatches, 32);
  await Promise.all([b32.close?.(), b1.close?.()]);
  out(
    `  3. texts/s, batches of 32 vs one text per call (${batches} batches of 32, threads 1): candidate batches ` +
      `${f(cand32, 0)} vs ${f(cand1, 0)} (${f(cand32 / cand1)}x); unrelated sentences ${f(sent32, 0)} vs ` +
      `${f(sent1, 0)} (${f(sent32 / sent1)}x)`,
  );
  return candidateBatches;
}

/**
 * The machine's ceiling for the model: the candidate batches replayed by the model alone (no engine) in one thread,
 * in two threads at once (one session each, one intra-op thread each: what 2 workers run), and in one session with
 * two intra-op threads (what 1 worker runs by default). No campaign can scale better than the model alone does.
 */
async function modelCeiling(spec: string, batches: readonly (readonly string[])[]): Promise<void> {
  const one = await rawThroughputInThreads(spec, batches, 1, { threads: 1 });
  const two = await rawThroughputInThreads(spec, batches, 2, { threads: 1 });
  const intra = await rawThroughputInThreads(spec, batches, 1, { threads: 2 });
  out(
    `  4. the model alone, texts/s on the candidate batches: 1 thread ${f(one, 0)}; 2 threads at once (a session ` +
      `each) ${f(two, 0)} (${f(two / one)}x); 1 session with 2 intra-op threads ${f(intra, 0)} (${f(intra / one)}x)`,
  );
}

for (const name of args.models.split(',')) {
  if (!(name in PLAN)) throw new Error(`--models: unknown model "${name}" (${Object.keys(PLAN).join(', ')})`);
  const plan = PLAN[name as ModelName];
  let spec = 'local:nn';
  let dir = BUNDLED_NN_DIR;
  if (name === 'local:nn') {
    out(`\n== local:nn (bundled embedding bag, ${BUNDLED_NN_DIR}) ==`);
  } else {
    const built = await buildNamedBenchEncoder(name as Exclude<ModelName, 'local:nn'>);
    dir = built.dir;
    spec = `hf:${dir}`;
    const z = built.sizes;
    out(
      `\n== ${name} bench encoder (${z.layers} layers, hidden ${z.hidden}, ${z.heads} heads, ffn ${z.ffn}, ` +
        `${f(built.parameters / 1e6, 1)} M parameters; random encoder + head trained on MR test: held-out ` +
        `accuracy ${f(built.heldOutAccuracy, 3)} on ${built.heldOutRows} SST-2 dev) ==`,
    );
  }
  await modelShare(spec, count(plan.share));
  coldCampaigns(spec, count(plan.cold));
  await modelCeiling(spec, await batching(dir, count(plan.batches)));
  out(
    `  (load average now ${loadavg()
      .map((x) => f(x))
      .join(' ')})`,
  );
}
