import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MINI_EMBEDDINGS_JSON } from '../../testing/vector-fixture.js';
import { loadWordVectors } from '../../nlp/word-vectors.js';

// The compiled CLI, as `npx quiver` runs it (`npm test` builds it first).
const cli = fileURLToPath(new URL('../../../dist/bin/quiver.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'quiver-vectors-cli-'));

function quiver(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, QUIVER_CACHE_DIR: join(work, 'cache') },
  });
  return { code: r.status, stderr: r.stderr };
}

test('quiver vectors build --source writes the default asset under QUIVER_CACHE_DIR, once', {
  skip: !existsSync(cli),
}, () => {
  const first = quiver('vectors', 'build', '--source', MINI_EMBEDDINGS_JSON, '--size', '30');
  assert.equal(first.code, 0, first.stderr);
  const asset = join(work, 'cache', 'vectors-wink-sg-100d-50k.bin');
  assert.match(first.stderr, /wrote .*vectors-wink-sg-100d-50k\.bin: 30 words × 100 dims/);
  assert.ok(loadWordVectors(asset).cosine('movie', 'film')! > 0.85);
  const again = quiver('vectors', 'build', '--source', MINI_EMBEDDINGS_JSON);
  assert.equal(again.code, 0);
  assert.match(again.stderr, /already exists \(30 words/);
});

test('quiver vectors build: bad flags and a missing source exit 2', { skip: !existsSync(cli) }, () => {
  assert.equal(quiver('vectors', 'build', '--size', '0').code, 2);
  const missing = quiver('vectors', 'build', '--source', join(work, 'nope.json'), '--out', join(work, 'x.bin'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /does not exist/);
});
