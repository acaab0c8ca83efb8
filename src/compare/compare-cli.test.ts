/**
 * `quiver compare` end to end on real campaigns of two bundled models; the transferability counts are recomputed
 * here with independent instances of the models.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResultRecord } from '../contracts/record.js';
import { createTarget } from '../targets/index.js';
import { mcnemar } from './mcnemar.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist', 'bin', 'quiver.js');
const work = mkdtempSync(join(tmpdir(), 'quiver-compare-'));
const skip = !existsSync(cli) && 'run npm run build first';

function quiver(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function results(dir: string): ResultRecord[] {
  return readFileSync(join(dir, 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ResultRecord);
}

const dirs = { wink: join(work, 'wink'), vader: join(work, 'vader'), vader20: join(work, 'vader20') };

test('campaigns for the comparison', { skip }, () => {
  for (const [dir, target, limit] of [
    [dirs.wink, 'local:wink', '30'],
    [dirs.vader, 'local:vader', '30'],
    [dirs.vader20, 'local:vader', '20'],
  ] as const) {
    const r = quiver('run', '--target', target, '--limit', limit, '--workers', '2', '--out', dir);
    assert.equal(r.code, 0, r.stderr);
  }
});

test('quiver compare --json: metrics, McNemar and the transferability matrix match an independent recount', {
  skip,
}, async () => {
  const r = quiver('compare', dirs.wink, dirs.vader, '--json', '--html', join(work, 'cmp.html'));
  assert.equal(r.code, 0, r.stderr);
  const c = JSON.parse(r.stdout);
  assert.equal(c.type, 'quiver-compare');
  assert.equal(c.mode, 'identical');
  assert.equal(c.examples, 30);
  assert.deepEqual(
    c.models.map((m: { name: string }) => m.name),
    ['local:wink', 'local:vader'],
  );
  const w = results(dirs.wink);
  const v = results(dirs.vader);
  const sw = JSON.parse(readFileSync(join(dirs.wink, 'summary.json'), 'utf8'));
  assert.equal(c.models[0].summary.attackSuccessRate, sw.attackSuccessRate);
  assert.deepEqual(c.models[0].summary.stabilityScore, sw.stabilityScore);
  // McNemar from the records.
  const robust = (x: ResultRecord) => x.status === 'failed' && x.original?.label === x.groundTruth;
  let b = 0;
  let cc = 0;
  w.forEach((x, i) => {
    if (robust(x) && !robust(v[i]!)) b++;
    if (!robust(x) && robust(v[i]!)) cc++;
  });
  assert.deepEqual([c.pairs[0].onlyA, c.pairs[0].onlyB], [b, cc]);
  assert.equal(c.pairs[0].pValue, mcnemar(b, cc).pValue);
  // Transfer wink -> vader, recounted with a fresh vader.
  const vader = await createTarget('local:vader');
  const flips = w.filter((x, i) => x.status === 'succeeded' && v[i]!.original?.label === x.groundTruth);
  const preds = await vader.predict(flips.map((x) => x.adversarial!.text));
  const transferred = preds.filter((p, i) => p.label !== flips[i]!.groundTruth).length;
  assert.ok(flips.length > 0);
  assert.deepEqual([c.transfer[0][1].eligible, c.transfer[0][1].transferred], [flips.length, transferred]);
  const html = readFileSync(join(work, 'cmp.html'), 'utf8');
  assert.match(html, /<svg class="chart heatmap"/);
  assert.match(html, /Transferability matrix/);
});

test('quiver compare: tables on stdout; different example sets exit 2 unless --intersection', { skip }, () => {
  const t = quiver('compare', dirs.wink, dirs.vader);
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /Quiver comparison: 2 campaigns on 30 examples \(same dataset and examples\)/);
  assert.match(t.stdout, /Paired McNemar tests/);
  assert.match(t.stdout, /Transferability/);
  const refused = quiver('compare', dirs.wink, dirs.vader20);
  assert.equal(refused.code, 2);
  assert.match(
    refused.stderr,
    /attacked different examples: 10 only in the first, 0 only in the second .*--intersection/,
  );
  const ok = quiver('compare', dirs.wink, dirs.vader20, '--intersection', '--json', '--no-transfer');
  assert.equal(ok.code, 0, ok.stderr);
  const c = JSON.parse(ok.stdout);
  assert.equal(c.mode, 'intersection');
  assert.equal(c.examples, 20);
  assert.deepEqual(c.dropped, [10, 0]);
  assert.equal(c.transfer, null);
  assert.equal(quiver('compare', dirs.wink).code, 2);
  assert.equal(quiver('compare', dirs.wink, join(work, 'missing')).code, 2);
});
