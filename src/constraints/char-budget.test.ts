import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackText } from '../core/attack-text.js';
import { ConfigError } from '../core/errors.js';
import { charBudgetConstraint, editDistance, levenshtein } from './char-budget.js';

test('levenshtein counts code points', () => {
  assert.equal(levenshtein('kitten', 'sitting'), 3);
  assert.equal(levenshtein('', 'abc'), 3);
  assert.equal(levenshtein('great', 'great'), 0);
  assert.equal(levenshtein('great', 'gre at'), 1);
  assert.equal(levenshtein('a😀b', 'ab'), 1);
  assert.equal(levenshtein('good', 'gооd'), 2); // two Cyrillic o
});

test('edit distance: replacements, insertions (word + space) and moves', () => {
  const t = AttackText.fromString('the food was great');
  assert.equal(editDistance(t.replaceWord(3, 'grate', 'typo').lastEdit!), 2);
  assert.equal(editDistance(t.insertWord(1, 'verily', 'rare-word').lastEdit!), 7);
  assert.equal(editDistance(t.swapBlocks(1, 2, 2, 3, 'reorder').lastEdit!), levenshtein('food was', 'was food'));
});

test('char-budget: per edit, total and ratio', () => {
  const original = AttackText.fromString('the food was great'); // 18 characters
  const ctx = { original };
  const perEdit = charBudgetConstraint({ maxPerEdit: 1 });
  assert.equal(perEdit.name, 'char-budget');
  assert.equal(perEdit.allowsCandidate!(original.replaceWord(1, 'fod', 'typo'), original, ctx), true);
  assert.equal(perEdit.allowsCandidate!(original.replaceWord(1, 'meal', 'synonym'), original, ctx), false);
  const total = charBudgetConstraint({ maxTotal: 3 });
  const one = original.replaceWord(1, 'fod', 'typo');
  assert.equal(total.allowsCandidate!(one, original, ctx), true);
  assert.equal(total.allowsCandidate!(one.replaceWord(3, 'grate', 'typo'), one, ctx), true); // 1 + 2
  const two = one.replaceWord(3, 'grate', 'typo');
  assert.equal(total.allowsIndex!(two, 2, ctx, 'change'), false, 'budget spent');
  assert.equal(total.allowsCandidate!(two.replaceWord(2, 'wsa', 'typo'), two, ctx), false);
  const ratio = charBudgetConstraint({ maxRatio: 0.1 }); // ceil(1.8) = 2
  assert.equal(ratio.allowsCandidate!(original.replaceWord(3, 'grate', 'typo'), original, ctx), true);
  assert.equal(ratio.allowsCandidate!(original.replaceWord(3, 'grand', 'synonym'), original, ctx), false);
  assert.throws(() => charBudgetConstraint({ maxTotal: -1 }), ConfigError);
  assert.throws(() => charBudgetConstraint({ maxRatio: 2 }), ConfigError);
});
