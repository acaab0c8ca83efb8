/**
 * A graceful stop is bounded: after the first SIGTERM the examples in flight get --stop-timeout to finish; then they
 * are abandoned (not recorded, so a resume attacks them again), the summary says so, and the process exits 130.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exited, quiverChild, readRecords, serveChild } from '../testing/cli.js';

const work = mkdtempSync(join(tmpdir(), 'quiver-stop-'));
const slow = fileURLToPath(new URL('../targets/fixtures/slow-on-marker.mjs', import.meta.url));

test('SIGTERM while an example hangs: exit 130 after --stop-timeout, the hung example abandoned, named', async () => {
  writeFileSync(
    join(work, 'data.jsonl'),
    `${['a good film', 'it drags on slowly', 'a fine cast']
      .map((text, k) => JSON.stringify({ id: `e${k}`, text, label: k === 1 ? 'negative' : 'positive' }))
      .join('\n')}\n`,
  );
  const out = join(work, 'campaign');
  const child = quiverChild(
    work,
    'run',
    '--dataset',
    'data.jsonl',
    '--target',
    `module:${slow}`,
    '--workers',
    '1',
    '--stability-samples',
    '0',
    '--stop-timeout',
    '1s',
    '--out',
    out,
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const finished = exited(child);
  // Interrupt once the first (fast) example is on disk: the second is then stuck in the model, the third queued.
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (existsSync(join(out, 'results.jsonl')) && readFileSync(join(out, 'results.jsonl'), 'utf8').includes('\n')) {
        clearInterval(poll);
        resolve();
      }
    }, 20);
  });
  const sentAt = performance.now();
  child.kill('SIGTERM');
  const { code } = await finished;
  const tookMs = performance.now() - sentAt;
  assert.equal(code, 130, stderr);
  assert.ok(tookMs < 15_000, `took ${Math.round(tookMs)} ms after SIGTERM`);
  assert.match(stderr, /SIGTERM: finishing the examples in flight \(at most 1s, --stop-timeout\)/);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  assert.match(
    summary.stopReason,
    new RegExp(
      String.raw`^interrupted by SIGTERM; 2 example\(s\) in flight abandoned after --stop-timeout 1s \(a ` +
        String.raw`resume attacks them again\)$`,
    ),
  );
  assert.deepEqual(
    readRecords(out).map((r) => r.id),
    ['e0'],
  );
  assert.equal(summary.remaining, 2);
});

test('SIGTERM while a throttled endpoint answers every request with 429: stopped within --stop-timeout', async () => {
  const server = await serveChild(work, '--model', 'local:wink', '--rate-limit-share', '1');
  try {
    const out = join(work, 'throttled');
    const child = quiverChild(
      work,
      'run',
      '--target',
      'openai:local-wink',
      '--base-url',
      server.url,
      '--no-cache',
      '--limit',
      '10',
      '--breaker-ms',
      '60000',
      '--stop-timeout',
      '1s',
      '--out',
      out,
    );
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const finished = exited(child);
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (/quiver: attacking/.test(stderr)) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    await new Promise((resolve) => setTimeout(resolve, 500)); // requests in flight, answered 429, retried
    const sentAt = performance.now();
    child.kill('SIGTERM');
    const { code } = await finished;
    assert.equal(code, 130, stderr);
    assert.ok(performance.now() - sentAt < 15_000, 'stopped within the grace period, not after the throttled examples');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    assert.match(
      summary.stopReason,
      /^interrupted by SIGTERM; \d+ example\(s\) in flight abandoned after --stop-timeout 1s/,
    );
    assert.equal(readRecords(out).length, 0);
  } finally {
    await server.stop();
  }
});
