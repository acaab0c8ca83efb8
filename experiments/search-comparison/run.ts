/**
 * @module The search-comparison benchmark, one command: `npx tsx experiments/search-comparison/run.ts`. Attacks the
 * first N examples of every cell (dataset × target) with every method over the same perturbation space and
 * constraints, on `--jobs` worker processes (a job = one cell × one method, run in dataset order), and writes
 * experiments/results/search-comparison.md (+ .json). Options: --limit N (200), --jobs N (2), --cells a,b,
 * --methods a,b, --out FILE; --render-only rewrites the report from the saved JSON (after editing analysis.md).
 */
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNbModel, resolveNbOptions } from '../../src/targets/nb.js';
import { packageRoot } from '../../src/version.js';
import type { JobMetrics, JobSpec } from './job.js';
import { cells, methods } from './plan.js';
import { fingerprint, renderReport } from './report.js';

const here = dirname(fileURLToPath(import.meta.url));

function arg(name: string): string | undefined {
  const k = process.argv.indexOf(`--${name}`);
  return k < 0 ? undefined : process.argv[k + 1];
}

const limit = Number(arg('limit') ?? 200);
const jobs = Number(arg('jobs') ?? Math.min(2, availableParallelism()));
const out = arg('out') ?? join(packageRoot, 'experiments', 'results', 'search-comparison.md');
const pickCells = arg('cells')?.split(',');
const pickMethods = arg('methods')?.split(',');
const runsDir = join(here, 'runs');
const cacheDir = join(packageRoot, '.quiver-cache');

const jsonOut = out.replace(/\.md$/, '.json');
if (process.argv.includes('--render-only')) {
  // Re-render the report (e.g. after editing analysis.md) from the saved numbers, without attacking anything.
  const saved = JSON.parse(readFileSync(jsonOut, 'utf8')) as SavedRun;
  const ids = new Set(saved.results.map((r) => r.cell));
  const mids = new Set(saved.results.map((r) => r.method));
  writeFileSync(
    out,
    renderReport({
      ...saved,
      cells: cells().filter((c) => ids.has(c.id)),
      methods: methods().filter((m) => mids.has(m.id)),
    }),
  );
  process.exit(0);
}

interface SavedRun {
  readonly command: string;
  readonly limit: number;
  readonly jobs: number;
  readonly wallMs: number;
  readonly fingerprint: string;
  readonly results: JobMetrics[];
}

const plannedCells = cells().filter((c) => pickCells === undefined || pickCells.includes(c.id));
const plannedMethods = methods().filter((m) => pickMethods === undefined || pickMethods.includes(m.id));
for (const c of plannedCells) {
  if (!existsSync(c.file))
    throw new Error(`dataset ${c.file} not found (set QUIVER_DATASETS to the folder holding it)`);
}

// Train the naive Bayes targets once here, so the workers only read the cached models.
for (const c of plannedCells) if (c.trainOnFile) loadNbModel(resolveNbOptions({ train: c.file, cacheDir }));
rmSync(runsDir, { recursive: true, force: true });
mkdirSync(runsDir, { recursive: true });

// Longest jobs first, so the workers finish together.
const methodCost: Record<string, number> = { pso: 8, beam: 5, random: 4, genetic: 4, abfs: 2 };
const cost = (cell: string, method: string) =>
  (methodCost[method] ?? 1) * (cell.startsWith('ag') ? 4 : cell.startsWith('mr') ? 2 : 1);
const queue: JobSpec[] = plannedCells
  .flatMap((c) => plannedMethods.map((m) => ({ cell: c.id, method: m.id, limit, runsDir, cacheDir })))
  .sort((a, b) => cost(b.cell, b.method) - cost(a.cell, a.method));

const started = performance.now();
const results: JobMetrics[] = [];
const total = queue.length;
await Promise.all(
  Array.from(
    { length: Math.max(1, Math.min(jobs, queue.length)) },
    () =>
      new Promise<void>((resolve, reject) => {
        const child = fork(join(here, 'worker.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        const next = () => {
          const spec = queue.shift();
          if (spec === undefined) {
            child.disconnect();
            resolve();
            return;
          }
          child.send(spec);
        };
        child.on('message', (msg: { ok: boolean; metrics?: JobMetrics; error?: string }) => {
          if (!msg.ok) {
            child.kill();
            reject(new Error(msg.error));
            return;
          }
          results.push(msg.metrics!);
          const m = msg.metrics!;
          process.stderr.write(
            `[${results.length}/${total}] ${m.cell} ${m.method}: ${m.succeeded}/${m.succeeded + m.failed} flips, ` +
              `${m.avgUniqueQueries?.toFixed(1)} unique queries, ${(m.elapsedMs / 1000).toFixed(1)} s\n`,
          );
          next();
        });
        child.on('error', reject);
        next();
      }),
  ),
);
const wallMs = performance.now() - started;

const command = ['npx tsx experiments/search-comparison/run.ts', ...process.argv.slice(2)].join(' ');
const report = renderReport({ results, cells: plannedCells, methods: plannedMethods, limit, jobs, wallMs, command });
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, report);
const saved: SavedRun = {
  command,
  limit,
  jobs,
  wallMs,
  fingerprint: fingerprint(results),
  results: sortResults(results),
};
writeFileSync(jsonOut, `${JSON.stringify(saved, null, 2)}\n`);
process.stderr.write(
  `wrote ${relative(process.cwd(), out)} in ${(wallMs / 1000).toFixed(0)} s; fingerprint ${fingerprint(results)}\n`,
);

function sortResults(rs: readonly JobMetrics[]): JobMetrics[] {
  const ci = (id: string) => plannedCells.findIndex((c) => c.id === id);
  const mi = (id: string) => plannedMethods.findIndex((m) => m.id === id);
  return [...rs].sort((a, b) => ci(a.cell) - ci(b.cell) || mi(a.method) - mi(b.method));
}
