import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import seedrandom from 'seedrandom';
import vader from 'vader-sentiment';
import { sst2DevVariants } from '../testing/text-variants.js';
import { BOOSTER_WORDS, vaderCompound, wordsAndEmoticons } from './vader-scores.js';

const original = (text: string) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;

test('vader scores: identical to vader-sentiment on SST-2 dev, each text in eight variants', () => {
  const texts = sst2DevVariants();
  for (const text of texts) assert.equal(vaderCompound(text), original(text), text);
  assert.equal(texts.length, 872 * 8);
});

test('vader scores: identical on seeded random texts of words, marks, emoticons and capitals', () => {
  const rng = seedrandom('vader-scores');
  const pieces = ['good', 'GOOD', 'bad', 'not', 'very', 'kind', 'of', 'but', 'BUT', 'never', 'so', 'least', 'at'];
  pieces.push('the', 'bomb', 'sort', ':)', ':(', '!', '?', '!!', '?!?', '.', ',', "'", '"', '-', '(', ')', 'x');
  pieces.push('hardly', "don't", 'kinda', 'Great', 'LOVE', 'hate', 'no', 'without', '', ' ');
  for (let k = 0; k < 4000; k++) {
    const n = 1 + Math.floor(rng() * 12);
    let text = '';
    for (let i = 0; i < n; i++) text += pieces[Math.floor(rng() * pieces.length)]! + (rng() < 0.7 ? ' ' : '');
    assert.equal(vaderCompound(text), original(text), JSON.stringify(text));
  }
});

test('vader scores: one listed mark is stripped from one edge, only when what remains is a word of the text', () => {
  // '"movie"' has marks at both edges: no single strip leaves a word; '...' and '(' are not listed marks.
  const words = wordsAndEmoticons('Great!! "movie" :) a ...wow (sic)');
  assert.deepEqual(words, ['Great', '"movie"', ':)', '...wow', '(sic)']);
  assert.deepEqual(wordsAndEmoticons("don't. ?!?!yes"), ["don't.", 'yes']);
});

test("vader scores: the booster words are vader-sentiment's one-word BOOSTER_DICT keys", () => {
  // Read from the package's own source, so an upgrade that changes the list fails here.
  const source = readFileSync(createRequire(import.meta.url).resolve('vader-sentiment/src/vaderSentiment.js'), 'utf8');
  const block = /export const BOOSTER_DICT = \{([\s\S]*?)\};/.exec(source)![1]!;
  const keys = [...block.matchAll(/^\s*'?([^':]+?)'?:\s*B_(?:INCR|DECR)/gm)].map((m) => m[1]!);
  assert.ok(keys.length > 60);
  assert.deepEqual([...BOOSTER_WORDS].sort(), keys.filter((k) => !k.includes(' ')).sort());
});
