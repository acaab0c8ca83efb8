/**
 * @module The validity benchmark's first half: `npx tsx experiments/validity/sample.ts --tag after`. Runs three
 * campaigns with Quiver's default settings through the compiled CLI (SST-2 dev against `local:vader`, MR test against
 * `local:wink`, and an `openai:` target served by `quiver serve --model local:afinn` in logprobs mode), draws a seeded
 * sample of their verified flips, and writes a blinded sheet (item, label, original, perturbed — nothing else) for
 * the judges plus a key (campaign, families, edits) that only the tally reads. Options: --tag NAME (required),
 * --per-cell N (40), --seed N (7), --limit-sst2 N (200), --limit-mr N (200), --limit-llm N (120), --extra 'flags'
 * (added to every `quiver run`, e.g. to measure a setting other than the default).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { packageRoot } from '../../src/version.js';
import { datasetsDir } from '../search-comparison/plan.js';

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(packageRoot, 'dist', 'bin', 'quiver.js');

function arg(name: string, fallback?: string): string {
  const k = process.argv.indexOf(`--${name}`);
  const v = k < 0 ? fallback : process.argv[k + 1];
  if (v === undefined) throw new Error(`--${name} is required`);
  return v;
}

const tag = arg('tag');
const perCell = Number(arg('per-cell', '40'));
const seed = arg('seed', '7');
const extra = arg('extra', '')
  .split(' ')
  .filter((s) => s !== '');
const runsDir = join(here, 'runs', tag);
const resultsDir = join(packageRoot, 'experiments', 'results', 'validity');

interface Edit {
  readonly family: string;
  readonly position: number;
  readonly from: string;
  readonly to: string;
}
interface ResultRecord {
  readonly type: string;
  readonly id: string;
  readonly status: string;
  readonly groundTruth: string;
  readonly original: { readonly text: string };
  readonly adversarial: { readonly text: string; readonly label: string } | null;
  readonly edits: readonly Edit[];
}

export interface CellRun {
  readonly cell: string;
  readonly examples: number;
  readonly attacked: number;
  readonly succeeded: number;
  readonly successRate: number;
  readonly elapsedMs: number;
  readonly flips: ResultRecord[];
}

function run(cell: string, args: string[]): CellRun {
  const out = join(runsDir, cell);
  const started = performance.now();
  const r = spawnSync(process.execPath, [cli, 'run', ...args, ...extra, '--out', out, '--json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`quiver run (${cell}) exited ${r.status}: ${r.stderr}`);
  const summary = JSON.parse(r.stdout) as {
    examples: number;
    succeeded: number;
    failed: number;
    attackSuccessRate: number;
  };
  const records = readFileSync(join(out, 'results.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as ResultRecord);
  const flips = records.filter((x) => x.type === 'result' && x.status === 'succeeded' && x.adversarial !== null);
  return {
    cell,
    examples: summary.examples,
    attacked: summary.succeeded + summary.failed,
    succeeded: summary.succeeded,
    successRate: summary.attackSuccessRate,
    elapsedMs: performance.now() - started,
    flips,
  };
}

async function withServe<T>(model: string, f: (baseUrl: string) => T): Promise<T> {
  const child = spawn(process.execPath, [cli, 'serve', '--model', model, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const baseUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`quiver serve exited ${code}`)));
    });
    return f(baseUrl);
  } finally {
    child.kill();
  }
}

/** A seeded draw of `n` items without replacement (Fisher–Yates on a copy). */
function draw<T>(items: readonly T[], n: number, rng: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}

rmSync(runsDir, { recursive: true, force: true });
mkdirSync(runsDir, { recursive: true });
mkdirSync(resultsDir, { recursive: true });
const d = datasetsDir();
const cells: CellRun[] = [];
cells.push(
  run('sst2-vader', [
    '--dataset',
    join(d, 'sst2-dev.jsonl'),
    '--target',
    'local:vader',
    '--limit',
    arg('limit-sst2', '200'),
  ]),
);
cells.push(
  run('mr-wink', ['--dataset', join(d, 'mr-test.jsonl'), '--target', 'local:wink', '--limit', arg('limit-mr', '200')]),
);
cells.push(
  await withServe('local:afinn', (baseUrl) =>
    run('sst2-llm', [
      '--dataset',
      join(d, 'sst2-dev.jsonl'),
      '--target',
      'openai:local-afinn',
      '--base-url',
      baseUrl,
      '--labels',
      'negative,positive',
      '--no-cache',
      '--limit',
      arg('limit-llm', '120'),
    ]),
  ),
);
cells.push(run('demo-wink', []));

const rng = seedrandom(`validity:${seed}`);
// The demo cell measures success only; the judged sample comes from the three public-benchmark cells.
const judged = cells.filter((c) => c.cell !== 'demo-wink');
const sample = draw(
  judged.flatMap((c) => draw(c.flips, perCell, rng).map((f) => ({ cell: c.cell, f }))),
  Infinity,
  rng,
);
const sheet = sample.map((s, k) => ({
  item: k + 1,
  label: s.f.groundTruth,
  original: s.f.original.text,
  perturbed: s.f.adversarial!.text,
}));
const key = sample.map((s, k) => ({
  item: k + 1,
  cell: s.cell,
  id: s.f.id,
  families: [...new Set(s.f.edits.map((e) => e.family))].sort(),
  edits: s.f.edits,
}));
writeFileSync(join(resultsDir, `${tag}-sheet.json`), `${JSON.stringify(sheet, null, 1)}\n`);
writeFileSync(join(resultsDir, `${tag}-key.json`), `${JSON.stringify(key, null, 1)}\n`);
writeFileSync(
  join(resultsDir, `${tag}-campaigns.json`),
  `${JSON.stringify(
    {
      command: process.argv.slice(1).join(' '),
      cells: cells.map(({ flips, ...c }) => ({ ...c, flips: flips.length })),
    },
    null,
    1,
  )}\n`,
);
for (const c of cells) {
  console.log(
    `${c.cell}: ${c.succeeded}/${c.attacked} attacked succeeded (${(100 * c.successRate).toFixed(1)} ` +
      `%), ${(c.elapsedMs / 1000).toFixed(1)} s`,
  );
}
console.log(`sheet: ${sheet.length} items -> ${join(resultsDir, `${tag}-sheet.json`)}`);
