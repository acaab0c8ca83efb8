/**
 * Cold campaigns, whole process (issue 18): the compiled `quiver run` timed from spawn to exit, as a user runs it,
 * with 1 and 2 workers alternating (1 then 2, then 2 then 1, ...), so a change in the machine's load hits both alike.
 * Each run starts in an empty folder with an empty cache (`QUIVER_CACHE_DIR`), so `local:nb` trains its model as a
 * user's first campaign does. Per run: wall time, the process's CPU time (every thread), the load average before it,
 * and a digest of its records (elapsed times and campaign id left out), which must be the same for every worker count.
 *
 *   npm run bench:cold -- [rounds=5] [cases=mr,fp]
 *   (= npm run build && tsx experiments/bench/cold.ts ...)
 *
 * Cases: `mr`: MR test (1,066 examples) against `local:vader`; `fp`: the first 2,000 Financial PhraseBank (50agree)
 * examples against `local:nb` trained on its allagree file. Needs ../shared/datasets beside the repository.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, sharedDataset } from '../../src/testing/cli.js';
import { median } from './timing.js';

interface Case {
  readonly id: string;
  readonly title: string;
  readonly args: readonly string[];
}

const CASES: readonly Case[] = [
  {
    id: 'mr',
    title: 'MR test, 1,066 examples, `local:vader`',
    args: ['--target', 'local:vader', '--dataset', sharedDataset('mr-test.jsonl')],
  },
  {
    id: 'fp',
    title: 'Financial PhraseBank 50agree, first 2,000, `local:nb` trained on allagree',
    args: [
      '--target', 'local:nb',
      '--train', sharedDataset('financial-phrasebank-allagree.jsonl'),
      '--dataset', sharedDataset('financial-phrasebank-50agree.jsonl'),
      '--limit', '2000',
    ],
  },
];

interface Run {
  readonly workers: number;
  readonly wallS: number;
  readonly cpuS: number;
  readonly load: number;
  readonly digest: string;
}

const rounds = Number(process.argv[2] ?? 5);
const wanted = (process.argv[3] ?? 'mr,fp').split(',');
const cases = CASES.filter((c) => wanted.includes(c.id));
if (!(Number.isInteger(rounds) && rounds >= 1) || cases.length !== wanted.length) {
  throw new Error(`usage: cold.ts [rounds >= 1] [cases from ${CASES.map((c) => c.id).join(',')}]`);
}
const preload = new URL('./cold-usage-preload.mjs', import.meta.url).href;

/** One cold campaign in a fresh folder with a fresh cache, timed from spawn to exit. */
async function coldRun(c: Case, workers: number): Promise<Run> {
  const scratch = mkdtempSync(join(tmpdir(), 'quiver-cold-'));
  try {
    const out = join(scratch, 'campaign');
    const load = loadavg()[0]!;
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', preload, cliPath, 'run', ...c.args, '--workers', String(workers), '--out', out, '--json'], {
      cwd: scratch,
      env: { ...process.env, QUIVER_CACHE_DIR: join(scratch, 'cache') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const wallS = (performance.now() - started) / 1000;
    const cpu = /cpu-us (\d+) (\d+)/.exec(stderr);
    if (code !== 0 || cpu === null) throw new Error(`${c.id}, ${workers} worker(s): quiver run failed (exit ${code}): ${stderr.slice(-800)}`);
    return { workers, wallS, cpuS: (Number(cpu[1]) + Number(cpu[2])) / 1e6, load, digest: recordsDigest(join(out, 'results.jsonl')) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The records without what legitimately differs between runs: elapsed times and the campaign id (it names the worker count). */
function recordsDigest(file: string): string {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const stripped = lines.map((line) => {
    const { elapsedMs: _elapsed, campaignId: _id, ...rest } = JSON.parse(line) as Record<string, unknown>;
    return JSON.stringify(rest);
  });
  return `${createHash('sha256').update(stripped.join('\n')).digest('hex').slice(0, 16)} (${lines.length} records)`;
}

const fixed = (x: number, d = 2) => x.toFixed(d);

console.log(`Cold whole-process campaigns: ${rounds} round(s), 1 and 2 workers alternating; ${cpus().length} CPUs, Node ${process.version}.\n`);
const summary: string[] = [];
for (const c of cases) {
  console.log(`### ${c.title}\n`);
  console.log('| round | workers | wall s | CPU s (all threads) | load avg (1 min) before | records digest |');
  console.log('|---|---|---|---|---|---|');
  const pairs: { one: Run; two: Run }[] = [];
  for (let r = 1; r <= rounds; r++) {
    const order = r % 2 === 1 ? [1, 2] : [2, 1];
    const runs: Run[] = [];
    for (const w of order) {
      const run = await coldRun(c, w);
      runs.push(run);
      console.log(`| ${r} | ${w} | ${fixed(run.wallS)} | ${fixed(run.cpuS)} | ${fixed(run.load)} | ${run.digest} |`);
    }
    pairs.push({ one: runs.find((x) => x.workers === 1)!, two: runs.find((x) => x.workers === 2)! });
  }
  const digests = new Set(pairs.flatMap((p) => [p.one.digest, p.two.digest]));
  const ratios = pairs.map((p) => p.one.wallS / p.two.wallS);
  const oneWall = median(pairs.map((p) => p.one.wallS));
  const twoWall = median(pairs.map((p) => p.two.wallS));
  const extraCpu = median(pairs.map((p) => p.two.cpuS - p.one.cpuS));
  console.log(`\nRatios per round (1 worker ÷ 2 workers, wall): ${ratios.map((x) => fixed(x)).join(', ')}.`);
  console.log(`Records identical across worker counts and rounds: ${digests.size === 1 ? 'yes' : `NO (${[...digests].join(', ')})`}.\n`);
  summary.push(
    `| ${c.title} | ${fixed(oneWall)} | ${fixed(twoWall)} | **${fixed(median(ratios))}×** (${fixed(Math.min(...ratios))}–${fixed(Math.max(...ratios))}) | ` +
      `${fixed(extraCpu)} | ${fixed(Math.min(...pairs.flatMap((p) => [p.one.load, p.two.load])))}–${fixed(Math.max(...pairs.flatMap((p) => [p.one.load, p.two.load])))} | ${digests.size === 1 ? 'yes' : 'NO'} |`,
  );
}
console.log('### Summary (medians over rounds)\n');
console.log('| campaign (cold) | 1 worker, wall s | 2 workers, wall s | ratio, median of rounds (range) | CPU s, 2 workers − 1 | load avg before runs | records identical |');
console.log('|---|---|---|---|---|---|---|');
for (const row of summary) console.log(row);
