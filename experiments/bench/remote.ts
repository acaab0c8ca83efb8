/**
 * Remote-endpoint figure of the performance benchmark (issue 8): a campaign against `quiver serve --latency-ms 50`
 * with a concurrency limit of 32 should keep the pipe full. The server runs in this process (so its in-flight count
 * can be sampled every 5 ms without extra requests); the campaign's workers are threads, as in the CLI.
 * Prints: mean requests in flight ÷ 32 and requests per second ÷ (32 ÷ 50 ms), over the steady state.
 *
 *   npm run build && npx tsx experiments/bench/remote.ts [examples=150]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCampaign } from '../../src/campaign/run.js';
import type { Reporter } from '../../src/progress/reporter.js';
import { startServer } from '../../src/serve/server.js';
import { createTarget } from '../../src/targets/index.js';
import { targetOptionsOf } from '../../src/options/target.js';
import { sharedDatasets } from '../../src/testing/cli.js';
import { benchAttack } from './config.js';

const EXAMPLES = Number(process.argv[2] ?? 150);
const LIMIT = 32;
const LATENCY_MS = 50;

const server = await startServer(await createTarget('local:wink'), {
  port: 0,
  answer: 'auto',
  marker: 'Text:',
  decimals: null,
  modelNames: ['local-wink'],
  requiredKey: null,
  verbose: false,
  latencyMs: LATENCY_MS,
  jitterMs: 0,
  errorRate: 0,
  dropRate: 0,
  rateLimitRpm: null,
  noise: 0,
  seed: 1,
});
const samples: number[] = [];
let sampling = false;
const sampler = setInterval(() => {
  if (sampling) samples.push(server.stats().inFlight);
}, 5);

let started = 0;
let firstAt = 0;
let lastAt = 0;
const reporter: Required<Reporter> = {
  onStart: () => {},
  onResult: (_r, p) => {
    lastAt = performance.now();
    // Steady state: from the 10th record on (the pool is up, the first batches are out).
    if (p.done === 10) {
      firstAt = lastAt;
      server.resetStats();
      samples.length = 0;
      sampling = true;
    }
  },
  onEnd: () => {},
};
const targetOptions = targetOptionsOf('openai:local-wink', { baseUrl: server.url, concurrency: LIMIT, cache: false });
started = performance.now();
await runCampaign(
  {
    attack: benchAttack('openai:local-wink', targetOptions),
    dataset: {
      path: join(sharedDatasets, 'sst2-dev.jsonl'),
      format: 'jsonl',
      fields: { text: 'text', label: 'label', id: 'id' },
    },
    skipInvalid: false,
    limit: EXAMPLES,
    shard: null,
    preset: null,
    workers: 2,
    budgets: { maxTotalQueries: null, maxTimeMs: null, maxTokens: null, maxCostUsd: null },
    outDir: join(mkdtempSync(join(tmpdir(), 'quiver-remote-')), 'campaign'),
    mode: 'new',
    force: false,
    handleSignals: false,
  },
  reporter,
);
sampling = false;
clearInterval(sampler);
const stats = server.stats();
await server.close();
const seconds = (lastAt - firstAt) / 1000;
const meanInFlight = samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length);
const rps = stats.completions / seconds;
const ideal = LIMIT / (LATENCY_MS / 1000);
console.log(
  `Against quiver serve --latency-ms ${LATENCY_MS} (in process), openai:local-wink, ` +
    `--concurrency ${LIMIT}, 2 workers, first ${EXAMPLES} SST-2 dev sentences, no cache:

| figure | value | target |
|---|---|---|
| mean requests in flight ÷ ${LIMIT} | **${(meanInFlight / LIMIT).toFixed(2)}** (${meanInFlight.toFixed(1)}; ` +
    `peak ${stats.maxInFlight}) | ≥ 0.9 |
| requests/s ÷ (${LIMIT} ÷ ${LATENCY_MS} ms = ${ideal.toFixed(0)}/s) | **${(rps / ideal).toFixed(2)}** ` +
    `(${rps.toFixed(0)} requests/s) | ≥ 0.9 |
| steady state measured | ${seconds.toFixed(1)} s, ${stats.completions} requests (whole ` +
    `run ${((performance.now() - started) / 1000).toFixed(1)} s) | |`,
);
