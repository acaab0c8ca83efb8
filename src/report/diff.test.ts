import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diffWords, tokenize } from './diff.js';

const show = (a: string, b: string) =>
  diffWords(a, b)
    .map((p) => (p.kind === 'same' ? p.text : p.kind === 'del' ? `[-${p.text}-]` : `{+${p.text}+}`))
    .join('');

test('tokenize keeps every character: words and the runs between them', () => {
  assert.deepEqual(tokenize("Don't stop, well-made!"), ["Don't", ' ', 'stop', ', ', 'well-made', '!']);
  assert.equal(tokenize('  a  b ').join(''), '  a  b ');
});

test('diffWords: substitutions, insertions, deletions and reorders, concatenating back to both texts', () => {
  assert.equal(show('Loved every minute.', 'Lovfed every minute.'), '[-Loved-]{+Lovfed+} every minute.');
  assert.equal(
    show('This blender is loud, weak and hard to clean.', 'This blender is loud, light and hard to clean.'),
    'This blender is loud, [-weak-]{+light+} and hard to clean.',
  );
  assert.equal(show('good film', 'good perchance film'), 'good {+perchance +}film');
  assert.equal(show('a b c', 'a c'), 'a [-b -]c');
  assert.equal(show('same', 'same'), 'same');
  assert.deepEqual(diffWords('', ''), []);
  const a = 'the food was great but the service was slow';
  const b = 'the service was slow but the food was great';
  const parts = diffWords(a, b);
  assert.equal(
    parts
      .filter((p) => p.kind !== 'ins')
      .map((p) => p.text)
      .join(''),
    a,
  );
  assert.equal(
    parts
      .filter((p) => p.kind !== 'del')
      .map((p) => p.text)
      .join(''),
    b,
  );
});
