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

test('finds every line that starts with a key, and nothing for a key between lines', () => {
  assert.deepEqual([...linesStartingWith(text, 'good ')], ['good a 2', 'good n 3']);
  assert.deepEqual([...linesStartingWith(text, 'a ')], ['a n 1']);
  assert.deepEqual([...linesStartingWith(text, 'zoo ')], ['zoo n 1'], 'the last line, without a trailing newline');
  assert.deepEqual([...linesStartingWith(text, 'goo ')], []);
  assert.deepEqual([...linesStartingWith(text, 'zzz ')], []);
  assert.deepEqual([...linesStartingWith(text, 'good')], ['good a 2', 'good n 3', 'good_faith n 1', 'goodness n 1']);
});

test('agrees with a linear scan for every prefix of every line', () => {
  const lines = text.split('\n');
  for (const line of lines.slice(3)) {
    for (let n = 1; n <= line.length; n++) {
      const key = line.slice(0, n);
      assert.deepEqual(
        [...linesStartingWith(text, key)],
        lines.slice(3).filter((l) => l.startsWith(key)),
        key,
      );
    }
  }
  assert.equal(firstLineAtOrAfter(text, 'zzzz'), text.length);
  assert.equal(firstLineAtOrAfter('', 'a'), 0);
  assert.throws(() => linesStartingWith(text, '').next(), /empty prefix/);
});
