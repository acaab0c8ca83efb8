/**
 * @module The search-comparison benchmark, one command: `npx tsx experiments/search-comparison/run.ts`. Attacks the
 * first N examples of every cell (dataset × target) with every method over the same perturbation space and
 * constraints, on `--jobs` worker processes (a job = one cell × one method, run in dataset order), and writes
 * experiments/results/search-comparison.md (+ .json). Options: --limit N (200), --jobs N (2), --cells a,b,
 * --methods a,b, --out FILE; --render-only rewrites the report from the saved JSON (after editing analysis.md).
 */
import { execFileSync, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type ServeHandle } from '../../src/serve/server.js';
import { createTarget } from '../../src/targets/index.js';
import { loadNbModel, resolveNbOptions } from '../../src/targets/nb.js';
import { packageRoot } from '../../src/version.js';
import { cellChecks, type CellChecks } from './checks.js';
import { AUDIT, type AuditResult, type JobMetrics, type JobSpec } from './job.js';
import { cells, methods, runsOn, type Cell } from './plan.js';
import { fingerprint, renderReport } from './report.js';

const here = dirname(fileURLToPath(import.meta.url));
const SERVE_LATENCY_MS = 20;

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
  readonly commit?: string;
  readonly limit: number;
  readonly jobs: number;
  readonly wallMs: number;
  readonly fingerprint: string;
  readonly results: JobMetrics[];
  readonly audits: AuditResult[];
  readonly checks: CellChecks[];
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

// Served cells: `quiver serve`'s server in this process, answering with the cell's local model over HTTP.
const servers = new Map<string, ServeHandle>();
for (const c of plannedCells) if (c.served !== undefined) servers.set(c.id, await serve(c));

// Longest jobs first, so the workers finish together; one one-edit audit per cell.
const methodCost: Record<string, number> = { pso: 8, beam: 5, random: 4, genetic: 4, abfs: 2, [AUDIT]: 2 };
const cost = (cell: string, method: string) =>
  (methodCost[method] ?? 1) * (cell.startsWith('ag') ? 4 : cell.startsWith('mr') ? 2 : 1);
const spec = (c: Cell, method: string): JobSpec => ({
  cell: c.id,
  method,
  limit,
  runsDir,
  cacheDir,
  ...(servers.has(c.id) ? { baseURL: servers.get(c.id)!.url } : {}),
});
const queue: JobSpec[] = plannedCells
  .flatMap((c) => [
    ...plannedMethods.filter((m) => runsOn(c, m)).map((m) => spec(c, m.id)),
    ...(pickMethods === undefined ? [spec(c, AUDIT)] : []),
  ])
  .sort((a, b) => cost(b.cell, b.method) - cost(a.cell, a.method));

const started = performance.now();
const results: JobMetrics[] = [];
const audits: AuditResult[] = [];
let done = 0;
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
        child.on('message', (msg: { ok: boolean; metrics?: JobMetrics | AuditResult; error?: string }) => {
          if (!msg.ok) {
            child.kill();
            reject(new Error(msg.error));
            return;
          }
          const m = msg.metrics!;
          done++;
          if (m.method === AUDIT) {
            const a = m as AuditResult;
            audits.push(a);
            process.stderr.write(
              `[${done}/${total}] ${a.cell} one-edit audit: ` +
                `${a.oneEditFlippable.length}/${a.attacked} flippable by one edit\n`,
            );
          } else {
            const j = m as JobMetrics;
            results.push(j);
            process.stderr.write(
              `[${done}/${total}] ${j.cell} ${j.method}: ${j.succeeded}/${j.succeeded + j.failed} flips, ` +
                `${j.avgUniqueQueries?.toFixed(1)} unique queries, ${(j.elapsedMs / 1000).toFixed(1)} s\n`,
            );
          }
          next();
        });
        child.on('error', reject);
        next();
      }),
  ),
);
const wallMs = performance.now() - started;
for (const server of servers.values()) await server.close();

const checked = ['abs', 'abs-noprior', 'abs-loo', 'textfooler'];
const checks = plannedCells.map((c) =>
  cellChecks(
    runsDir,
    c.id,
    checked,
    audits.find((a) => a.cell === c.id),
  ),
);
const command = ['npx tsx experiments/search-comparison/run.ts', ...process.argv.slice(2)].join(' ');
const commit = currentCommit();
const report = renderReport({
  commit,
  results,
  audits,
  checks,
  cells: plannedCells,
  methods: plannedMethods,
  limit,
  jobs,
  wallMs,
  command,
});
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, report);
const sortedAudits = [...audits].sort(
  (a, b) => plannedCells.findIndex((c) => c.id === a.cell) - plannedCells.findIndex((c) => c.id === b.cell),
);
const saved: SavedRun = {
  command,
  commit,
  limit,
  jobs,
  wallMs,
  fingerprint: fingerprint(results, sortedAudits),
  results: sortResults(results),
  audits: sortedAudits,
  checks,
};
writeFileSync(jsonOut, JSON.stringify(saved, null, 2) + '\n');
process.stderr.write(
  `wrote ${relative(process.cwd(), out)} in ${(wallMs / 1000).toFixed(0)} s; fingerprint ${saved.fingerprint}\n`,
);

/** The checked-out commit, with `+ changes` when the tree differs from it (results belong to the code that ran). */
function currentCommit(): string {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
  try {
    return (
      git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain', '--untracked-files=no') ? ' + changes' : '')
    );
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function sortResults(rs: readonly JobMetrics[]): JobMetrics[] {
  const ci = (id: string) => plannedCells.findIndex((c) => c.id === id);
  const mi = (id: string) => plannedMethods.findIndex((m) => m.id === id);
  return [...rs].sort((a, b) => ci(a.cell) - ci(b.cell) || mi(a.method) - mi(b.method));
}

/** The cell's local model behind `quiver serve`'s server, with a fixed 20 ms per request, as a fast endpoint. */
async function serve(c: Cell): Promise<ServeHandle> {
  const model = c.served!.model;
  return startServer(await createTarget(model), {
    port: 0,
    answer: 'auto',
    marker: 'Text:',
    decimals: null,
    modelNames: [c.target.slice('openai:'.length), model],
    requiredKey: null,
    verbose: false,
    latencyMs: SERVE_LATENCY_MS,
    jitterMs: 0,
    errorRate: 0,
    dropRate: 0,
    rateLimitRpm: null,
    rateLimitShare: 0,
    noise: 0,
    seed: 0,
  });
}
