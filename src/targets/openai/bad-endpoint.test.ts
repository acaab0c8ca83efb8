/**
 * Endpoints that misbehave in ways `quiver serve` does not imitate, served by a bare HTTP server on 127.0.0.1: a
 * body that trickles in, answers that are not chat completions, 401s quoting a key of another vendor's format.
 * The CLI cases run the shipped CLI (dist/) and check what reaches the terminal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CampaignAbortError } from '../../core/errors.js';
import { exited, quiverChild, readRecords } from '../../testing/cli.js';
import { startStub } from './fixtures/http-stub.js';
import { createOpenAITarget } from './target.js';

const work = mkdtempSync(join(tmpdir(), 'quiver-bad-endpoint-'));

/** `quiver run` against `url` as a child process (the stub answers in this process, so no spawnSync). */
async function run(url: string, env: Record<string, string>, ...args: string[]) {
  Object.assign(process.env, env);
  const child = quiverChild(
    work,
    'run',
    '--target',
    'openai:stub',
    '--base-url',
    url,
    '--no-cache',
    '--limit',
    '2',
    '--workers',
    '1',
    ...args,
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const { code } = await exited(child);
  return { code, stdout, stderr };
}

test('a 401 quoting a masked key of any vendor format is echoed without the key', async () => {
  const key = 'gsk_LEa1b2c3d4e5f6g7h8i9j0zz9x';
  const stub = await startStub((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: {
          message: `Invalid API Key provided: gsk_LE************zz9x (also seen: ${key}, hf_AbCdEfGh12345678ijklMNOP)`,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      }),
    );
  });
  try {
    const r = await run(
      stub.url,
      { QUIVER_BAD_ENDPOINT_KEY: key },
      '--api-key-env',
      'QUIVER_BAD_ENDPOINT_KEY',
      '--out',
      join(work, 'auth'),
    );
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /authentication failed: 401 Invalid API Key provided: gsk_\[redacted\]/);
    for (const leak of ['LE****', 'zz9x', 'a1b2c3', 'AbCdEfGh', '12345678'])
      assert.ok(!r.stderr.includes(leak), `${leak} echoed: ${r.stderr}`);
  } finally {
    await stub.close();
  }
});

const HTML =
  '<html><head><title>502 Bad Gateway</title></head><body>upstream gsk_LE************zz9x unavailable</body></html>';

test('an endpoint answering 200 with HTML or {} is named as such, key-redacted, and trips the breaker', async () => {
  for (const [type, body] of [
    ['text/html', HTML],
    ['application/json', '{}'],
  ] as const) {
    const stub = await startStub((_req, res) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    });
    try {
      const target = createOpenAITarget('openai:stub', { baseURL: stub.url, breakerMs: 300, retries: 1 });
      await assert.rejects(target.predict(['Great phone.', 'Awful phone.']), (e: unknown) => {
        assert.ok(e instanceof CampaignAbortError, String(e));
        assert.match(e.message, /keeps failing: .*the endpoint did not answer in the OpenAI chat format: /);
        if (type === 'text/html') {
          assert.match(e.message, /\(answer: "<html><head><title>502 Bad Gateway<\/title>/);
          assert.ok(!e.message.includes('zz9x') && !e.message.includes('LE***'), e.message);
        } else assert.match(e.message, /no choices\[0\]\.message \(answer: "\{\}"\)/);
        return true;
      });
      assert.ok(stub.requests() >= 3);
    } finally {
      await stub.close();
    }
  }
});

test('a campaign against an endpoint that answers garbage stops with exit 3 and says why', async () => {
  const stub = await startStub((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(HTML);
  });
  try {
    const out = join(work, 'garbage');
    const r = await run(stub.url, {}, '--breaker-ms', '500', '--retries', '1', '--out', out);
    assert.equal(r.code, 3, r.stderr);
    assert.match(
      r.stderr,
      new RegExp(
        'quiver: stopped: target unavailable: endpoint .* keeps failing: .*the endpoint did not answer ' +
          'in the OpenAI chat format',
      ),
    );
    assert.ok(!r.stderr.includes('Cannot read properties'), r.stderr);
    assert.deepEqual(readRecords(out), [], 'no example recorded as errored: a resume attacks them');
  } finally {
    await stub.close();
  }
});

/** Sends the headers at once, then one byte per second, and never ends the body. */
function trickle(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write(' ');
  const timer = setInterval(() => res.write(' '), 1000);
  res.once('close', () => clearInterval(timer));
}

/** Rejects after `ms`, so a request that would hang fails the test instead. */
function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_resolve, reject) => (timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms)),
  );
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

test('--timeout-ms covers the body: a trickling endpoint times out, and the breaker opens', async () => {
  const stub = await startStub(trickle);
  try {
    const target = createOpenAITarget('openai:stub', {
      baseURL: stub.url,
      timeoutMs: 300,
      breakerMs: 1000,
      retries: 1,
    });
    const started = performance.now();
    await assert.rejects(within(10_000, target.predict(['Great phone.'])), (e: unknown) => {
      assert.ok(e instanceof CampaignAbortError, String(e));
      assert.match(e.message, /keeps failing: .*timed out after 300 ms/);
      return true;
    });
    assert.ok(performance.now() - started < 5000);
    assert.ok(stub.requests() >= 3, `${stub.requests()} attempts`);
  } finally {
    await stub.close();
  }
});

test('a campaign against a trickling endpoint stops with exit 3 within its timeout and breaker', async () => {
  const stub = await startStub(trickle);
  try {
    const started = performance.now();
    const r = await within(
      30_000,
      run(
        stub.url,
        {},
        '--timeout-ms',
        '300',
        '--breaker-ms',
        '1000',
        '--retries',
        '1',
        '--out',
        join(work, 'trickle'),
      ),
    );
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /quiver: stopped: target unavailable: endpoint .* keeps failing: .*timed out after 300 ms/);
    assert.ok(performance.now() - started < 15_000);
  } finally {
    await stub.close();
  }
});
