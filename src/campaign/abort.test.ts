/**
 * An endpoint that goes away mid-campaign: the circuit breaker stops the campaign cleanly (exit 3, a message that says
 * how to resume, no example marked errored), and `--resume` finishes it once the endpoint is back. Real HTTP against
 * `quiver serve`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, freePort, quiverChild, quiverSync, readRecords, serveChild } from '../testing/cli.js';

const work = mkdtempSync(join(tmpdir(), 'quiver-abort-'));

test('server stopped mid-run: the campaign stops within 30 s and resumes once it is back', async () => {
  const port = await freePort();
  const out = join(work, 'campaign');
  let server = await serveChild(work, '--model', 'local:wink', '--port', String(port), '--latency-ms', '30');
  const run = quiverChild(
    work,
    'run',
    '--target',
    'openai:local-wink',
    '--base-url',
    server.url,
    '--no-cache',
    '--limit',
    '60',
    '--workers',
    '2',
    '--breaker-ms',
    '3000',
    '--out',
    out,
  );
  let stderr = '';
  run.stderr!.on('data', (d) => (stderr += d));
  const finished = exited(run);
  // Stop the server once the campaign has written its first record.
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (existsSync(join(out, 'results.jsonl')) && readFileSync(join(out, 'results.jsonl'), 'utf8').length > 0) {
        clearInterval(poll);
        resolve();
      }
    }, 20);
  });
  await server.stop();
  const stoppedAt = performance.now();
  const { code } = await finished;
  assert.ok(performance.now() - stoppedAt < 30_000, 'stopped within 30 s');
  assert.equal(code, 3, stderr);
  assert.match(stderr, /stopped: target unavailable: .*/);
  assert.match(stderr, /resume with: quiver run --resume /);
  assert.match(stderr, /endpoint \d+ in flight/, 'progress says what the workers wait on');
  const partial = readRecords(out);
  assert.ok(partial.length < 60);
  assert.equal(partial.filter((r) => r.status === 'errored').length, 0, 'no example lost to the outage');
  assert.match(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).stopReason, /target unavailable/);

  server = await serveChild(work, '--model', 'local:wink', '--port', String(port));
  try {
    const resumed = quiverSync(work, 'run', '--resume', out);
    assert.equal(resumed.code, 0, resumed.stderr);
    const all = readRecords(out);
    assert.equal(all.length, 60);
    assert.deepEqual(
      all.map((r) => r.index),
      [...Array(60).keys()],
    );
    assert.equal(all.filter((r) => r.status === 'errored').length, 0);
  } finally {
    await server.stop();
  }
});
