import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysed, indexOf } from './checks-fixture.js';
import { inFixedExpression } from './fixed-expressions.js';

const fixed = (sentence: string, word: string) => {
  const { text, ctx } = analysed(sentence);
  return inFixedExpression(text, indexOf(text, word), ctx);
};

test('phrasal verbs, WordNet collocations and curated idioms are fixed (issue #14)', () => {
  assert.ok(fixed('you have to pay for the tickets', 'pay'), 'pay for (WordNet pay_for, verb + preposition)');
  assert.ok(fixed('we paid for it twice', 'paid'), 'paid for (by lemma)');
  assert.ok(fixed('the film suffers from a lack of humor', 'suffers'), 'suffers from (verb + preposition)');
  assert.ok(fixed('according to the critics it works', 'according'), 'according to');
  assert.ok(fixed('you can go home again', 'go') && fixed('you can go home again', 'home'), 'go home');
  assert.ok(fixed('this is a must!', 'must'), 'a must');
  assert.ok(fixed('it was worth it', 'worth'), 'worth it');
  assert.ok(fixed('a big chill of a movie', 'big'), 'big chill');
  assert.ok(fixed('she went to high school there', 'high'), 'high school (WordNet)');
});

test('ordinary words and phrases split by punctuation are not', () => {
  assert.ok(!fixed('the film is funny and warm', 'funny'));
  assert.ok(!fixed('a lack of humor', 'humor'));
  assert.ok(!fixed('we must pay. For once, it was good', 'pay'), 'a full stop ends the phrase');
  assert.ok(!fixed('a must, I think', 'think'));
});

test('an aspectual verb before a gerund is fixed ("kept checking" never "maintained checking")', () => {
  assert.ok(fixed('the dialogue is so clumsy that I kept checking my phone', 'kept'));
  assert.ok(fixed('please stop talking', 'stop'));
  assert.ok(!fixed('I kept the receipt', 'kept'), 'keep with an object is an ordinary verb');
  assert.ok(!fixed('they sing', 'sing'), 'a verb ending in -ing is no gerund after it');
});
