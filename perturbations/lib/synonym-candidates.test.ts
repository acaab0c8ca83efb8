import { test } from 'node:test';
import assert from 'node:assert/strict';
import { synonymCandidates } from './synonym-candidates.js';

const OPTS = { maxSenses: 3, maxCandidates: 8, multiWord: false };
const info = (pos: string, lemma: string, entity = false) => ({ pos, lemma, entity });

test('open-class words only', () => {
  assert.ok(synonymCandidates('movie', info('NOUN', 'movie'), OPTS).includes('film'), 'movie -> film');
  for (const pos of ['PROPN', 'AUX', 'PRON', 'DET', 'ADP', 'NUM', 'X', 'PUNCT']) {
    assert.deepEqual(synonymCandidates('movie', info(pos, 'movie'), OPTS), [], pos);
  }
  assert.deepEqual(synonymCandidates('movie', undefined, OPTS), []);
  assert.deepEqual(synonymCandidates('May', info('NOUN', 'may', true), OPTS), []);
});

test('re-inflected, case-matched, alphabetic, never the word itself', () => {
  assert.deepEqual(synonymCandidates('Movies', info('NOUN', 'movie'), OPTS).slice(0, 2), ['Films', 'Pictures']);
  const multi = synonymCandidates('movies', info('NOUN', 'movie'), { ...OPTS, maxCandidates: 20, multiWord: true });
  assert.ok(multi.includes('motion pictures'), 'multi.includes("motion pictures")');
  for (const c of synonymCandidates('good', info('ADJ', 'good'), { ...OPTS, maxSenses: 50, maxCandidates: 100 })) {
    assert.match(c, /^[a-z]+$/);
    assert.notEqual(c, 'good');
  }
  // "dreadful" lists "terrible" among its synonyms, but never itself in another case.
  assert.ok(
    !synonymCandidates('Dreadful', info('ADJ', 'dreadful'), OPTS).some((c) => c.toLowerCase() === 'dreadful'),
    'Dreadful never proposes itself',
  );
});

test('maxCandidates caps the list in sense order', () => {
  const all = synonymCandidates('terrible', info('ADJ', 'terrible'), { ...OPTS, maxCandidates: 100 });
  const two = synonymCandidates('terrible', info('ADJ', 'terrible'), { ...OPTS, maxCandidates: 2 });
  assert.deepEqual(two, all.slice(0, 2));
});

test('a capitalised word WordNet also knows as a name gets no synonyms', () => {
  assert.deepEqual(synonymCandidates('John', info('NOUN', 'john'), OPTS), []);
  assert.ok(synonymCandidates('john', info('NOUN', 'john'), OPTS).length > 0, 'lower-case john is a common noun');
  assert.ok(synonymCandidates('Terrible', info('ADJ', 'terrible'), OPTS).length > 0, 'Terrible is not a name');
});

test('an irregular form that cannot be matched gives nothing rather than a wrong form', () => {
  assert.deepEqual(synonymCandidates('wrought', info('VERB', 'work'), OPTS), []);
  for (const c of synonymCandidates('took', info('VERB', 'take'), { ...OPTS, maxSenses: 10, maxCandidates: 50 })) {
    assert.doesNotMatch(c, /(goed|taked|runned|maked)$/);
  }
});
