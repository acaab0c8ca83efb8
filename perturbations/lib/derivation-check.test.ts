import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDerivationalVariant } from './derivation-check.js';

test('derivational variants: prefixes of 4+ letters and shared Porter stems (issue #14)', () => {
  for (const [a, b] of [
    ['dream', 'dreaming'],
    ['laugh', 'laughter'],
    ['medal', 'medallion'],
    ['Laughs', 'laughter'],
    ['connection', 'connected'],
  ]) {
    assert.ok(isDerivationalVariant(a!, b!), `${a} -> ${b}`);
  }
});

test('not variants: different words, short prefixes, British/American spellings', () => {
  for (const [a, b] of [
    ['film', 'movie'],
    ['art', 'artist'],
    ['humor', 'humour'],
    ['color', 'colour'],
    ['realize', 'realise'],
    ['theater', 'theatre'],
    ['funny', 'amusing'],
  ]) {
    assert.ok(!isDerivationalVariant(a!, b!), `${a} -> ${b}`);
  }
});
