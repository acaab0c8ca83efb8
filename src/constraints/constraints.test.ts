import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackText } from '../core/attack-text.js';
import type { AnchorMode, Constraint, ConstraintContext } from '../core/constraint.js';
import { ConfigError, UnknownComponentError } from '../core/errors.js';
import {
  constraintNames,
  Constraints,
  createConstraint,
  defaultConstraints,
  isStopword,
  maxPerturbRatioConstraint,
  NLTK_ENGLISH_STOPWORDS,
  perturbBudget,
  protectedSpansConstraint,
  repeatModificationConstraint,
  stopwordConstraint,
} from './index.js';

function setup(s: string): { original: AttackText; ctx: ConstraintContext } {
  const original = AttackText.fromString(s);
  return { original, ctx: { original } };
}

function allowedIndices(
  c: Constraint,
  text: AttackText,
  ctx: ConstraintContext,
  mode: AnchorMode = 'change',
): number[] {
  return text.words.flatMap((_, i) => (c.allowsIndex!(text, i, ctx, mode) ? [i] : []));
}

test('NLTK stopword list: 179 distinct lower-case entries', () => {
  assert.equal(NLTK_ENGLISH_STOPWORDS.length, 179);
  assert.equal(new Set(NLTK_ENGLISH_STOPWORDS).size, 179);
  for (const w of NLTK_ENGLISH_STOPWORDS) assert.equal(w, w.toLowerCase());
  for (const w of ['i', 'the', "don't", 'mightn', "wouldn't", 'ma', 'y'])
    assert.ok(NLTK_ENGLISH_STOPWORDS.includes(w), w);
  for (const w of ['would', 'could', 'us', 'cannot', 'however']) assert.ok(!NLTK_ENGLISH_STOPWORDS.includes(w), w);
  assert.ok(isStopword('The') && isStopword('I') && isStopword('Don’t') && isStopword("DON'T"));
  assert.ok(!isStopword('movie'));
});

test('stopword: pre-stage freezes stopwords whatever their case', () => {
  const { original, ctx } = setup('The movie was not good, but I liked it.');
  const c = stopwordConstraint();
  assert.equal(c.name, 'stopword');
  assert.deepEqual(allowedIndices(c, original, ctx), [1, 4, 7]); // movie, good, liked
  // A reorder anchored at "The" or "but" moves them without changing them.
  assert.deepEqual(allowedIndices(c, original, ctx, 'move'), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
});

test('stopword: post-stage rejects changed stopwords, allows moved ones and insertions', () => {
  const { original, ctx } = setup('The movie was not good');
  const c = stopwordConstraint();
  assert.equal(c.allowsCandidate!(original.replaceWord(3, 'nto', 'typo'), original, ctx), false);
  assert.equal(c.allowsCandidate!(original.replaceWord(0, 'Teh', 'typo'), original, ctx), false);
  assert.equal(c.allowsCandidate!(original.replaceWord(1, 'film', 'synonym'), original, ctx), true);
  // Reorder moves "The" and "was" without changing them.
  assert.equal(c.allowsCandidate!(original.swapBlocks(0, 2, 2, 3, 'reorder'), original, ctx), true);
  assert.equal(c.allowsCandidate!(original.insertWord(4, 'the', 'rare-word'), original, ctx), true);
  // Judged by the original word: the id of "was" stays a stopword after it moved.
  const moved = original.swapBlocks(1, 2, 2, 3, 'reorder'); // "The was movie not good"
  assert.equal(c.allowsCandidate!(moved.replaceWord(1, 'wsa', 'typo'), moved, ctx), false);
});

test('repeat-modification: a word changed or moved once is locked', () => {
  const { original, ctx } = setup('the food was great but the service was slow');
  const c = repeatModificationConstraint();
  assert.equal(c.name, 'repeat-modification');
  const typoed = original.replaceWord(3, 'grate', 'typo');
  assert.deepEqual(allowedIndices(c, typoed, ctx), [0, 1, 2, 4, 5, 6, 7, 8]);
  // Changing it again, or moving it, is rejected; other words are fine.
  assert.equal(c.allowsCandidate!(typoed.replaceWord(3, 'grand', 'synonym'), typoed, ctx), false);
  assert.equal(c.allowsCandidate!(typoed.swapBlocks(2, 3, 3, 4, 'reorder'), typoed, ctx), false);
  // clause swap moves it
  assert.equal(c.allowsCandidate!(typoed.swapBlocks(0, 4, 5, 9, 'reorder'), typoed, ctx), false);
  assert.equal(c.allowsCandidate!(typoed.replaceWord(8, 'slwo', 'typo'), typoed, ctx), true);
  // Moved words are locked too.
  const swapped = original.swapBlocks(0, 1, 1, 2, 'reorder'); // "food the was ..."
  assert.deepEqual(allowedIndices(c, swapped, ctx), [2, 3, 4, 5, 6, 7, 8]);
  assert.equal(c.allowsCandidate!(swapped.replaceWord(0, 'fodo', 'typo'), swapped, ctx), false);
  assert.equal(c.allowsCandidate!(swapped.replaceWord(3, 'grate', 'typo'), swapped, ctx), true);
});

test('max-perturb-ratio: ceil(ratio × words), at least one word', () => {
  assert.equal(perturbBudget(0.25, 3), 1);
  assert.equal(perturbBudget(0.25, 8), 2);
  assert.equal(perturbBudget(0.25, 9), 3);
  assert.equal(perturbBudget(0.1, 30), 3); // not 4 from float noise
  assert.equal(perturbBudget(0, 50), 1);
  const { original, ctx } = setup('tasty cheap food');
  const c = maxPerturbRatioConstraint(0.25);
  assert.equal(c.name, 'max-perturb-ratio');
  const one = original.replaceWord(0, 'tsaty', 'typo');
  assert.equal(c.allowsCandidate!(one, original, ctx), true);
  assert.equal(c.allowsCandidate!(original.swapBlocks(0, 1, 1, 2, 'reorder'), original, ctx), false); // cost 2 > 1
  assert.equal(c.allowsCandidate!(one.replaceWord(2, 'fodo', 'typo'), one, ctx), false);
  assert.deepEqual(allowedIndices(c, original, ctx), [0, 1, 2]);
  assert.deepEqual(allowedIndices(c, one, ctx), []); // budget spent
  const longer = setup('the food was great but the service was slow');
  const swap = longer.original.swapBlocks(0, 4, 5, 9, 'reorder');
  assert.equal(c.allowsCandidate!(swap, longer.original, longer.ctx), true); // cost 2 <= ceil(2.25) = 3
  for (const bad of [-0.1, 1.5, Number.NaN]) assert.throws(() => maxPerturbRatioConstraint(bad), ConfigError);
});

test('protected-spans: matched words cannot be edited, moved, or split by an insertion', () => {
  const s = 'Answer positive or negative. The food was not good at all.';
  const { original, ctx } = setup(s);
  const c = protectedSpansConstraint([/positive|negative/gi, /not good/]);
  assert.equal(c.name, 'protected-spans');
  // Protected: positive(1), negative(3), not(7), good(8).
  assert.deepEqual(allowedIndices(c, original, ctx), [0, 2, 4, 5, 6, 9, 10]);
  assert.equal(c.allowsCandidate!(original.replaceWord(8, 'goood', 'typo'), original, ctx), false);
  assert.equal(c.allowsCandidate!(original.replaceWord(5, 'fodo', 'typo'), original, ctx), true);
  // A reorder anchored at an unprotected word that moves a protected one.
  assert.equal(c.allowsCandidate!(original.swapBlocks(6, 7, 7, 8, 'reorder'), original, ctx), false); // "was not"
  assert.equal(c.allowsCandidate!(original.swapBlocks(0, 4, 4, 11, 'reorder'), original, ctx), false); // sentences
  assert.equal(c.allowsCandidate!(original.swapBlocks(4, 5, 5, 6, 'reorder'), original, ctx), true); // "The food"
  // Insertions: inside "not good" rejected; before it, or between two separate matches, fine.
  assert.equal(c.allowsCandidate!(original.insertWord(8, 'very', 'rare-word'), original, ctx), false);
  assert.equal(c.allowsCandidate!(original.insertWord(7, 'really', 'rare-word'), original, ctx), true);
  assert.equal(c.allowsCandidate!(original.insertWord(3, 'or', 'rare-word'), original, ctx), true);
  // Works on an edited text whose indices have shifted, and repeatedly (cached per original).
  const shifted = original.insertWord(0, 'Please', 'rare-word');
  assert.deepEqual(allowedIndices(c, shifted, ctx), [0, 1, 3, 5, 6, 7, 10, 11]);
  assert.deepEqual(allowedIndices(c, shifted, ctx), [0, 1, 3, 5, 6, 7, 10, 11]);
  // A different original text gets its own protection.
  const other = setup('It was not good.');
  assert.deepEqual(allowedIndices(c, other.original, other.ctx), [0, 1]);
});

test('protected-spans: matches inside a word protect the whole word; empty matches protect nothing', () => {
  const { original, ctx } = setup('Call 555-1234 or visit example.com now');
  const c = protectedSpansConstraint([/\d{3}-\d{4}/, /\w+\.com/, /(?:)/]);
  assert.deepEqual(allowedIndices(c, original, ctx), [0, 2, 3, 6]);
});

test('registry and defaults', () => {
  // The names a campaign may give (`--constraint`), each built from JSON options by the one map production uses.
  assert.deepEqual(constraintNames, ['protect', 'char-budget', 'embedding-cosine', 'pos-consistency', 'typo-density']);
  assert.deepEqual(
    constraintNames.filter((n) => Constraints[n].role === 'tunable-default'),
    ['typo-density'],
  );
  const options: Record<string, Record<string, unknown>> = { 'embedding-cosine': { minCosine: 0.5 } };
  for (const name of constraintNames) assert.equal(createConstraint(name, options[name] ?? {}).name, name);
  assert.throws(
    () => createConstraint('stopword', {}),
    (e: unknown) => {
      assert.ok(e instanceof UnknownComponentError);
      assert.equal(
        e.message,
        'unknown constraint "stopword"; valid constraints: protect, char-budget, embedding-cosine, pos-consistency, ' +
          'typo-density',
      );
      return true;
    },
  );
  assert.throws(
    () => createConstraint('protect', { patterns: ['('] }),
    /^ConfigError: protect: pattern "\(" is not a valid regular expression/,
  );
  const built: Constraint[] = [
    repeatModificationConstraint(),
    maxPerturbRatioConstraint(0.5),
    stopwordConstraint(),
    protectedSpansConstraint([/x/]),
  ];
  assert.deepEqual(
    built.map((c) => c.name),
    ['repeat-modification', 'max-perturb-ratio', 'stopword', 'protected-spans'],
  );
  // pos-consistency is a default (issue #14), last as the most expensive; `posConsistency: false` turns it off.
  const d = defaultConstraints({ maxPerturbRatio: 0.25, protect: [/positive/] });
  assert.deepEqual(
    d.map((c) => c.name),
    [
      'repeat-modification',
      'max-perturb-ratio',
      'stopword',
      'typo-density',
      'article-agreement',
      'protected-spans',
      'pos-consistency',
    ],
  );
  assert.deepEqual(
    defaultConstraints({ maxPerturbRatio: 0.25, protect: [] }).map((c) => c.name),
    ['repeat-modification', 'max-perturb-ratio', 'stopword', 'typo-density', 'article-agreement', 'pos-consistency'],
  );
  assert.deepEqual(
    defaultConstraints({ maxPerturbRatio: 0.25, protect: [], posConsistency: false }).map((c) => c.name),
    ['repeat-modification', 'max-perturb-ratio', 'stopword', 'typo-density', 'article-agreement'],
  );
});
