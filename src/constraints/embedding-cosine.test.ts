import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackText } from '../core/attack-text.js';
import { ConfigError } from '../core/errors.js';
import { miniVectorAsset } from '../testing/vector-fixture.js';
import { embeddingCosineConstraint } from './embedding-cosine.js';

test('embedding-cosine: real vectors keep close replacements and drop distant or unknown ones', async () => {
  const vectors = await miniVectorAsset();
  const original = AttackText.fromString('The plot was slow but I loved the movie.');
  const ctx = { original };
  const c = embeddingCosineConstraint({ minCosine: 0.6, vectors });
  assert.equal(c.name, 'embedding-cosine');
  const at = (w: string) => original.words.indexOf(w);
  assert.equal(c.allowsCandidate!(original.replaceWord(at('movie'), 'film', 'synonym'), original, ctx), true); // .91
  assert.equal(c.allowsCandidate!(original.replaceWord(at('slow'), 'dumb', 'synonym'), original, ctx), false);
  assert.equal(c.allowsCandidate!(original.replaceWord(at('loved'), 'felicitous', 'synonym'), original, ctx), false);
  // Typos, moves and insertions are not judged.
  assert.equal(c.allowsCandidate!(original.replaceWord(at('movie'), 'mvoie', 'typo'), original, ctx), true);
  assert.equal(c.allowsCandidate!(original.insertWord(0, 'verily', 'rare-word'), original, ctx), true);
});

test('embedding-cosine: bad threshold or missing asset are ConfigErrors', () => {
  assert.throws(() => embeddingCosineConstraint({ minCosine: 2, vectors: '/nope' }), ConfigError);
  assert.throws(() => embeddingCosineConstraint({ minCosine: 0.5, vectors: '/nope/v.bin' }), /quiver vectors build/);
});
