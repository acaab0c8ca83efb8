import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRealWord } from './real-word.js';

test('real words: common subtitle words and less common WordNet lemmas, any case', () => {
  for (const w of ['hoe', 'beast', 'beet', 'abut', 'bled', 'dies', 'Hope']) assert.ok(isRealWord(w), w);
});

test('not real words: slips, subtitle slang without a WordNet entry, WordNet abbreviations nobody reads', () => {
  for (const w of ['pised', 'hoep', 'kep', 'een', 'lst', 'mst', 'thm', 'dama', "do'nt"]) assert.ok(!isRealWord(w), w);
});
