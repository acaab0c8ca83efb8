import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResultRecord } from '../contracts/record.js';
import { formatDuration, line, progressReporter, RateMeter } from './progress.js';
import type { Progress } from './reporter.js';

const p = (done: number, elapsedMs: number, doneThisRun = done): Progress => ({
  done,
  doneThisRun,
  total: 10,
  succeeded: 2,
  failed: 1,
  skipped: 0,
  errored: 0,
  queries: 500,
  elapsedMs,
});
const rec = {} as ResultRecord;
const start = { total: 10, alreadyDone: 0, outDir: 'o', target: 't', search: 's', workers: 2 };

test('plain output: one line at most every interval, and always the last', () => {
  const out: string[] = [];
  const r = progressReporter({
    stream: { write: (s: string) => out.push(s) > 0, isTTY: false },
    plainIntervalMs: 60_000,
  });
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

test("ETA: none until this run's examples after its first give a rate; start-up and resumed records excluded", () => {
  const m = new RateMeter();
  // A resumed campaign: 50 of 100 done by an earlier run, the first of this run after 20 s of start-up.
  const q = (doneThisRun: number, elapsedMs: number): Progress => ({
    ...p(50 + doneThisRun, elapsedMs, doneThisRun),
    total: 100,
  });
  assert.match(line(q(0, 0), undefined, null, m.eta(q(0, 0))), /ETA \?/);
  m.add(q(1, 20_000));
  assert.equal(m.eta(q(1, 20_000)), '?');
  for (let k = 2; k <= 5; k++) m.add(q(k, 20_000 + (k - 1) * 1000));
  assert.equal(m.eta(q(5, 24_000)), '?', 'four examples after the first are not enough');
  m.add(q(6, 25_000));
  // 5 examples in 5 s after the first: 1 s each, 44 to go. (Counting the start-up would say 4m10s.)
  assert.equal(m.eta(q(6, 25_000)), '44s');
  assert.equal(m.eta({ ...q(50, 70_000) }), '0s');
});

test('budgets show burn-down', () => {
  assert.match(
    line(p(5, 10_000), { maxTotalQueries: 2000, maxTimeMs: 60_000, maxTokens: null, maxCostUsd: null }),
    /500\/2000 queries \(50\/s\) · 10s\/1m00s elapsed/,
  );
  assert.equal(formatDuration(3_726_000), '1h02m');
});

test('what the workers wait on is shown when the target reports it', () => {
  assert.match(
    line(p(5, 10_000), undefined, 'endpoint 32 in flight, 2 rate-limited, 0 failed, backing off 3s (429)'),
    / · endpoint 32 in flight, .*backing off 3s \(429\)$/,
  );
});

/** What a terminal of `columns` shows after `out` (carriage return, erase to end of line, wrap at the last column). */
function screen(out: string, columns: number): string[] {
  const rows: string[] = [''];
  let col = 0;
  for (let i = 0; i < out.length; i++) {
    const ch = out[i]!;
    const row = rows.length - 1;
    if (out.startsWith('\x1b[K', i)) {
      rows[row] = rows[row]!.slice(0, col);
      i += 2;
    } else if (ch === '\r') col = 0;
    else if (ch === '\n') {
      rows.push('');
      col = 0;
    } else {
      if (col === columns) {
        rows.push('');
        col = 0;
      }
      const r = rows.length - 1;
      rows[r] = rows[r]!.slice(0, col) + ch + rows[r]!.slice(col + 1);
      col++;
    }
  }
  return rows;
}

for (const columns of [40, 80, 120]) {
  test(`terminal of ${columns} columns: every redraw stays on one line, and the ETA stays in view`, async () => {
    let out = '';
    const r = progressReporter({
      stream: {
        write: (s: string) => {
          out += s;
          return true;
        },
        isTTY: true,
        columns,
      },
    });
    const waiting = 'endpoint 32 in flight, 6/min cap, 32 rate-limited, 0 failed, backing off 3s (429)';
    const budgets = { maxTotalQueries: 9_999_999, maxTimeMs: 8 * 3_600_000, maxTokens: null, maxCostUsd: null };
    r.onStart!({ ...start, total: 1000, budgets, waitingOn: () => waiting });
    for (let k = 1; k <= 8; k++) {
      r.onResult!(rec, { ...p(k, 1000 * k), total: 1000, queries: 123_456 * k });
      await new Promise((resolve) => setTimeout(resolve, 110));
    }
    r.onEnd!({} as never, 'o');
    const rows = screen(out, columns).filter((row) => row !== '');
    const startRows = Math.ceil(out.indexOf('\n') / columns);
    assert.equal(rows.length, startRows + 1, `the start line + one progress line, got:\n${rows.join('\n')}`);
    const shown = rows.at(-1)!;
    assert.ok(shown.length < columns);
    assert.match(shown, /8\/1000 done/);
    if (columns >= 80) assert.match(shown, /ETA 16m32s/);
  });
}

test('a heartbeat line while no example finishes, saying what the workers wait on', async () => {
  const out: string[] = [];
  const r = progressReporter({ stream: { write: (s: string) => out.push(s) > 0, isTTY: false }, plainIntervalMs: 50 });
  r.onStart!({ ...start, waitingOn: () => 'endpoint 8 in flight, 40 rate-limited' });
  await new Promise((resolve) => setTimeout(resolve, 1300));
  r.onEnd!({} as never, 'o');
  const beats = out.slice(1);
  assert.ok(beats.length >= 1, 'no line while nothing finished');
  assert.match(beats[0]!, /^0\/10 done .* · endpoint 8 in flight, 40 rate-limited\n$/);
  const n = out.length;
  await new Promise((resolve) => setTimeout(resolve, 1200));
  assert.equal(out.length, n, 'the heartbeat stops with the campaign');
});

test("a campaign stopped early ends with the summary's counts (in flight examples finished after the draw)", () => {
  for (const isTTY of [true, false]) {
    const out: string[] = [];
    const r = progressReporter({
      stream: { write: (s: string) => out.push(s) > 0, isTTY, columns: 200 },
      plainIntervalMs: 60_000,
    });
    r.onStart!(start);
    r.onResult!(rec, p(3, 300));
    r.onResult!(rec, p(4, 310)); // throttled: not drawn
    r.onResult!(rec, p(5, 320));
    r.onEnd!({} as never, 'o');
    const last = out.at(-1)!;
    assert.match(last, /5\/10 done/, `${isTTY ? 'terminal' : 'plain'}: ${JSON.stringify(out)}`);
    assert.ok(last.endsWith('\n'));
  }
});
