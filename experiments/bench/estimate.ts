/**
 * @module How close `quiver run --dry-run` lands: for campaigns of 100, 5,000 and 100,000 examples (texts from SST-2
 * dev and MR test, unique ids), the estimated wall time and queries against the real campaign's, whole processes,
 * measured in one run. Prints Markdown for experiments/results/estimate.md.
 *
 *   npm run build && npx tsx experiments/bench/estimate.ts [target=local:afinn] [sizes=100,5000,100000]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, sharedDataset } from '../../src/testing/cli.js';

const target = process.argv[2] ?? 'local:afinn';
const sizes = (process.argv[3] ?? '100,5000,100000').split(',').map(Number);
const work = mkdtempSync(join(tmpdir(), 'quiver-estimate-'));
const rows = ['sst2-dev.jsonl', 'mr-test.jsonl'].flatMap((f) =>
  readFileSync(sharedDataset(f), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { text: string; label: string }),
);

async function dataset(lines: number): Promise<string> {
  const path = join(work, `data-${lines}.jsonl`);
  const out = createWriteStream(path);
  for (let i = 0; i < lines; i++) {
    const r = rows[i % rows.length]!;
    out.write(`${JSON.stringify({ id: `e${i}`, text: r.text, label: r.label })}\n`);
  }
  await new Promise<void>((resolve) => out.end(resolve));
  return path;
}

function quiver(args: string[]): { stdout: string; ms: number } {
  const started = performance.now();
  const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`quiver ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { stdout: r.stdout, ms: performance.now() - started };
}

const fmt = (ms: number) => (ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`);
const lines: string[] = [
  `Target ${target}, default workers; whole processes (\`quiver run --dry-run --json\`, then the campaign itself).`,
  '',
  '| examples | dry run took | estimated wall (IQR) | real wall | estimate ÷ real | estimated texts sent | real ' +
    'texts sent | ÷ |',
  '|---|---|---|---|---|---|---|---|',
];
for (const n of sizes) {
  const data = await dataset(n);
  const dry = quiver(['run', '--dataset', data, '--target', target, '--dry-run', '--json']);
  const e = JSON.parse(dry.stdout) as {
    wallMs: { expected: number; low: number; high: number };
    queries: { expected: number };
  };
  const out = join(work, `run-${n}`);
  const real = quiver(['run', '--dataset', data, '--target', target, '--out', out, '--json']);
  const s = JSON.parse(real.stdout) as { totalTextsSent: number };
  rmSync(out, { recursive: true, force: true });
  lines.push(
    `| ${n.toLocaleString('en-US')} | ${fmt(dry.ms)} | ${fmt(e.wallMs.expected)} (${fmt(e.wallMs.low)} ` +
      `– ${fmt(e.wallMs.high)}) | ${fmt(real.ms)} | ` +
      `${(e.wallMs.expected / real.ms).toFixed(2)} | ${Math.round(e.queries.expected).toLocaleString('en-US')} ` +
      `| ${s.totalTextsSent.toLocaleString('en-US')} | ` +
      `${(e.queries.expected / s.totalTextsSent).toFixed(2)} |`,
  );
  console.error(lines.at(-1));
}
rmSync(work, { recursive: true, force: true });
console.log(lines.join('\n'));
