import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCommonWordForm } from './word-form-check.js';
import { zipf } from './word-frequency.js';

test('non-words and very rare forms fail (issue #14)', () => {
  for (const [to, from] of [
    ['extolment', 'kudos'],
    ['faineant', 'lazy'],
    ['becharming', 'captivating'],
    ['contrabandist', 'runner'],
    ['psychoneurotic', 'neurotic'],
    ['appealingnesses', 'appeal'],
    ['fulfiling', 'satisfying'],
    ['moldiness', 'must'],
    ['antic', 'fantastic'],
    ['angelical', 'sweet'],
  ]) {
    assert.equal(isCommonWordForm(to!, from!), false, `${from} -> ${to}`);
  }
});

test('a real word far rarer than the original fails; common replacements pass', () => {
  assert.equal(isCommonWordForm('merriment', 'fun'), false);
  assert.equal(isCommonWordForm('merriment', 'fun', { minZipf: 2, maxZipfDrop: 4 }), true);
  for (const [to, from] of [
    ['film', 'movie'],
    ['amusing', 'funny'],
    ['fulfilling', 'satisfying'],
    ['create', 'make'],
    ['absorbing', 'gripping'],
  ]) {
    assert.equal(isCommonWordForm(to!, from!), true, `${from} -> ${to}`);
  }
  // An original the list lacks only needs the floor.
  assert.equal(isCommonWordForm('film', 'qwertyuiop'), true);
});

test('zipf: log10 per billion words, case-insensitive; null for unknown words', () => {
  const z = zipf('movie')!;
  assert.ok(z > 4.5 && z < 5.5, String(z));
  assert.equal(zipf('Movie'), z);
  assert.equal(zipf('appealingnesses'), null);
});
