import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackText } from '../core/attack-text.js';
import { posConsistencyConstraint, tagInWindow } from './pos-consistency.js';

test('pos-consistency: a replacement that wink tags differently in context is rejected', () => {
  const original = AttackText.fromString('The plot was slow and the acting was terrible.');
  const ctx = { original };
  const c = posConsistencyConstraint();
  assert.equal(c.name, 'pos-consistency');
  const slow = original.words.indexOf('slow');
  const terrible = original.words.indexOf('terrible');
  assert.equal(c.allowsCandidate!(original.replaceWord(slow, 'dull', 'synonym'), original, ctx), true);
  assert.equal(c.allowsCandidate!(original.replaceWord(terrible, 'awful', 'synonym'), original, ctx), true);
  // "dread" is a WordNet adjective sense of "terrible", but wink does not read "was dread." as an adjective.
  assert.equal(tagInWindow(original, terrible, 12, false), 'ADJ');
  assert.notEqual(tagInWindow(original.replaceWord(terrible, 'dread', 'synonym'), terrible, 12, false), 'ADJ');
  assert.equal(c.allowsCandidate!(original.replaceWord(terrible, 'dread', 'synonym'), original, ctx), false);
});

test('pos-consistency: only word-level replacements of the listed families are checked', () => {
  const original = AttackText.fromString('The plot was slow and the acting was terrible.');
  const ctx = { original };
  const c = posConsistencyConstraint();
  const terrible = original.words.indexOf('terrible');
  assert.equal(c.allowsCandidate!(original.replaceWord(terrible, 'dread', 'typo'), original, ctx), true);
  assert.equal(c.allowsCandidate!(original.insertWord(0, 'verily', 'rare-word'), original, ctx), true);
  assert.equal(c.allowsCandidate!(original.swapBlocks(0, 4, 5, 9, 'reorder'), original, ctx), true);
  const strict = posConsistencyConstraint({ families: ['typo'] });
  assert.equal(strict.allowsCandidate!(original.replaceWord(terrible, 'dread', 'typo'), original, ctx), false);
});

test('pos-consistency: works after earlier edits moved the word, and within a window of long texts', () => {
  const long = `${'The film was fine. '.repeat(30)}The plot was slow and the acting was terrible.`;
  const original = AttackText.fromString(long);
  const ctx = { original };
  const c = posConsistencyConstraint();
  const moved = original.insertWord(0, 'Verily', 'rare-word');
  const terrible = moved.words.lastIndexOf('terrible');
  assert.equal(c.allowsCandidate!(moved.replaceWord(terrible, 'awful', 'synonym'), moved, ctx), true);
  assert.equal(c.allowsCandidate!(moved.replaceWord(terrible, 'dread', 'synonym'), moved, ctx), false);
  const started = performance.now();
  for (let k = 0; k < 200; k++)
    c.allowsCandidate!(moved.replaceWord(terrible, k % 2 ? 'awful' : 'dread', 'synonym'), moved, ctx);
  const us = ((performance.now() - started) * 1000) / 200;
  console.log(`pos-consistency: ${us.toFixed(0)} µs per candidate on a ${original.length}-word text`);
  assert.ok(us < 2000, `${us} µs`);
});
