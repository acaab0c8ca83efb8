import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackText } from '../../core/attack-text.js';
import { WordPrior } from './word-prior.js';

const data = [
  { text: 'a great film', label: 'positive' },
  { text: 'great acting , great fun', label: 'positive' },
  { text: 'a dull film', label: 'negative' },
  { text: 'dull and slow', label: 'negative' },
  { text: 'a wonderful mess', label: 'positive' },
];

test(
  'word prior: removing a word that speaks for the true label brings the flip closer; ' + 'one against it, further',
  () => {
    const t = AttackText.fromString('a great but dull film');
    const scorer = new WordPrior(data).scorer(t, 'positive')!;
    const without = (w: string) => scorer.gain(t.replaceWord(t.words.indexOf(w), 'xq', 'typo'));
    assert.ok(without('great') > 0);
    assert.ok(without('dull') < 0);
    assert.equal(without('but'), 0, 'a word it never saw weighs nothing');
  },
);

test('word prior: leave-one-out, a word seen only in the text under attack weighs nothing', () => {
  const prior = new WordPrior(data);
  const own = AttackText.fromString('a wonderful mess');
  assert.equal(prior.scorer(own, 'positive')!.gain(own.replaceWord(1, 'xq', 'typo')), 0);
  const other = AttackText.fromString('a wonderful film');
  assert.ok(
    prior.scorer(other, 'positive')!.gain(other.replaceWord(1, 'xq', 'typo')) > 0,
    'in any other text it counts',
  );
  assert.ok(
    prior.scorer(other, 'positive')!.gain(other.replaceWord(1, 'xq', 'typo')) > 0,
    'and the counts are restored after',
  );
});

test('word prior: views keep only known words; no scorer for a label it never saw', () => {
  const prior = new WordPrior(data);
  const t = AttackText.fromString('great zzz film');
  const scorer = prior.scorer(t, 'positive')!;
  assert.equal(scorer.view(t), 'film great');
  assert.equal(scorer.view(t.replaceWord(1, 'yyy', 'rare-word')), scorer.view(t));
  assert.equal(prior.scorer(t, 'neutral'), undefined);
});
