import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import type { WinkMethods } from 'wink-nlp';
import { sharedDataset } from '../testing/cli.js';
import { load, loadWink } from './wink.js';
import { statelessWink } from './wink-stateless.js';

/** Everything the analyzer reads from a document: tokens, tags, lemmas, sentences, entities. */
function view(nlp: WinkMethods, text: string): string {
  const doc = nlp.readDoc(text);
  const its = nlp.its;
  return JSON.stringify([
    doc.tokens().out(),
    doc.tokens().out(its.pos),
    doc.tokens().out(its.lemma as never),
    doc.sentences().out(),
    doc.entities().out(its.detail),
  ]);
}

const USD_FIRST = 'The market value of one crane is some USD6m , reported the Finnish news agency STT .';
const USD_LATER = 'Sales rose to USD 5 million .';

test('a text reads the same after any history: "USD6m" no longer changes how a later "USD" is tagged', () => {
  const fresh = view(load(['sbd', 'pos']), USD_LATER);
  const afterward = load(['sbd', 'pos']);
  afterward.readDoc(USD_FIRST);
  assert.equal(view(afterward, USD_LATER), fresh);
});

test('the order in which an instance reads texts, and when it takes out what it added, change none of them', () => {
  // The first 1,500 lines of PhraseBank and AG News: "USD" as currency and alone, "world's" split or kept whole, words
  // met again with another case or category (wink's lexeme cache). The third instance takes out everything it added
  // whenever a table has grown by a few dozen entries, so it reads most texts right after such a reset.
  const texts = ['financial-phrasebank-50agree.jsonl', 'ag-news-test.jsonl'].flatMap((f) =>
    readFileSync(sharedDataset(f), 'utf8')
      .trim()
      .split('\n')
      .slice(0, 1500)
      .map((line) => (JSON.parse(line) as { text: string }).text),
  );
  const forward = load();
  const inOrder = texts.map((t) => view(forward, t));
  const backward = load();
  const reversed = texts.map((_, i) => texts.length - 1 - i).map((i) => [i, view(backward, texts[i]!)] as const);
  assert.deepEqual(
    reversed.filter(([i, v]) => v !== inOrder[i]).map(([i]) => texts[i]),
    [],
  );
  const resetting = statelessWink(loadWink(), { lexeme: 40, prefix: 10, suffix: 20, shape: 10 });
  assert.deepEqual(
    texts.filter((t, i) => view(resetting, t) !== inOrder[i]),
    [],
  );
});

test('each text reads as a fresh instance of the installed wink-nlp reads it (the trimmed cache is right)', () => {
  // Each text adds new words, prefixes, suffixes and shapes, whose indices the next text reuses: a property left behind
  // or read from the wrong place shows as another token, tag or lemma.
  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp') as typeof import('wink-nlp').default;
  const model = require('wink-eng-lite-web-model') as Parameters<typeof winkNLP>[0];
  const nlp = load(['sbd', 'pos']);
  const texts = Array.from(
    { length: 12 },
    (_, i) => `Qzx${i}vor bought ${i * 7}Kfl of Wrexbit${12 - i} for USD${i}m .`,
  );
  for (const text of texts) assert.equal(view(nlp, text), view(winkNLP(model, ['sbd', 'pos']), text), text);
});

test('an unknown word met again in a later text is reused, not added again, whatever its case', () => {
  // Reuse is what keeps the reset cheap: a typo or a name the search meets in hundreds of candidate texts is analysed
  // once. Capitalised words matter most: their lower-case normal form is added with them.
  const loaded = loadWink(['sbd', 'pos']);
  const nlp = statelessWink(loaded);
  const lexemes = () => loaded.core.features.lexeme.list.length;
  const text = 'Aspocomp and qzxvor sold Wrexbit shares to KEMIDRA in Xyloria .';
  const other = 'Prices fell .';
  nlp.readDoc(text);
  nlp.readDoc(other);
  const added = lexemes();
  for (let i = 0; i < 5; i++) {
    nlp.readDoc(other);
    nlp.readDoc(text);
  }
  assert.equal(lexemes(), added);
});

test('what readDoc adds is taken out once a table has grown past its cap (no index outgrows its field)', () => {
  const loaded = loadWink(['sbd', 'pos']);
  const caps = { lexeme: 300, prefix: 50, suffix: 300, shape: 50 };
  const nlp = statelessWink(loaded, caps);
  const { features } = loaded.core;
  const names = ['lexeme', 'prefix', 'suffix', 'shape'] as const;
  const before = names.map((name) => features[name].list.length);
  const perLexeme = () => loaded.cache.extrinsicLength() / (features.lexeme.list.length - before[0]!);
  // Each text brings new words, prefixes, suffixes and shapes; wink's fields hold 8,191 prefixes (maxIndex).
  let resets = 0;
  for (let i = 0; i < 3000; i++) {
    const grown = features.lexeme.list.length;
    nlp.readDoc(`Zq${i}xv Wrk${i}bb qq${i}-Tt ${'Q'.repeat(1 + (i % 40))}${i}`);
    if (features.lexeme.list.length < grown) resets++;
    for (const [k, name] of names.entries())
      assert.ok(features[name].list.length - before[k]! <= caps[name] + 10, name);
    // The cache holds the properties of exactly the added words (wink packs 2 + 3 numbers per word).
    assert.equal(perLexeme(), 5);
  }
  assert.ok(resets >= 10, `${resets} resets`);
});

test('learning custom entities is refused (later texts would silently not see what was learnt)', () => {
  assert.throws(
    () => load(['sbd', 'pos']).learnCustomEntities([{ name: 'x', patterns: ['[PROPN]'] }]),
    /not supported/,
  );
});
