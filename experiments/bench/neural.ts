/**
 * The neural target's costs, in one run (needs `npm run build` for the CLI campaigns):
 *   npx tsx experiments/bench/neural.ts [examples=40]
 * 1. model share: the share of one-thread campaign time (engine, no pool) spent inside local:nn's predict, on the
 *    first N SST-2 dev examples;
 * 2. cold whole campaign (process start to exit, compiled CLI, local:nn, N examples): 1 worker ÷ 2 workers;
 * 3. texts/s through the model with batches of 32 ÷ one text per call, on candidate batches as the engine sends them
 *    (32 one-word variants of a sentence) and on batches of 32 unrelated sentences.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Target } from '../../src/core/target.js';
import { timedTarget, type ModelClock } from './timing.js';
import { attackExample } from '../../src/engine/attack-example.js';
import { buildAttackParts } from '../../src/registry.js';
import { BUNDLED_NN_DIR } from '../../src/targets/hf/bundled.js';
import { createHfTarget } from '../../src/targets/hf/target.js';
import { cliPath, sharedDatasets } from '../../src/testing/cli.js';
import { keepAllocationsYoung } from '../../src/worker/pool.js';
import { benchAttack } from './config.js';

const n = Number(process.argv[2] ?? 40);
const sst2 = readFileSync(join(sharedDatasets, 'sst2-dev.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as { id: string; text: string; label: string });

// 1. Model share, one thread.
keepAllocationsYoung();
const parts = await buildAttackParts(benchAttack('local:nn'));
const clock: ModelClock = { ms: 0, texts: 0, calls: 0 };
const timed = timedTarget(parts.target, clock);
const settings = { seed: 42, maxQueries: Infinity, maxPerturbRatio: 0.25, stabilitySamples: 20, verifyRepeats: 1 };
const start = performance.now();
for (const [index, ex] of sst2.slice(0, n).entries())
  await attackExample({ ...parts, target: timed }, settings, { ...ex, index });
const totalMs = performance.now() - start;
const { ms: modelMs, texts, calls } = clock;
const share = modelMs / totalMs;

// 2. Cold campaigns through the compiled CLI.
const work = mkdtempSync(join(tmpdir(), 'quiver-neural-'));
const campaign = (workers: number): number => {
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      cliPath,
      'run',
      '--target',
      'local:nn',
      '--dataset',
      join(sharedDatasets, 'sst2-dev.jsonl'),
      '--limit',
      String(n * 2),
      '--workers',
      String(workers),
      '--out',
      join(work, `w${workers}-${Math.random()}`),
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(r.stderr);
  return performance.now() - t;
};
campaign(1); // page cache warm for both
const one = Math.min(campaign(1), campaign(1));
const two = Math.min(campaign(2), campaign(2));

// 3. Batching.
const b32 = await createHfTarget('local:nn', BUNDLED_NN_DIR, { batchSize: 32, threads: 1 });
const b1 = await createHfTarget('local:nn', BUNDLED_NN_DIR, { batchSize: 1, threads: 1 });
const swaps = ['good', 'bad', 'dull', 'fine', 'great', 'awful', 'nice', 'poor'];
const candidateBatches = sst2.slice(0, 60).map((ex) => {
  const words = ex.text.split(' ');
  return Array.from({ length: 32 }, (_, k) =>
    words.map((w, i) => (i === k % words.length ? swaps[k % swaps.length]! : w)).join(' '),
  );
});
const sentenceBatches = Array.from({ length: 24 }, (_, b) => sst2.slice(b * 32, b * 32 + 32).map((e) => e.text));
const rate = async (target: Target, batches: string[][], perCall: number): Promise<number> => {
  const all = batches.flat();
  for (let rep = 0; rep < 2; rep++) {
    const t = performance.now();
    if (perCall === 1) for (const text of all) await target.predict([text]);
    else for (const batch of batches) await target.predict(batch);
    if (rep === 1) return all.length / ((performance.now() - t) / 1000);
  }
  return 0;
};
const cand32 = await rate(b32, candidateBatches, 32);
const cand1 = await rate(b1, candidateBatches, 1);
const sent32 = await rate(b32, sentenceBatches, 32);
const sent1 = await rate(b1, sentenceBatches, 1);

const f = (x: number, d = 2) => x.toFixed(d);
process.stdout.write(
  `local:nn, ${n} SST-2 dev examples (campaigns: ${n * 2}), node ${process.version}
1. model share of one-thread campaign time: ${f(share)} (${f(modelMs / 1000)} s of ${f(totalMs / 1000)} s; ${texts} ` +
    `texts in ${calls} calls, ${f((modelMs * 1000) / texts, 1)} µs per text in the ` +
    `model, ${f(((totalMs - modelMs) * 1000) / texts, 1)} µs outside)
2. cold whole campaign: 1 worker ${f(one / 1000)} s, 2 workers ${f(two / 1000)} s: ${f(one / two)}x
3. texts/s, batches of 32 vs one text per call: candidate batches ${f(cand32, 0)} vs ${f(cand1, 0)} ` +
    `(${f(cand32 / cand1)}x); unrelated sentences ${f(sent32, 0)} vs ${f(sent1, 0)} (${f(sent32 / sent1)}x)
`,
);
await Promise.all([b32.close?.(), b1.close?.(), parts.target.close?.()]);
