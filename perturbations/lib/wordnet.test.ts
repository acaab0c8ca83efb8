import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  antonyms,
  hasCapitalisedNounSense,
  isWordNetLemma,
  loadWordNet,
  membersOf,
  relatedSynsets,
  senseOffsetsOf,
  synonyms,
  synsetGloss,
  type WordNetPos,
} from './wordnet.js';

const ONE = { maxSenses: 3, multiWord: false };
const ALL = { maxSenses: 1000, multiWord: true };

test('builds once and looks up fast', () => {
  let t = performance.now();
  loadWordNet();
  const buildMs = performance.now() - t;
  loadWordNet();
  const lemmas = ['movie', 'film', 'good', 'terrible', 'love', 'run', 'fast', 'happy', 'story', 'actor'];
  // Distinct option sets defeat the result cache, so this measures the table lookup itself.
  t = performance.now();
  let n = 0;
  for (let senses = 1; senses <= 50; senses++) {
    for (const lemma of lemmas)
      for (const pos of ['n', 'v', 'a', 'r'] as const) {
        synonyms(lemma, pos, { maxSenses: senses, multiWord: false });
        n++;
      }
  }
  const lookupUs = ((performance.now() - t) * 1000) / n;
  console.log(`wordnet build ${buildMs.toFixed(0)} ms, uncached lookup ${lookupUs.toFixed(1)} µs`);
  assert.ok(buildMs < 2000, `build took ${buildMs} ms`);
  assert.ok(lookupUs < 200, `lookup took ${lookupUs} µs`);
});

test('synset members in sense order, without the lemma itself', () => {
  const movie = synonyms('movie', 'n', ONE);
  assert.equal(movie[0], 'film');
  assert.ok(movie.includes('flick'), 'movie.includes("flick")');
  assert.ok(!movie.includes('movie'), '!movie.includes("movie")');
  assert.ok(synonyms('terrible', 'a', ONE).includes('awful'), 'synonyms("terrible", "a", ONE).includes("awful")');
  assert.ok(synonyms('love', 'v', ONE).includes('enjoy'), 'synonyms("love", "v", ONE).includes("enjoy")');
  // Case and surrounding spaces of the query do not matter.
  assert.deepEqual(synonyms(' Movie ', 'n', ONE), movie);
});

test('multi-word members only on request, with spaces instead of underscores', () => {
  assert.ok(
    synonyms('movie', 'n', ONE).every((s) => !s.includes(' ') && !s.includes('_')),
    'no multi-word members by default',
  );
  const multi = synonyms('movie', 'n', { maxSenses: 3, multiWord: true });
  assert.ok(multi.includes('motion picture'), 'multi.includes("motion picture")');
  assert.ok(
    multi.every((s) => !s.includes('_')),
    'multi.every((s) => !s.includes("_"))',
  );
  assert.ok(synonyms('motion picture', 'n', ONE).includes('film'), 'multi-word lemma lookup');
});

test('adjective markers such as (ip) are stripped and satellites count as adjectives', () => {
  // "galore(ip)" is a member of a satellite (s) synset of "abounding".
  assert.deepEqual(synonyms('abounding', 'a', ALL), ['galore']);
  assert.ok(synonyms('dreadful', 'a', ALL).includes('terrible'), 'synonyms("dreadful", "a", ALL).includes("terrible")');
});

test('maxSenses keeps only the first senses', () => {
  const one = synonyms('run', 'v', { maxSenses: 1, multiWord: false });
  const many = synonyms('run', 'v', { maxSenses: 20, multiWord: false });
  assert.ok(many.length > one.length, 'many.length > one.length');
  assert.deepEqual(many.slice(0, one.length), [...one]);
  assert.deepEqual(synonyms('movie', 'n', { maxSenses: 0, multiWord: false }), []);
});

test('unknown or odd lemmas give nothing', () => {
  for (const lemma of ['', ' ', 'qwertyuiopzz', 'movie filmz', '\\', '😀', 'toString', '__proto__']) {
    assert.deepEqual(synonyms(lemma, 'n', ALL), [], lemma);
  }
  assert.deepEqual(synonyms('movie', 'v', ALL), []);
});

test('known antonym pairs are never returned, in any sense or part of speech', () => {
  const pairs: [string, string][] = [
    ['good', 'bad'],
    ['hot', 'cold'],
    ['fast', 'slow'],
    ['love', 'hate'],
    ['happy', 'unhappy'],
    ['big', 'small'],
    ['strong', 'weak'],
    ['beautiful', 'ugly'],
  ];
  for (const [a, b] of pairs) {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      for (const pos of ['n', 'v', 'a', 'r'] as WordNetPos[]) {
        assert.ok(!synonyms(x, pos, ALL).includes(y), `${x} (${pos}) -> ${y}`);
      }
    }
  }
  // The same words do have synonyms, so the check above is not vacuous.
  assert.ok(synonyms('good', 'a', ALL).length > 10, 'synonyms("good", "a", ALL).length > 10');
  assert.ok(synonyms('hate', 'v', ALL).includes('detest'), 'synonyms("hate", "v", ALL).includes("detest")');
});

test('results are frozen and repeatable', () => {
  const a = synonyms('film', 'n', ONE);
  assert.ok(Object.isFrozen(a), 'Object.isFrozen(a)');
  assert.equal(synonyms('film', 'n', ONE), a);
});

test('capitalised noun senses mark words that may be names', () => {
  for (const w of ['John', 'paris', 'May']) assert.equal(hasCapitalisedNounSense(w), true, w);
  for (const w of ['terrible', 'movie', 'great', 'Boring', 'nonexistentword']) {
    assert.equal(hasCapitalisedNounSense(w), false, w);
  }
});

test('antonyms: direct pointers, and for adjectives the opposite cluster', () => {
  assert.deepEqual([...antonyms('love', 'v')], ['hate']);
  assert.ok(antonyms('good', 'a', false).has('bad'));
  assert.ok(!antonyms('good', 'a', false).has('awful'), 'direct only');
  assert.ok(antonyms('good', 'a').has('awful'), 'a satellite of the antonym "bad"');
  assert.ok(antonyms('speedy', 'a').has('slow'), "a satellite inherits its head's antonym");
  assert.ok(antonyms('up', 'r').has('down'));
});

test('members of other senses that WordNet sets against the lemma are dropped', () => {
  // "blessed" has an ironic sense ("blessed nuisance") whose members are the antonyms of its main sense.
  const raw = synonyms('blessed', 'a', { ...ALL, keepAntonyms: true });
  const kept = synonyms('blessed', 'a', ALL);
  assert.ok(raw.includes('damned') && !kept.includes('damned'), kept.join());
  // "early" -> "former" is in the cluster of "late", the antonym of "early".
  assert.ok(synonyms('early', 'a', { ...ONE, keepAntonyms: true }).includes('former'));
  assert.ok(!synonyms('early', 'a', ONE).includes('former'));
});

test('senses, glosses, related synsets and multi-word lemmas (for word-sense choice and fixed expressions)', () => {
  const funny = senseOffsetsOf('funny', 'a');
  assert.ok(funny.length >= 3);
  assert.ok(membersOf('a', funny[0]!).includes('amusing'));
  assert.match(synsetGloss('a', funny[0]!), /^arousing or provoking laughter; "an amusing film/);
  assert.ok(
    relatedSynsets('a', funny[0]!).some((r) => r.pos === 'n'),
    'derivations to nouns',
  );
  // `senses` keeps only the chosen senses.
  const only = synonyms('funny', 'a', { maxSenses: 3, multiWord: false, senses: [funny[1]!] });
  assert.ok(only.includes('odd') && !only.includes('amusing'), only.join());
  assert.ok(isWordNetLemma(['pay', 'for']) && isWordNetLemma(['go', 'home']) && isWordNetLemma(['High', 'School']));
  assert.ok(!isWordNetLemma(['good', 'film']));
});
