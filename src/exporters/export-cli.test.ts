/**
 * `quiver export` end to end on a real campaign: every format is written, the generated node:test file runs against
 * the real model (adversarial cases fail, controls pass, as recorded) and the Quiver suite replays as recorded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ResultRecord } from '../contracts/record.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'bin', 'quiver.js');
const work = mkdtempSync(join(tmpdir(), 'quiver-export-'));
const camp = join(work, 'camp');
const skip = !existsSync(cli) && 'run npm run build first';

function quiver(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('a demo campaign to export', { skip }, () => {
  const r = quiver('run', '--limit', '40', '--workers', '2', '--out', camp);
  assert.equal(r.code, 0, r.stderr);
});

test('quiver export: every format, to a file or stdout; unknown format and missing folder exit 2', { skip }, () => {
  const recs = readFileSync(join(camp, 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ResultRecord);
  const flips = recs.filter((r) => r.status === 'succeeded').length;
  const controls = recs.filter(
    (r) => r.status === 'failed' && r.adversarial === null && r.original?.label === r.groundTruth,
  ).length;
  assert.ok(flips > 0 && controls > 0);
  for (const format of [
    'promptfoo',
    'promptfoo-csv',
    'promptfoo-jsonl',
    'jsonl',
    'csv',
    'node-test',
    'vitest',
    'junit',
  ]) {
    const out = join(work, 'out', `suite-${format}`);
    const r = quiver('export', camp, '--format', format, '--controls', '--out', out);
    assert.equal(r.code, 0, `${format}: ${r.stderr}`);
    assert.ok(readFileSync(out, 'utf8').length > 100, format);
  }
  assert.match(
    quiver('export', camp, '--format', 'jsonl', '--controls', '--out', join(work, 'x.jsonl')).stderr,
    new RegExp(`${flips} adversarial case\\(s\\) \\+ ${controls} control\\(s\\)`),
  );
  const stdout = quiver('export', camp, '--format', 'promptfoo-jsonl');
  assert.equal(stdout.code, 0);
  assert.equal(stdout.stdout.trim().split('\n').length, flips, 'without --controls: adversarial cases only');
  const bad = quiver('export', camp, '--format', 'yaml');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown export format "yaml"; valid export formats: promptfoo, promptfoo-csv/);
  assert.equal(quiver('export', join(work, 'nowhere'), '--format', 'csv').code, 2);
  assert.equal(quiver('export', camp).code, 2, '--format is required');
});

test('node-test export runs against the real model: adversarial cases fail and controls pass, as recorded', {
  skip,
}, () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-export-nt-'));
  const r = quiver(
    'export',
    camp,
    '--format',
    'node-test',
    '--controls',
    '--predict',
    './predict.mjs',
    '--out',
    join(dir, 'robustness.test.mjs'),
  );
  assert.equal(r.code, 0, r.stderr);
  // The user's module: Quiver's own wink target (compiled), as a project would wrap its model.
  const targets = pathToFileURL(join(root, 'dist', 'src', 'targets', 'index.js')).href;
  writeFileSync(
    join(dir, 'predict.mjs'),
    `import { createTarget } from ${JSON.stringify(targets)};\nconst model = await ` +
      `createTarget('local:wink');\nexport const predict = (texts) => model.predict(texts);\n`,
  );
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const t = spawnSync(process.execPath, ['--test', '--test-reporter=tap', 'robustness.test.mjs'], {
    cwd: dir,
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  const suite = readFileSync(join(work, 'out', 'suite-jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const { adversarial, controls } = suite[0].cases;
  assert.match(t.stdout, new RegExp(`# pass ${controls}\\n`), t.stdout.slice(-2000) + t.stderr);
  assert.match(t.stdout, new RegExp(`# fail ${adversarial}\\n`));
  assert.equal(t.status, 1);
});

test('the jsonl suite replays as recorded against the same model: every flip still fails, no control regresses', {
  skip,
}, () => {
  const r = quiver('replay', join(work, 'out', 'suite-jsonl'), '--target', 'local:wink', '--json');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  const header = JSON.parse(readFileSync(join(work, 'out', 'suite-jsonl'), 'utf8').split('\n')[0]!);
  assert.deepEqual(j.counts, {
    'still-failing': header.cases.adversarial,
    fixed: 0,
    passed: header.cases.controls,
    regressed: 0,
  });
});
