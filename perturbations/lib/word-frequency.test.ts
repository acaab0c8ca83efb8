import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frequencyRank, vocabularySize } from './word-frequency.js';

test('ranks follow SUBTLEX-US frequency, case-insensitively', () => {
  const t = performance.now();
  const movie = frequencyRank('movie');
  console.log(`subtlex load ${(performance.now() - t).toFixed(0)} ms, ${vocabularySize()} words`);
  assert.ok(frequencyRank('the') < 10, 'frequencyRank("the") < 10');
  assert.ok(movie < frequencyRank('film'), 'movie < frequencyRank("film")');
  assert.ok(frequencyRank('film') < frequencyRank('flick'), 'frequencyRank("film") < frequencyRank("flick")');
  assert.ok(frequencyRank('flick') < frequencyRank('cinema'), 'frequencyRank("flick") < frequencyRank("cinema")');
  assert.equal(frequencyRank('Movie'), movie);
  assert.equal(frequencyRank('MOVIE'), movie);
  assert.equal(frequencyRank('i'), frequencyRank('I'));
  assert.ok(vocabularySize() > 70000 && vocabularySize() < 74287, 'vocabulary size');
});

test('unknown words rank after every known word', () => {
  assert.equal(frequencyRank('qwertyuiopzz'), Number.POSITIVE_INFINITY);
  assert.equal(frequencyRank(''), Number.POSITIVE_INFINITY);
  assert.ok(frequencyRank('forsooth') > frequencyRank('movie'), 'frequencyRank("forsooth") > frequencyRank("movie")');
  assert.ok(frequencyRank('forsooth') < vocabularySize(), 'frequencyRank("forsooth") < vocabularySize()');
});
