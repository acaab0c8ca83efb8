/**
 * Cold campaigns, whole process (issue 18): the compiled `quiver run` timed from spawn to exit, as a user runs it,
 * with 1 and 2 workers alternating (1 then 2, then 2 then 1, ...), so a change in the machine's load hits both alike.
 * Each run starts in an empty folder with an empty cache (`QUIVER_CACHE_DIR`), so `local:nb` trains its model as a
 * user's first campaign does. Per run: wall time, the process's CPU time (every thread), where that CPU went (sampled
 * from /proc every 100 ms on Linux: the worker threads, the main thread, and the other threads, which are V8's
 * compiler and garbage-collector helpers and libuv's pool), the load average before it, and a digest of its records
 * (elapsed times and campaign id left out), which must be the same for every worker count.
 *
 *   npm run bench:cold -- [rounds=5] [cases=mr,fp]
 *   (= npm run build && tsx experiments/bench/cold.ts ...)
 *
 * Cases: `mr`: MR test (1,066 examples) against `local:vader`; `fp`: the first 2,000 Financial PhraseBank (50agree)
 * examples against `local:nb` trained on its allagree file; `fp-all`: the same with all 4,846 examples (how the ratio
 * grows with the campaign's length; not run by default). Needs ../shared/datasets beside the repository.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath } from '../../src/testing/cli.js';
import { type Case, CASES } from './cold-cases.js';
import { median } from './timing.js';

/** CPU seconds by kind of thread; null where /proc cannot be read (not Linux). */
interface ThreadCpu {
  readonly workers: number;
  readonly main: number;
  readonly other: number;
}

interface Run {
  readonly workers: number;
  readonly wallS: number;
  readonly cpuS: number;
  readonly threads: ThreadCpu | null;
  readonly load: number;
  readonly digest: string;
}

/**
 * The CPU time of each thread of a running process, from /proc/<pid>/task/<tid>/stat (utime + stime, in the kernel's
 * 100 Hz ticks), sampled until stop(): a thread's last sample stands for its total, so a thread that ends between two
 * samples loses at most 100 ms.
 */
class ThreadCpuSampler {
  private readonly ticks = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 100);
  }

  private sample(): void {
    try {
      for (const tid of readdirSync(`/proc/${this.pid}/task`)) {
        const stat = readFileSync(`/proc/${this.pid}/task/${tid}/stat`, 'utf8');
        // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 12th and
        // 13th.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        this.ticks.set(Number(tid), Number(fields[11]) + Number(fields[12]));
      }
    } catch {
      // The process (or a thread) ended between listing and reading.
    }
  }

  /** The main thread, the `workers` busiest other threads (the pool's), and the rest. */
  stop(workers: number): ThreadCpu | null {
    clearInterval(this.timer);
    if (this.ticks.size === 0) return null;
    const others = [...this.ticks]
      .filter(([tid]) => tid !== this.pid)
      .map(([, t]) => t / 100)
      .sort((a, b) => b - a);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    return {
      main: (this.ticks.get(this.pid) ?? 0) / 100,
      workers: sum(others.slice(0, workers)),
      other: sum(others.slice(workers)),
    };
  }
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
    const child = spawn(
      process.execPath,
      ['--import', preload, cliPath, 'run', ...c.args, '--workers', String(workers), '--out', out, '--json'],
      {
        cwd: scratch,
        env: { ...process.env, QUIVER_CACHE_DIR: join(scratch, 'cache') },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const sampler = new ThreadCpuSampler(child.pid!);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const wallS = (performance.now() - started) / 1000;
    const threads = sampler.stop(workers);
    const cpu = /cpu-us (\d+) (\d+)/.exec(stderr);
    if (code !== 0 || cpu === null)
      throw new Error(`${c.id}, ${workers} worker(s): quiver run failed (exit ${code}): ${stderr.slice(-800)}`);
    const cpuS = (Number(cpu[1]) + Number(cpu[2])) / 1e6;
    return { workers, wallS, cpuS, threads, load, digest: recordsDigest(join(out, 'results.jsonl')) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The records without what legitimately differs between runs: elapsed times and the campaign id (it names the worker
 * count).
 */
function recordsDigest(file: string): string {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const stripped = lines.map((line) => {
    const { elapsedMs: _elapsed, campaignId: _id, ...rest } = JSON.parse(line) as Record<string, unknown>;
    return JSON.stringify(rest);
  });
  return `${createHash('sha256').update(stripped.join('\n')).digest('hex').slice(0, 16)} (${lines.length} records)`;
}

const fixed = (x: number, d = 2) => x.toFixed(d);

console.log(
  `Cold whole-process campaigns: ${rounds} round(s), 1 and 2 workers alternating; ${cpus().length} CPUs, ` +
    `Node ${process.version}.\n`,
);
const summary: string[] = [];
for (const c of cases) {
  console.log(`### ${c.title}\n`);
  console.log(
    '| round | workers | wall s | CPU s, all threads | of which workers / main / other threads | ' +
      'load avg (1 min) before | records digest |',
  );
  console.log('|---|---|---|---|---|---|---|');
  const pairs: { one: Run; two: Run }[] = [];
  for (let r = 1; r <= rounds; r++) {
    const order = r % 2 === 1 ? [1, 2] : [2, 1];
    const runs: Run[] = [];
    for (const w of order) {
      const run = await coldRun(c, w);
      runs.push(run);
      const t =
        run.threads === null
          ? 'n/a'
          : `${fixed(run.threads.workers)} / ${fixed(run.threads.main)} / ${fixed(run.threads.other)}`;
      console.log(
        `| ${r} | ${w} | ${fixed(run.wallS)} | ${fixed(run.cpuS)} | ${t} | ${fixed(run.load)} | ${run.digest} |`,
      );
    }
    pairs.push({ one: runs.find((x) => x.workers === 1)!, two: runs.find((x) => x.workers === 2)! });
  }
  const digests = new Set(pairs.flatMap((p) => [p.one.digest, p.two.digest]));
  const ratios = pairs.map((p) => p.one.wallS / p.two.wallS);
  const oneWall = median(pairs.map((p) => p.one.wallS));
  const twoWall = median(pairs.map((p) => p.two.wallS));
  const extraCpu = median(pairs.map((p) => p.two.cpuS - p.one.cpuS));
  const extraBy = (kind: keyof ThreadCpu) => {
    const xs = pairs
      .filter((p) => p.one.threads !== null && p.two.threads !== null)
      .map((p) => p.two.threads![kind] - p.one.threads![kind]);
    return xs.length === 0 ? 'n/a' : fixed(median(xs));
  };
  // Load-independent estimates from CPU time alone, on a machine with 2 free cores: 1 worker's wall time is about its
  // worker thread's CPU (V8's compiler and GC threads and the main thread run on the other core), 2 workers' about
  // half the process's CPU. The ceiling is that estimate had the second worker cost no extra CPU at all.
  const withThreads = pairs.filter((p) => p.one.threads !== null);
  const implied =
    withThreads.length === 0
      ? 'n/a'
      : `${fixed(median(withThreads.map((p) => (2 * p.one.threads!.workers) / p.two.cpuS)))}×`;
  const ceiling =
    withThreads.length === 0
      ? 'n/a'
      : `${fixed(median(withThreads.map((p) => (2 * p.one.threads!.workers) / p.one.cpuS)))}×`;
  const loads = pairs.flatMap((p) => [p.one.load, p.two.load]);
  console.log(`\nRatios per round (1 worker ÷ 2 workers, wall): ${ratios.map((x) => fixed(x)).join(', ')}.`);
  console.log(
    `Records identical across worker counts and rounds: ` +
      `${digests.size === 1 ? 'yes' : `NO (${[...digests].join(', ')})`}.\n`,
  );
  summary.push(
    `| ${c.title} | ${fixed(oneWall)} | ${fixed(twoWall)} | **${fixed(median(ratios))}×** ` +
      `(${fixed(Math.min(...ratios))}–${fixed(Math.max(...ratios))}) | ` +
      `${fixed(median(pairs.map((p) => p.one.cpuS)))} | ${fixed(extraCpu)} ` +
      `(${extraBy('workers')} / ${extraBy('main')} / ${extraBy('other')}) | ` +
      `${implied} | ${ceiling} | ${fixed(Math.min(...loads))}–${fixed(Math.max(...loads))} | ` +
      `${digests.size === 1 ? 'yes' : 'NO'} |`,
  );
}
console.log('### Summary (medians over rounds)\n');
console.log(
  '| campaign (cold) | 1 worker, wall s | 2 workers, wall s | ratio, median of rounds (range) | CPU s, 1 worker | ' +
    'CPU s, 2 workers − 1 (workers / main / other threads) | ratio implied by CPU | ceiling by CPU | ' +
    'load avg before runs | records identical |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const row of summary) console.log(row);
console.log(
  "\nRatio implied by CPU: 2 × the worker thread's CPU with 1 worker ÷ the process's CPU with 2 workers, what the" +
    ' ratio comes to on 2 free cores if the work packs perfectly. Ceiling by CPU: the same with the 1-worker' +
    " process's CPU as the denominator, had the second worker cost no extra CPU; it is below 2 because one worker" +
    " already keeps part of the second core busy (V8's compiler and GC threads, the main thread).",
);
