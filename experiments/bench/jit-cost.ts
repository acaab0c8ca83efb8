/**
 * Where a cold campaign's CPU goes besides the attack (issue 18): one `quiver run` of a cold case
 * (experiments/bench/cold-cases.ts) with V8's optimizing-compiler and garbage-collector traces on, summed:
 *  - TurboFan: optimized compiles, the distinct functions compiled, the time of all compiles (V8's three phases), and
 *    the part spent compiling a function again after its optimized code was thrown away (a deoptimization);
 *  - GC: the main-thread pauses of scavenges and mark-compacts, and the helpers' parallel and background work.
 * Every worker isolate repeats all of it, which is what a second worker costs in a short campaign. Extra V8 flags
 * after `--` are set for the run too, to see what a flag changes (for example `--no-concurrent-recompilation`).
 * Use 1 worker for the figures: V8 reports elapsed times per phase, which CPU contention inflates.
 *
 *   npm run build && npx tsx experiments/bench/jit-cost.ts [workers=1] [case=mr] [-- V8 flags...]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath } from '../../src/testing/cli.js';
import { CASES } from './cold-cases.js';
import { sumTraces } from './v8-traces.js';

const dash = process.argv.indexOf('--');
const positional = process.argv.slice(2, dash === -1 ? undefined : dash);
const extraFlags = dash === -1 ? [] : process.argv.slice(dash + 1);
const workers = Number(positional[0] ?? 1);
const chosen = CASES.find((c) => c.id === (positional[1] ?? 'mr'));
if (!(Number.isInteger(workers) && workers >= 1) || chosen === undefined) {
  throw new Error(`usage: jit-cost.ts [workers >= 1] [case: ${CASES.map((c) => c.id).join('|')}] [-- V8 flags]`);
}

const scratch = mkdtempSync(join(tmpdir(), 'quiver-jit-'));
try {
  const preloads = ['./v8-flags-preload.mjs', './cold-usage-preload.mjs'].map((p) => new URL(p, import.meta.url).href);
  const flags = ['--trace-opt', '--trace-gc-nvp', ...extraFlags];
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [
      ...preloads.flatMap((p) => ['--import', p]),
      cliPath,
      'run',
      ...chosen.args,
      '--workers',
      String(workers),
      '--out',
      join(scratch, 'campaign'),
    ],
    {
      cwd: scratch,
      env: { ...process.env, QUIVER_CACHE_DIR: join(scratch, 'cache'), QUIVER_BENCH_V8_FLAGS: flags.join(' ') },
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    },
  );
  const wallS = (performance.now() - started) / 1000;
  const cpu = /cpu-us (\d+) (\d+)/.exec(run.stderr);
  if (run.status !== 0 || cpu === null)
    throw new Error(`quiver run failed (exit ${run.status}): ${run.stderr.slice(-800)}`);
  const cpuS = (Number(cpu[1]) + Number(cpu[2])) / 1e6;
  const c = sumTraces(run.stdout);
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const share = (ms: number) => `${((ms / 1000 / cpuS) * 100).toFixed(0)} %`;
  const gcMs = c.scavengePauseMs + c.markCompactPauseMs + c.gcHelpersMs;
  console.log(
    `${chosen.title}, ${workers} worker(s), extra V8 flags: ${extraFlags.join(' ') || 'none'}; Node ${process.version}`,
  );
  console.log(`wall ${wallS.toFixed(2)} s, CPU ${cpuS.toFixed(2)} s (every thread)\n`);
  console.log('| part | count | s | share of CPU |');
  console.log('|---|---|---|---|');
  console.log(
    `| TurboFan compiles | ${c.compiles} (${c.functions} functions) | ${s(c.compileMs)} | ${share(c.compileMs)} |`,
  );
  const again = c.compiles - c.functions;
  console.log(
    `| of which compiled again after a deoptimization | ${again} | ${s(c.recompileMs)} | ${share(c.recompileMs)} |`,
  );
  console.log(`| GC: scavenge pauses | ${c.scavenges} | ${s(c.scavengePauseMs)} | ${share(c.scavengePauseMs)} |`);
  console.log(
    `| GC: mark-compact pauses | ${c.markCompacts} | ${s(c.markCompactPauseMs)} | ${share(c.markCompactPauseMs)} |`,
  );
  const helpers = 'GC: helper threads (parallel scavenge, background mark, sweep and evacuation)';
  console.log(`| ${helpers} | | ${s(c.gcHelpersMs)} | ${share(c.gcHelpersMs)} |`);
  console.log(`| GC in all | | ${s(gcMs)} | ${share(gcMs)} |`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
