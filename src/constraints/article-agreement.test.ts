import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackText } from '../core/attack-text.js';
import { articleAgreementConstraint } from './article-agreement.js';

const c = articleAgreementConstraint();
const allows = (original: AttackText, candidate: AttackText, parent = original) =>
  c.allowsCandidate!(candidate, parent, { original });

test('article agreement: a replacement after "a"/"an" must take the same article (issue #14)', () => {
  const t = AttackText.fromString('It is an incredibly good film and a gripping story.');
  assert.equal(allows(t, t.replaceWord(3, 'remarkably', 'synonym')), false, 'an remarkably');
  assert.equal(allows(t, t.replaceWord(8, 'absorbing', 'synonym')), false, 'a absorbing');
  assert.equal(allows(t, t.replaceWord(3, 'exceptionally', 'synonym')), true);
  assert.equal(allows(t, t.replaceWord(8, 'thrilling', 'synonym')), true);
  assert.equal(allows(t, t.replaceWord(4, 'awful', 'synonym')), true, 'not after an article');
  // Case-insensitive, and typos count too when they move the first letter.
  const u = AttackText.fromString('An awful film.');
  assert.equal(allows(u, u.replaceWord(1, 'dreadful', 'synonym')), false);
  assert.equal(allows(u, u.replaceWord(1, 'wful', 'typo')), false);
  assert.equal(allows(u, u.replaceWord(1, 'awfl', 'typo')), true);
});

test('article agreement: exceptions (an hour, a unique), reorders and originals that already disagree', () => {
  const t = AttackText.fromString('a unique and honest film');
  assert.equal(allows(t, t.replaceWord(1, 'singular', 'synonym')), true, 'a unique -> a singular');
  assert.equal(allows(t, t.replaceWord(1, 'odd', 'synonym')), false, 'a unique -> a odd');
  const r = AttackText.fromString('an ugly and dull film');
  assert.equal(allows(r, r.swapBlocks(1, 2, 3, 4, 'reorder')), false, 'an dull and ugly');
  const ok = AttackText.fromString('an ugly and awful film');
  assert.equal(allows(ok, ok.swapBlocks(1, 2, 3, 4, 'reorder')), true, 'an awful and ugly');
  // The original says "a apple": its authors' choice, not ours to enforce.
  const bad = AttackText.fromString('a apple pie');
  assert.equal(allows(bad, bad.replaceWord(1, 'orange', 'synonym')), true);
  // Not neighbours: a comma between them.
  const gap = AttackText.fromString('a, incredibly, good film');
  assert.equal(allows(gap, gap.replaceWord(1, 'remarkably', 'synonym')), true);
});
