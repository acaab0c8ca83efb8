import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUNDLED_VECTORS_PATH, loadWordVectors } from '../../src/nlp/word-vectors.js';
import { contextFitDrop } from './context-fit.js';

const v = loadWordVectors(BUNDLED_VECTORS_PATH);

test('a replacement that fits its context keeps close to it; a wrong-register one drifts away', () => {
  const comedy = v.centroid(['ensemble', 'comedy', 'show', 'gentle', 'laugh'])!;
  const good = contextFitDrop(v, 'winning', 'charming', comedy)!;
  const bad = contextFitDrop(v, 'winning', 'victorious', comedy)!;
  assert.ok(bad > 0.25, `winning -> victorious drops ${bad}`);
  assert.ok(good < bad, `${good} < ${bad}`);
});

test('unknown original: null (cannot judge); unknown replacement: Infinity (cannot be shown to fit)', () => {
  const c = v.centroid(['film', 'story'])!;
  assert.equal(contextFitDrop(v, 'qwertyuiop', 'film', c), null);
  assert.equal(contextFitDrop(v, 'movie', 'qwertyuiop', c), Number.POSITIVE_INFINITY);
});
