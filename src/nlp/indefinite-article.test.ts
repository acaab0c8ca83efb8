import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indefiniteArticleFor } from './indefinite-article.js';

test('indefinite article: vowel letters take "an", consonants "a", any case', () => {
  for (const w of ['incredibly', 'absorbing', 'Apple', 'uninspired', 'unimaginative', 'ugly', 'eerie'])
    assert.equal(indefiniteArticleFor(w), 'an', w);
  for (const w of ['remarkably', 'gripping', 'Film', 'house', 'year']) assert.equal(indefiniteArticleFor(w), 'a', w);
});

test('indefinite article: silent h and vowels said as consonants', () => {
  for (const w of ['hour', 'hours', 'honest', 'honestly', 'honor', 'honourable', 'heir'])
    assert.equal(indefiniteArticleFor(w), 'an', w);
  for (const w of [
    'one',
    'once-great',
    'unique',
    'university',
    'unit',
    'useful',
    'usual',
    'user',
    'European',
    'euphoric',
    'utopia',
  ])
    assert.equal(indefiniteArticleFor(w), 'a', w);
  assert.equal(indefiniteArticleFor('onerous'), 'an');
  assert.equal(indefiniteArticleFor('8'), undefined);
});
