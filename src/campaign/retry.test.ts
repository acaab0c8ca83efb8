/**
 * `--retry-errored`, end to end through the CLI: examples that errored while the endpoint failed are attacked
 * again once it works; their new records are appended after the old ones (the file stays append-only) and the
 * last record of each example is the one every reader counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResultRecord } from '../contracts/record.js';
import { quiverSync, readRecords } from '../testing/cli.js';

const work = mkdtempSync(join(tmpdir(), 'quiver-retry-'));
const fixture = fileURLToPath(new URL('../targets/fixtures/fails-until-fixed.mjs', import.meta.url));

test('--retry-errored re-attacks errored examples once the endpoint works; the last record per example counts', () => {
  const fixed = join(work, 'fixed');
  process.env.QUIVER_FIXTURE_FIXED = fixed;
  const data = join(work, 'data.jsonl');
  const texts = [
    'Great food and lovely staff.',
    'The Zorblat soup was awful.',
    'Terrible service, we left.',
    'Zorblat pasta, lovely and great.',
  ];
  const labels = ['positive', 'negative', 'negative', 'positive'];
  writeFileSync(
    data,
    `${texts.map((text, i) => JSON.stringify({ id: `e${i}`, text, label: labels[i] })).join('\n')}\n`,
  );
  const out = join(work, 'out');
  const run = ['run', '--target', `module:${fixture}`, '--dataset', data, '--workers', '1', '--stability-samples', '0'];
  const first = quiverSync(work, ...run, '--out', out, '--json');
  assert.equal(first.code, 0, first.stderr);
  assert.equal(JSON.parse(first.stdout).errored, 2);
  const written = readFileSync(join(out, 'results.jsonl'), 'utf8');

  // Without the flag a resume keeps the errors: nothing is attacked again.
  const plain = quiverSync(work, 'run', '--resume', out, '--json');
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal(JSON.parse(plain.stdout).errored, 2);
  assert.equal(readFileSync(join(out, 'results.jsonl'), 'utf8'), written);

  writeFileSync(fixed, '');
  const retried = quiverSync(work, 'run', '--resume', out, '--retry-errored', '--json');
  assert.equal(retried.code, 0, retried.stderr);
  assert.match(retried.stderr, /resuming: 2 already done/);
  const summary = JSON.parse(retried.stdout);
  assert.deepEqual([summary.examples, summary.errored, summary.remaining], [4, 0, 0]);
  assert.deepEqual(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).errored, 0);
  // Append-only: the errored records are still there, whole, and the retries follow them.
  const after = readFileSync(join(out, 'results.jsonl'), 'utf8');
  assert.ok(after.startsWith(written));
  const records = readRecords(out);
  assert.deepEqual(
    records.map((r) => `${r.id}:${r.status === 'errored' ? 'errored' : 'done'}`),
    ['e0:done', 'e1:errored', 'e2:done', 'e3:errored', 'e1:done', 'e3:done'],
  );
  const latest = new Map<string, ResultRecord>(records.map((r) => [r.id, r]));
  assert.deepEqual(summary.succeeded + summary.failed + summary.skipped, [...latest.values()].length);

  // Every reader takes the last record of each example.
  const status = quiverSync(work, 'status', out, '--json');
  assert.equal(status.code, 0, status.stderr);
  assert.deepEqual([JSON.parse(status.stdout).done, JSON.parse(status.stdout).summary.errored], [4, 0]);
  const exported = quiverSync(work, 'export', out, '--format', 'junit', '--out', join(work, 'suite.xml'));
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(exported.stderr, /4 example outcomes/);
  assert.doesNotMatch(readFileSync(join(work, 'suite.xml'), 'utf8'), /endpoint unavailable/);
  const merged = quiverSync(work, 'merge', out, '--out', join(work, 'merged'), '--json');
  assert.equal(merged.code, 0, merged.stderr);
  assert.equal(JSON.parse(merged.stdout).errored, 0);
  assert.equal(readRecords(join(work, 'merged')).length, 4);

  // Nothing errored any more: a second retry attacks nothing.
  assert.equal(quiverSync(work, 'run', '--resume', out, '--retry-errored').code, 0);
  assert.equal(readFileSync(join(out, 'results.jsonl'), 'utf8'), after);
});
