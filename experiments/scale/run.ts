/**
 * Scale benchmark for overnight campaigns (issue 6): a 100,000-line dataset must start within seconds and run with
 * bounded memory. Builds the dataset from the public benchmarks in ../shared/datasets (unique ids; texts repeat),
 * runs the compiled CLI on it for a fixed time with a budget stop, samples the process's memory from /proc, and
 * prints the figures as Markdown.
 *
 *   npm run build && npx tsx experiments/scale/run.ts [seconds=60]
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, sharedDatasets } from '../../src/testing/cli.js';

const seconds = Number(process.argv[2] ?? 60);
const LINES = 100_000;
const work = mkdtempSync(join(tmpdir(), 'quiver-scale-'));
const dataset = join(work, 'big.jsonl');

const sources = ['sst2-dev.jsonl', 'mr-test.jsonl'].map((f) => join(sharedDatasets, f)).filter(existsSync);
if (sources.length === 0) throw new Error(`no datasets in ${sharedDatasets}`);
const rows = sources.flatMap((f) =>
  readFileSync(f, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { text: string; label: string }),
);
const out = createWriteStream(dataset);
for (let i = 0; i < LINES; i++) {
  const r = rows[i % rows.length]!;
  out.write(`${JSON.stringify({ id: `big-${i}`, text: r.text, label: r.label })}\n`);
}
await new Promise<void>((resolve) => out.end(resolve));

const runDir = join(work, 'campaign');
const started = performance.now();
const probe = join(work, 'main-thread-memory.json');
const probeModule = new URL('./memory-probe.mjs', import.meta.url).href;
const child = spawn(
  process.execPath,
  [
    '--import',
    probeModule,
    cliPath,
    'run',
    '--dataset',
    dataset,
    '--target',
    'local:afinn',
    '--max-time',
    `${seconds}s`,
    '--out',
    runDir,
    '--json',
  ],
  {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, QUIVER_MEMORY_PROBE: probe },
  },
);
let stdout = '';
child.stdout.on('data', (d) => (stdout += d));
let peakRssKb = 0;
let firstRecordMs: number | null = null;
const sampler = setInterval(() => {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    peakRssKb = Math.max(peakRssKb, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
  } catch {
    // the process has exited
  }
  if (
    firstRecordMs === null &&
    existsSync(join(runDir, 'results.jsonl')) &&
    statSync(join(runDir, 'results.jsonl')).size > 0
  ) {
    firstRecordMs = performance.now() - started;
  }
}, 50);
await new Promise((resolve) => child.once('exit', resolve));
clearInterval(sampler);
const main = JSON.parse(readFileSync(probe, 'utf8')) as {
  heapUsedMb: number;
  externalMb: number;
  arrayBuffersMb: number;
};
const summary = JSON.parse(stdout) as { examples: number; stopReason?: string; remaining: number; elapsedMs: number };

console.log(
  `| figure | value |
|---|---|
| dataset | ${LINES.toLocaleString('en-US')} lines (${(statSync(dataset).size / 1e6).toFixed(1)} MB), texts ` +
    `from ${sources.map((s) => s.split('/').pop()).join(' + ')} |
| target / workers | local:afinn, ${cpus().length} workers (default) |
| first record on disk after | ${firstRecordMs === null ? 'n/a' : `${(firstRecordMs / 1000).toFixed(2)} s`} ` +
    `(validation of all lines, plan, pool start included) |
| examples attacked in ${seconds} s | ${summary.examples.toLocaleString('en-US')} ` +
    `(stopped: ${summary.stopReason ?? 'complete'}; ${summary.remaining.toLocaleString('en-US')} remaining) |
| campaign time | ${(summary.elapsedMs / 1000).toFixed(1)} s ` +
    `(${Math.round(summary.examples / (summary.elapsedMs / 1000)).toLocaleString('en-US')} examples/s) |
| peak RSS of the whole process (main thread + workers) | ${(peakRssKb / 1024).toFixed(0)} MB |
| peak main-thread memory (V8 heap used + external) | ${(main.heapUsedMb + main.externalMb).toFixed(0)} MB ` +
    `(heap ${main.heapUsedMb.toFixed(0)} MB) |
| node | ${process.version} |`,
);
