/**
 * CPU profile of the engine in one thread (no pool), for finding hot spots:
 *   npx tsx --cpu-prof --cpu-prof-dir=/tmp/prof experiments/bench/profile.ts \
 *     [target=local:wink] [examples=150] [passes=1]
 * Prints, per pass over the same examples, the time spent in the model versus everything else, per text sent, and the
 * garbage collections of the pass. The first pass pays for loading lexicons, compiling and filling per-word caches;
 * later passes show the steady state.
 */
import { formatOf } from '../../src/campaign/dataset-format.js';
import { readExamples } from '../../src/campaign/dataset.js';
import { timedTarget, type ModelClock } from './timing.js';
import { attackExample } from '../../src/engine/attack-example.js';
import { buildAttackParts } from '../../src/registry.js';
import { sharedDatasets } from '../../src/testing/cli.js';
import { keepAllocationsYoung } from '../../src/worker/pool.js';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { benchAttack } from './config.js';

// The engine runs here as it runs in a campaign's workers.
keepAllocationsYoung();
const target = process.argv[2] ?? 'local:wink';
const n = Number(process.argv[3] ?? 150);
const parts = await buildAttackParts(benchAttack(target));
const clock: ModelClock = { ms: 0, texts: 0, calls: 0 };
const timed = timedTarget(parts.target, clock);
const passes = Number(process.argv[4] ?? 1);
// Garbage collection per pass: young-generation scavenges are the GC cost that grows with Quiver's garbage.
let gcCount = 0;
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcCount++;
    gcMs += e.duration;
  }
}).observe({ entryTypes: ['gc'] });
const path = join(sharedDatasets, 'sst2-dev.jsonl');
const spec = { path, format: formatOf(path), fields: { text: 'text', label: 'label', id: 'id' } };
for (let pass = 1; pass <= passes; pass++) {
  clock.ms = 0;
  clock.texts = 0;
  gcCount = 0;
  gcMs = 0;
  const start = performance.now();
  let k = 0;
  for await (const ex of readExamples(spec, parts.target.labels)) {
    if (k++ >= n) break;
    await attackExample(
      { ...parts, target: timed },
      { seed: 42, maxQueries: Infinity, maxPerturbRatio: 0.25, stabilitySamples: 20, verifyRepeats: 1 },
      ex,
    );
  }
  const total = performance.now() - start;
  const perText = (ms: number) => ((1000 * ms) / clock.texts).toFixed(1);
  console.log(
    `${target} pass ${pass}: ${n} examples, ${clock.texts} texts, total ${total.toFixed(0)} ms, ` +
      `model ${clock.ms.toFixed(0)} ms (share ${(clock.ms / total).toFixed(2)}); ` +
      `per text: model ${perText(clock.ms)} µs, the rest ${perText(total - clock.ms)} µs; ` +
      `GC ${gcCount}× ${gcMs.toFixed(0)} ms`,
  );
}
