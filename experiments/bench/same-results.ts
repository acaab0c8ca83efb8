/**
 * Performance work must not change what a campaign finds. The golden test (src/engine/golden.test.ts) checks a small
 * fixed campaign on every test run; this script checks wider ones before a performance change is committed: twelve
 * campaigns with the compiled CLI (three models, every search method, three recipes, on SST-2 dev and MR test), each
 * reduced to one digest of its records (elapsed times left out, records in id order).
 *
 *   npm run build && npx tsx experiments/bench/same-results.ts > before.txt
 *   (change the code)
 *   npm run build && npx tsx experiments/bench/same-results.ts > after.txt && diff before.txt after.txt
 *
 * About a minute on 2 cores. Needs ../shared/datasets beside the repository.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, sharedDatasets } from '../../src/testing/cli.js';

interface Campaign {
  readonly name: string;
  readonly args: readonly string[];
}

const sst2 = join(sharedDatasets, 'sst2-dev.jsonl');
const mr = join(sharedDatasets, 'mr-test.jsonl');
const campaigns: Campaign[] = [
  { name: 'afinn sst2', args: ['--target', 'local:afinn', '--dataset', sst2] },
  { name: 'wink mr 600', args: ['--target', 'local:wink', '--dataset', mr, '--limit', '600'] },
  {
    name: 'vader sst2 300, 1 worker',
    args: ['--target', 'local:vader', '--dataset', sst2, '--limit', '300', '--workers', '1'],
  },
  ...['greedy-wir', 'beam', 'genetic', 'pso', 'random', 'abfs'].map((search) => ({
    name: `afinn sst2 80 ${search}`,
    args: ['--target', 'local:afinn', '--dataset', sst2, '--limit', '80', '--search', search],
  })),
  {
    name: 'wink sst2 100 textfooler',
    args: ['--target', 'local:wink', '--dataset', sst2, '--limit', '100', '--recipe', 'textfooler-jin-2020'],
  },
  {
    name: 'afinn sst2 100 textbugger',
    args: ['--target', 'local:afinn', '--dataset', sst2, '--limit', '100', '--recipe', 'textbugger-li-2018'],
  },
  {
    name: 'afinn sst2 100 pwws',
    args: ['--target', 'local:afinn', '--dataset', sst2, '--limit', '100', '--recipe', 'pwws-ren-2019'],
  },
];

const cli = join(repoRoot, 'dist', 'bin', 'quiver.js');
const scratch = mkdtempSync(join(tmpdir(), 'quiver-same-results-'));
try {
  for (const c of campaigns) {
    const out = join(scratch, c.name.replaceAll(' ', '-'));
    execFileSync(process.execPath, [cli, 'run', '--json', '--workers', '2', ...c.args, '--out', out], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const records = readFileSync(join(out, 'results.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const { elapsedMs: _elapsed, ...rest } = JSON.parse(line) as Record<string, unknown>;
        return rest;
      })
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
    const digest = createHash('sha256')
      .update(records.map((r) => JSON.stringify(r)).join('\n'))
      .digest('hex')
      .slice(0, 16);
    console.log(`${digest}  ${records.length} records  ${c.name}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
