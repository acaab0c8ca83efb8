import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackText } from '../core/attack-text.js';
import type { Constraint, ConstraintContext } from '../core/constraint.js';
import { ConfigError } from '../core/errors.js';
import { protectConstraint } from './protect.js';

function setup(s: string): { original: AttackText; ctx: ConstraintContext } {
  const original = AttackText.fromString(s);
  return { original, ctx: { original } };
}

function frozen(c: Constraint, s: string): string[] {
  const { original, ctx } = setup(s);
  return original.words.filter((_, i) => !c.allowsIndex!(original, i, ctx, 'change'));
}

test('protect: nothing is protected without options', () => {
  assert.deepEqual(frozen(protectConstraint({}), 'The food at Luigi was great on 12 May 2020.'), []);
});

test('protect labels: label words in any case, whole words only', () => {
  const c = protectConstraint({ labels: ['positive', 'negative'] });
  assert.equal(c.name, 'protect');
  // "negative-ish" holds the label as a whole word; "positively" does not.
  assert.deepEqual(frozen(c, 'Answer Positive or NEGATIVE: a positively negative-ish review.'), [
    'Positive',
    'NEGATIVE',
    'negative-ish',
  ]);
  assert.throws(() => protectConstraint({ labels: [' '] }), ConfigError);
  // Regex metacharacters in a label are literal.
  assert.deepEqual(frozen(protectConstraint({ labels: ['a+b'] }), 'a+b and ab'), ['a', 'b']);
});

test('protect template variables: the variable cannot be edited, moved, or have a word inserted inside it', () => {
  const c = protectConstraint({ templateVariables: true });
  const s = 'Classify the review {{ input }} as {label} or {{input}}, please.';
  assert.deepEqual(frozen(c, s), ['input', 'label', 'input']);
  const { original, ctx } = setup(s);
  const k = original.words.indexOf('input');
  // rare-word may insert after an opening brace; inside {{ ... }} that would break the template.
  assert.equal(c.allowsCandidate!(original.insertWord(k, 'verily', 'rare-word'), original, ctx), false);
  // before "as"
  assert.equal(c.allowsCandidate!(original.insertWord(k + 1, 'verily', 'rare-word'), original, ctx), true);
  assert.equal(c.allowsCandidate!(original.replaceWord(1, 'clasify', 'typo'), original, ctx), true);
  assert.equal(c.allowsCandidate!(original.replaceWord(k, 'inptu', 'typo'), original, ctx), false);
  assert.equal(c.allowsCandidate!(original.swapBlocks(k - 1, k, k, k + 1, 'reorder'), original, ctx), false);
});

test('protect numbers: digits and number words wink tags NUM', () => {
  const c = protectConstraint({ numbers: true });
  assert.deepEqual(frozen(c, 'We waited 45 minutes for three pizzas at 7pm, rated 4.5 stars.'), [
    '45',
    'three',
    '7pm',
    '4',
    '5',
  ]);
  const { original, ctx } = setup('It costs 1,000 dollars.');
  // "1,000" is one span: nothing may be inserted between its two AttackText words.
  assert.equal(c.allowsCandidate!(original.insertWord(3, 'about', 'rare-word'), original, ctx), false);
  assert.equal(c.allowsCandidate!(original.insertWord(2, 'about', 'rare-word'), original, ctx), true);
});

test('protect entities: wink entities and names', () => {
  const c = protectConstraint({ entities: true });
  const got = frozen(c, 'We met Steven on 12 May 2020 and mailed info@example.com about it.');
  for (const w of ['Steven', '12', 'May', '2020', 'info', 'example', 'com'])
    assert.ok(got.includes(w), `${w} in ${got.join(',')}`);
  for (const w of ['We', 'met', 'mailed', 'about']) assert.ok(!got.includes(w), w);
});

test('protect patterns behave as protected-spans and combine with other sources', () => {
  const c = protectConstraint({ patterns: [/not good/], labels: ['positive'] });
  assert.deepEqual(frozen(c, 'positive? It was not good at all.'), ['positive', 'not', 'good']);
});
