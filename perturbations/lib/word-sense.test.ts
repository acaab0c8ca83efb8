import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUNDLED_VECTORS_PATH, loadWordVectors } from '../../src/nlp/word-vectors.js';
import { membersOf } from './wordnet.js';
import { rankSenses } from './word-sense.js';

const vectors = loadWordVectors(BUNDLED_VECTORS_PATH);

/** Members of the sense chosen for `lemma` in `context`. */
function chosen(lemma: string, pos: 'n' | 'v' | 'a' | 'r', context: string[]): readonly string[] {
  const best = rankSenses(lemma, pos, context, 3, vectors)[0];
  assert.ok(best !== undefined, lemma);
  return membersOf(pos, best.offset);
}

test('funny about a film means amusing, not odd (issue #14: funny -> odd, 5 times)', () => {
  const sense = chosen('funny', 'a', ['film', 'warm']);
  assert.ok(sense.includes('amusing') && !sense.includes('odd'), sense.join());
  // The context decides: about a smell, "funny" is the odd one.
  assert.ok(chosen('funny', 'a', ['smell', 'strange', 'kitchen']).includes('odd'));
});

test('humor that a film lacks is wit, not temper', () => {
  const sense = chosen('humor', 'n', ['film', 'suffer', 'lack']);
  assert.ok(!sense.includes('temper') && !sense.includes('mood'), sense.join());
});

test('a dream in a surreal film is not an ambition; a curious viewer is not odd', () => {
  assert.ok(!chosen('dream', 'n', ['film', 'surreal', 'sleep', 'image']).includes('ambition'));
  assert.ok(!chosen('curious', 'a', ['viewer', 'want', 'know', 'learn']).includes('odd'));
});

test('senses are scored from prior, overlap and vectors; without context the most frequent sense wins', () => {
  const ranked = rankSenses('funny', 'a', [], 3, vectors);
  assert.equal(ranked.length, 3);
  assert.equal(ranked[0]!.prior, 1);
  assert.ok(ranked.every((s) => s.overlap === 0 && s.cosine === 0));
  // Works without vectors too (prior and overlap only).
  assert.ok(membersOf('a', rankSenses('funny', 'a', ['film', 'laugh'], 3, null)[0]!.offset).includes('amusing'));
  assert.deepEqual(rankSenses('notaword', 'a', ['film'], 3, vectors), []);
});
