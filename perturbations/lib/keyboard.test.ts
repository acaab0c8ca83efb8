import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QWERTY_NEIGHBOURS, keyboardNeighbours } from './keyboard.js';

test('covers exactly the 26 letters', () => {
  assert.deepEqual([...QWERTY_NEIGHBOURS.keys()].sort().join(''), 'abcdefghijklmnopqrstuvwxyz');
});

test('matches zxcvbn qwerty adjacency (letters only) on sample keys', () => {
  // Expected sets read from zxcvbn's slanted qwerty graph with non-letters dropped.
  const expected: Record<string, string> = {
    s: 'adewxz',
    q: 'aw',
    a: 'qswz',
    g: 'bfhtvy',
    k: 'ijlmo',
    l: 'kop',
    p: 'lo',
    m: 'jkn',
    z: 'asx',
    b: 'ghnv',
  };
  for (const [k, v] of Object.entries(expected)) assert.equal(keyboardNeighbours(k).join(''), v, k);
});

test('adjacency is symmetric and irreflexive', () => {
  for (const [k, ns] of QWERTY_NEIGHBOURS) {
    assert.ok(!ns.includes(k));
    for (const n of ns) assert.ok(QWERTY_NEIGHBOURS.get(n)!.includes(k), `${k}-${n}`);
  }
});

test('keeps case and ignores non-letters', () => {
  assert.deepEqual(keyboardNeighbours('S'), ['A', 'D', 'E', 'W', 'X', 'Z']);
  assert.deepEqual(keyboardNeighbours('1'), []);
  assert.deepEqual(keyboardNeighbours("'"), []);
  assert.deepEqual(keyboardNeighbours('é'), []);
});
