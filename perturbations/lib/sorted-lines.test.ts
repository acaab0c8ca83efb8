import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstLineAtOrAfter, linesStartingWith } from './sorted-lines.js';

// Like a WordNet index: licence lines that start with spaces (not sorted among themselves), then sorted entries.
const text = [
  '  1 licence',
  '  10 more',
  '  9 text',
  'a n 1',
  'good a 2',
  'good n 3',
  'good_faith n 1',
  'goodness n 1',
  'zoo n 1',
].join('\n');
const bytes = Buffer.from(text, 'latin1');

test('finds every line that starts with a key, and nothing for a key between lines', () => {
  assert.deepEqual([...linesStartingWith(bytes, 'good ')], ['good a 2', 'good n 3']);
  assert.deepEqual([...linesStartingWith(bytes, 'a ')], ['a n 1']);
  assert.deepEqual([...linesStartingWith(bytes, 'zoo ')], ['zoo n 1'], 'the last line, without a trailing newline');
  assert.deepEqual([...linesStartingWith(bytes, 'goo ')], []);
  assert.deepEqual([...linesStartingWith(bytes, 'zzz ')], []);
  assert.deepEqual([...linesStartingWith(bytes, 'good')], ['good a 2', 'good n 3', 'good_faith n 1', 'goodness n 1']);
});

test('agrees with a linear scan for every prefix of every line', () => {
  const lines = text.split('\n');
  for (const line of lines.slice(3)) {
    for (let n = 1; n <= line.length; n++) {
      const key = line.slice(0, n);
      assert.deepEqual(
        [...linesStartingWith(bytes, key)],
        lines.slice(3).filter((l) => l.startsWith(key)),
        key,
      );
    }
  }
  assert.equal(firstLineAtOrAfter(bytes, 'zzzz'), bytes.length);
  assert.equal(firstLineAtOrAfter(Buffer.alloc(0), 'a'), 0);
  assert.throws(() => linesStartingWith(bytes, '').next(), /empty prefix/);
});

test('compares as latin1 text: bytes above 127 and keys with characters above 255 (words from user text)', () => {
  const sorted = ['cafe n 1', 'caf\u00e9 n 2', 'caf\u00e9s n 3', 'cafz n 4'].join('\n');
  const latin1 = Buffer.from(sorted, 'latin1');
  assert.deepEqual([...linesStartingWith(latin1, 'caf\u00e9 ')], ['caf\u00e9 n 2']);
  assert.deepEqual([...linesStartingWith(latin1, 'caf\u0113')], [], 'ē is not é');
  assert.equal(firstLineAtOrAfter(latin1, 'caf\u0113'), latin1.length, 'ē (U+0113) sorts after every latin1 character');
  assert.equal(firstLineAtOrAfter(Buffer.from('\nb a', 'latin1'), 'b'), 1, 'a file that opens with an empty line');
});
