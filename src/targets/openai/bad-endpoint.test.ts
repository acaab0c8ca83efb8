/**
 * Endpoints that misbehave in ways `quiver serve` does not imitate, served by a bare HTTP server on 127.0.0.1: a
 * body that trickles in, answers that are not chat completions, 401s quoting a key of another vendor's format.
 * The CLI cases run the shipped CLI (dist/) and check what reaches the terminal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, quiverChild } from '../../testing/cli.js';
import { startStub } from './fixtures/http-stub.js';

const work = mkdtempSync(join(tmpdir(), 'quiver-bad-endpoint-'));

/** `quiver run` against `url` as a child process (the stub answers in this process, so no spawnSync). */
async function run(url: string, env: Record<string, string>, ...args: string[]) {
  Object.assign(process.env, env);
  const child = quiverChild(work, 'run', '--target', 'openai:stub', '--base-url', url, '--no-cache', '--limit', '2', '--workers', '1', ...args);
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
    res.end(JSON.stringify({ error: { message: `Invalid API Key provided: gsk_LE************zz9x (also seen: ${key}, hf_AbCdEfGh12345678ijklMNOP)`, type: 'invalid_request_error', code: 'invalid_api_key' } }));
  });
  try {
    const r = await run(stub.url, { QUIVER_BAD_ENDPOINT_KEY: key }, '--api-key-env', 'QUIVER_BAD_ENDPOINT_KEY', '--out', join(work, 'auth'));
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /authentication failed: 401 Invalid API Key provided: gsk_\[redacted\]/);
    for (const leak of ['LE****', 'zz9x', 'a1b2c3', 'AbCdEfGh', '12345678']) assert.ok(!r.stderr.includes(leak), `${leak} echoed: ${r.stderr}`);
  } finally {
    await stub.close();
  }
});
