import { test } from 'node:test';
import assert from 'node:assert/strict';
import { winkAnalyzer } from '../../src/nlp/wink-analyzer.js';
import { nextToName } from './name-context.js';

function at(text: string, word: string): boolean {
  const words = text.split(' ');
  const a = winkAnalyzer.analyze(words, ['', ...words.slice(1).map(() => ' '), '']);
  return nextToName(a.words, words.indexOf(word));
}

test('next to a name: a neighbour that is no dictionary word, lower case and all (issue #14: "cletis tout")', () => {
  assert.equal(at('who is cletis tout ?', 'tout'), true);
});

test('not next to a name: dictionary words, punctuation and clitics around', () => {
  assert.equal(at('the film is funny and warm', 'funny'), false);
  assert.equal(at("it is n't pretty !", 'pretty'), false);
});
