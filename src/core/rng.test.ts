import { test } from 'node:test';
import assert from 'node:assert/strict';
import seedrandom from 'seedrandom';
import { rngFor } from './rng.js';

test('rngFor gives exactly the stream of seedrandom.alea for the same key', () => {
  const keyRng = seedrandom.alea('keys');
  const keys = ['', ' ', '42:sst2-dev-17:stability:3', '0:ünïcode:😀', 'x'.repeat(300)];
  for (let k = 0; k < 3000; k++) {
    let key = '';
    for (let c = Math.floor(keyRng() * 40); c > 0; c--) key += String.fromCharCode(32 + Math.floor(keyRng() * 0x3000));
    keys.push(key);
  }
  for (const key of keys) {
    const ours = rngFor(key);
    const theirs = seedrandom.alea(key);
    for (let i = 0; i < 8; i++) assert.equal(ours(), theirs(), `key ${JSON.stringify(key)}, draw ${i}`);
  }
  // Different keys, different streams.
  assert.notEqual(rngFor('a')(), rngFor('b')());
});
