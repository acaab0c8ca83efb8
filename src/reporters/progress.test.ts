import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResultRecord } from '../contracts/record.js';
import { formatDuration, line, progressReporter } from './progress.js';
import type { Progress } from './reporter.js';

const p = (done: number, elapsedMs: number, doneThisRun = done): Progress => ({
  done, doneThisRun, total: 10, succeeded: 2, failed: 1, skipped: 0, errored: 0, queries: 500, elapsedMs,
});
const rec = {} as ResultRecord;
const start = { total: 10, alreadyDone: 0, outDir: 'o', target: 't', search: 's', workers: 2 };

test('plain output: one line at most every interval, and always the last', () => {
  const out: string[] = [];
  const r = progressReporter({ stream: { write: (s: string) => out.push(s) > 0, isTTY: false }, plainIntervalMs: 60_000 });
  r.onStart!(start);
  r.onResult!(rec, p(1, 100));
  r.onResult!(rec, p(2, 200));
  r.onResult!(rec, p(10, 1000));
  assert.equal(out.length, 3, out.join(''));
  assert.match(out[1]!, /^1\/10 done · 2 flipped · 1 robust/);
  assert.match(out[2]!, /^10\/10 done .* ETA 0s\n$/);
  assert.ok(out.every((s) => !s.includes('\r')));
});

test('terminal output: a redrawn bar', () => {
  const out: string[] = [];
  const r = progressReporter({ stream: { write: (s: string) => out.push(s) > 0, isTTY: true, columns: 200 } });
  r.onStart!(start);
  r.onResult!(rec, p(5, 1000));
  assert.match(out[1]!, /^\r\[#+\.+\] 5\/10 done/);
});

test('ETA from this run only; budgets show burn-down', () => {
  assert.match(line(p(5, 10_000)), /ETA 10s/);
  assert.match(line(p(5, 10_000, 0)), /ETA \?/); // resumed, nothing new yet
  assert.match(line(p(5, 10_000), { maxTotalQueries: 2000, maxTimeMs: 60_000, maxTokens: null, maxCostUsd: null }), /500\/2000 queries \(50\/s\) · 10s\/1m00s elapsed/);
  assert.equal(formatDuration(3_726_000), '1h02m');
});

test('what the workers wait on is shown when the target reports it', () => {
  assert.match(line(p(5, 10_000), undefined, 'endpoint 32 in flight, 2 rate-limited, 0 failed, backing off 3s (429)'), / · endpoint 32 in flight, .*backing off 3s \(429\)$/);
});
