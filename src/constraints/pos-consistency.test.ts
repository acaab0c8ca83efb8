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
  assert.equal(tagInWindow(original, terrible, 12), 'ADJ');
  assert.notEqual(tagInWindow(original.replaceWord(terrible, 'dread', 'synonym'), terrible, 12), 'ADJ');
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
});

test('pos-consistency: tags are remembered per window and word position', () => {
  const text = AttackText.fromString('They said the plot was terrible , and it was');
  const tags = text.words.map((_, k) => tagInWindow(text, k, 12));
  assert.equal(new Set(tags).size > 3, true, tags.join(' '));
  // Asked again in another order, and on an equal text: the same tags, each for its own word.
  const again = AttackText.fromString('They said the plot was terrible , and it was');
  assert.deepEqual(text.words.map((_, k) => tagInWindow(again, text.length - 1 - k, 12)).reverse(), tags);
  // The same words tagged in a window that starts elsewhere: word 2 of the window is "plot" here.
  assert.equal(tagInWindow(text, 3, 1), tags[3]);
  assert.equal(tagInWindow(AttackText.fromString('the plot was'), 1, 1), tagInWindow(text, 3, 1));
});
