import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectForm, inflect, matchCase } from './inflect.js';

test("nouns: plural detected from the lemma and re-applied with natural's inflector", () => {
  assert.equal(detectForm('movies', 'movie', 'n'), 'plural');
  assert.equal(detectForm('children', 'child', 'n'), 'plural');
  assert.equal(detectForm('movie', 'movie', 'n'), 'base');
  assert.equal(detectForm('Movies', 'movie', 'n'), 'plural');
  assert.equal(inflect('film', 'plural', 'n'), 'films');
  assert.equal(inflect('story', 'plural', 'n'), 'stories');
  assert.equal(inflect('child', 'plural', 'n'), 'children');
  assert.equal(inflect('motion picture', 'plural', 'n'), 'motion pictures');
  assert.equal(inflect('film', 'base', 'n'), 'film');
  assert.equal(inflect('film', 'past', 'n'), null);
});

test('verbs: regular -s, -ed and -ing with spelling rules', () => {
  assert.equal(detectForm('loved', 'love', 'v'), 'past-or-participle');
  assert.equal(detectForm('loves', 'love', 'v'), 'third-person');
  assert.equal(detectForm('loving', 'love', 'v'), 'ing');
  assert.equal(detectForm('stopped', 'stop', 'v'), 'past-or-participle');
  assert.equal(detectForm('love', 'love', 'v'), 'base');
  const cases: [string, string, string, string][] = [
    // base, -s, -ed, -ing
    ['adore', 'adores', 'adored', 'adoring'],
    ['stop', 'stops', 'stopped', 'stopping'],
    ['admit', 'admits', 'admitted', 'admitting'],
    ['visit', 'visits', 'visited', 'visiting'],
    ['open', 'opens', 'opened', 'opening'],
    ['carry', 'carries', 'carried', 'carrying'],
    ['play', 'plays', 'played', 'playing'],
    ['watch', 'watches', 'watched', 'watching'],
    ['fix', 'fixes', 'fixed', 'fixing'],
    ['echo', 'echoes', 'echoed', 'echoing'],
    ['die', 'dies', 'died', 'dying'],
    ['see', 'sees', 'saw', 'seeing'],
    ['panic', 'panics', 'panicked', 'panicking'],
  ];
  for (const [base, s, ed, ing] of cases) {
    assert.equal(inflect(base, 'third-person', 'v'), s, base);
    assert.equal(inflect(base, 'past', 'v'), ed, base);
    assert.equal(inflect(base, 'ing', 'v'), ing, base);
  }
  assert.equal(inflect('take off', 'past', 'v'), 'took off');
  assert.equal(inflect('go', 'third-person', 'v'), 'goes');
  assert.equal(inflect('have', 'third-person', 'v'), 'has');
});

test('verbs: irregular forms are used when known, and ambiguity drops the candidate', () => {
  assert.equal(detectForm('ran', 'run', 'v'), 'past');
  assert.equal(detectForm('taken', 'take', 'v'), 'participle');
  assert.equal(detectForm('made', 'make', 'v'), 'past-or-participle');
  assert.equal(detectForm('understood', 'understand', 'v'), 'past-or-participle');
  assert.equal(detectForm('rewrote', 'rewrite', 'v'), 'past');
  assert.equal(inflect('go', 'past', 'v'), 'went');
  assert.equal(inflect('go', 'participle', 'v'), 'gone');
  assert.equal(inflect('make', 'past-or-participle', 'v'), 'made');
  // "loved" may be past or participle; "took"/"taken" differ, so "take" cannot stand in reliably.
  assert.equal(inflect('take', 'past-or-participle', 'v'), null);
  assert.equal(inflect('go', 'past-or-participle', 'v'), null);
  assert.equal(inflect('overtake', 'past', 'v'), 'overtook');
  assert.equal(inflect('unwind', 'past', 'v'), 'unwound');
  assert.equal(inflect('relay', 'past', 'v'), 'relayed');
  assert.equal(inflect('behave', 'past', 'v'), 'behaved');
  // An irregular form the table does not know is not guessed.
  assert.equal(detectForm('slew', 'slay', 'v'), 'past');
  assert.equal(detectForm('wrought', 'work', 'v'), null);
});

test('adjectives: -er/-est for short adjectives only', () => {
  assert.equal(detectForm('bigger', 'big', 'a'), 'comparative');
  assert.equal(detectForm('happiest', 'happy', 'a'), 'superlative');
  assert.equal(detectForm('better', 'good', 'a'), 'comparative');
  assert.equal(detectForm('worst', 'bad', 'a'), 'superlative');
  assert.equal(inflect('big', 'comparative', 'a'), 'bigger');
  assert.equal(inflect('fast', 'comparative', 'a'), 'faster');
  assert.equal(inflect('nice', 'superlative', 'a'), 'nicest');
  assert.equal(inflect('happy', 'comparative', 'a'), 'happier');
  assert.equal(inflect('new', 'comparative', 'a'), 'newer');
  assert.equal(inflect('good', 'superlative', 'a'), 'best');
  assert.equal(inflect('awful', 'comparative', 'a'), null);
  assert.equal(inflect('dreadful', 'superlative', 'a'), null);
  assert.equal(inflect('well known', 'comparative', 'a'), null);
  assert.equal(inflect('awful', 'base', 'a'), 'awful');
});

test('adverbs are only replaced in their base form', () => {
  assert.equal(detectForm('often', 'often', 'r'), 'base');
  assert.equal(detectForm('faster', 'fast', 'r'), null);
  assert.equal(inflect('frequently', 'comparative', 'r'), null);
});

test('matchCase keeps lower, Title and UPPER case', () => {
  assert.equal(matchCase('terrible', 'Awful'), 'awful');
  assert.equal(matchCase('Terrible', 'awful'), 'Awful');
  assert.equal(matchCase('TERRIBLE', 'awful'), 'AWFUL');
  assert.equal(matchCase('Terrible', 'motion picture'), 'Motion picture');
  assert.equal(matchCase('I', 'me'), 'Me');
  assert.equal(matchCase('A', 'one'), 'One');
  assert.equal(matchCase('iPhone', 'phone'), 'phone');
  assert.equal(matchCase('Über', 'super'), 'Super');
  assert.equal(matchCase('ÉTÉ', 'summer'), 'SUMMER');
});

test('verbs stressed on a final -l double it: "fulfil" -> "fulfilling", never "fulfiling" (issue #14)', () => {
  assert.equal(inflect('fulfil', 'ing', 'v'), 'fulfilling');
  assert.equal(inflect('fulfil', 'past', 'v'), 'fulfilled');
  assert.equal(inflect('instil', 'ing', 'v'), 'instilling');
  assert.equal(inflect('extol', 'past', 'v'), 'extolled');
  // Stress on the first syllable keeps one consonant.
  assert.equal(inflect('visit', 'ing', 'v'), 'visiting');
});
