import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackText } from '../core/attack-text.js';
import { sst2DevVariants } from '../testing/text-variants.js';
import { wink } from './wink.js';
import { analyzerOver, tagWords, winkAnalyzer } from './wink-analyzer.js';

function analyse(text: string) {
  const t = AttackText.fromString(text);
  const words = winkAnalyzer.analyze(t.words, t.seps).words;
  assert.equal(words.length, t.words.length, `one WordInfo per word for ${JSON.stringify(text)}`);
  const at = (word: string) => {
    const k = t.words.indexOf(word);
    assert.ok(k >= 0, `word ${word} in ${JSON.stringify(text)}`);
    return words[k]!;
  };
  return { t, words, at };
}

test('POS and lower-cased lemmas are aligned to our words', () => {
  const { at } = analyse('I think the movies were 3 good films, and he ran home.');
  assert.deepEqual(at('movies'), { pos: 'NOUN', lemma: 'movie', entity: false, form: 'movies' });
  assert.deepEqual(at('films'), { pos: 'NOUN', lemma: 'film', entity: false, form: 'films' });
  assert.equal(at('good').pos, 'ADJ');
  assert.equal(at('think').pos, 'VERB');
  assert.equal(at('ran').lemma, 'run');
  assert.equal(at('the').pos, 'DET');
  assert.equal(at('I').lemma, 'i');
});

test("a word wink splits keeps itself as lemma and the first token's POS", () => {
  const { at } = analyse("I don't like it");
  assert.equal(at("don't").lemma, "don't");
  assert.equal(at("don't").pos, 'AUX');
  assert.equal(at('like').pos, 'VERB');
});

test('numbers, dates and URLs are entities; words inside a URL keep their own text as lemma', () => {
  const { t, words, at } = analyse('Visit http://x.com on 12 May 2020 with 3 friends');
  assert.equal(at('3').entity, true);
  assert.equal(at('May').entity, true);
  assert.equal(at('2020').entity, true);
  assert.equal(at('friends').entity, false);
  assert.equal(at('Visit').entity, false);
  const x = t.words.indexOf('x');
  assert.deepEqual([words[x]!.entity, words[x]!.lemma], [true, 'x']);
});

test('offsets survive irregular whitespace, tabs, newlines and no-break spaces', () => {
  const { at } = analyse('  \t\n The  acting\u00a0was \t terrible.\n\nI  loved\tthe movies');
  assert.equal(at('acting').pos, 'NOUN');
  assert.equal(at('terrible').pos, 'ADJ');
  assert.equal(at('movies').lemma, 'movie');
  assert.equal(at('loved').lemma, 'love');
});

test('capitalised sentence-initial and shouted words are not left as PROPN', () => {
  assert.equal(analyse('Terrible acting, awful plot.').at('Terrible').pos, 'ADJ');
  assert.equal(analyse('The plot was fine. Boring ending though.').at('Boring').pos, 'ADJ');
  assert.equal(analyse('"Beautiful" film').at('Beautiful').pos, 'ADJ');
  const shouted = analyse('The acting was TERRIBLE');
  assert.deepEqual(shouted.at('TERRIBLE'), { pos: 'ADJ', lemma: 'terrible', entity: false, form: 'terrible' });
  // A capitalised word mid-sentence is taken as a name.
  assert.equal(analyse('We watched it with Steven yesterday').at('Steven').pos, 'PROPN');
});

test('never throws on any text, and always returns one fact per word', () => {
  const texts = [
    '',
    '   ',
    '...!!!',
    'Sepp+ñl+ñ \\ 😀 emoji 👍🏽 ok',
    'back\\slash \\n \\\\ end\\',
    'naïve café — “quoted” İstanbul ﬁne e\u0301t\u00e9 zero\u200bwidth',
    'Ã©tÃ© mojibake Ã¼ber â€™',
    '\u0000\u0001 control \uFFFD replacement \uD800 lone surrogate',
    `${'🙂'.repeat(50)} word`,
    'a '.repeat(3000),
  ];
  for (const text of texts) {
    const t = AttackText.fromString(text);
    const words = winkAnalyzer.analyze(t.words, t.seps).words;
    assert.equal(words.length, t.words.length, JSON.stringify(text).slice(0, 40));
    for (const w of words) {
      assert.equal(typeof w.pos, 'string');
      assert.equal(w.lemma, w.lemma.toLowerCase());
    }
  }
  // Inconsistent input (too few separators) still gets an answer.
  assert.equal(winkAnalyzer.analyze(['good', 'film'], []).words.length, 2);
  assert.deepEqual(winkAnalyzer.analyze([], []).words, []);
});

test("tagWords: the POS-only pipeline gives the analyzer's tags, on SST-2 dev in eight variants", () => {
  const texts = sst2DevVariants();
  // Irregular spacing and a word wink splits, as AttackText keeps them.
  texts.push("I  don't\tlike   IT , Mr. Smith", ' May 2020 was GREAT\n', 'It was fine. Terrible acting, though.');
  for (const text of texts) {
    const t = AttackText.fromString(text);
    const expected = winkAnalyzer.analyze(t.words, t.seps).words.map((w) => w.pos);
    assert.deepEqual(tagWords(t.words, t.seps), expected, text);
  }
});

test('a wink that cannot load is an error; only a text wink cannot read falls back to unknown facts', () => {
  // A swallowed load error once left campaigns with typos alone while their summaries listed the synonym checks.
  const t = AttackText.fromString('a good film');
  const broken = analyzerOver(() => {
    throw new Error('wink-nlp did not load the core model');
  });
  assert.throws(() => broken.analyze(t.words, t.seps), /did not load/);
  const unreadable = {
    ...wink(),
    readDoc: (): never => {
      throw new Error('an odd text');
    },
  };
  const odd = analyzerOver(() => ({ nlp: unreadable, full: true }));
  assert.deepEqual(
    odd.analyze(t.words, t.seps).words.map((w) => w.pos),
    ['X', 'X', 'X'],
  );
});
