import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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

test('the order in which an instance reads texts changes none of them (PhraseBank, AG News)', () => {
  // The first 1,500 lines of each: "USD" as currency and alone, "world's" split or kept whole (wink's lexeme cache).
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
  const differ = reversed.filter(([i, v]) => v !== inOrder[i]).map(([i]) => texts[i]);
  assert.deepEqual(differ, []);
});

test('an instance loaded again after many new words reads as a fresh one (and loading many does not fail)', () => {
  // At most 10 added lexemes per instance: each text below adds 4 to 6, so the instance is loaded again every other
  // text or so. With the fresh instances it is compared with, a thread loads wink ~60 times (the model's loader failed
  // at about the twentieth before its meta model was kept).
  let loads = 0;
  const nlp = statelessWink(() => {
    loads++;
    return loadWink(['sbd', 'pos']);
  }, 10);
  const texts = Array.from({ length: 40 }, (_, i) => `Qzx${i}vor bought ${i * 7}Kfl of Wrexbit${i} for USD${i}m .`);
  for (const text of texts) assert.equal(view(nlp, text), view(loadWink(['sbd', 'pos']).nlp, text), text);
  assert.ok(loads >= 15, `${loads} loads`);
});

test('the tables readDoc grows are back to their loaded size before each text (no index outgrows its field)', () => {
  let loaded: ReturnType<typeof loadWink> | undefined;
  const nlp = statelessWink(() => (loaded = loadWink(['sbd', 'pos'])));
  const { features } = loaded!.core;
  const sizes = () => (['prefix', 'suffix', 'shape'] as const).map((name) => features[name].list.length);
  const before = sizes();
  const lexemes = Object.keys(features.lexeme.hash).length;
  // Each text brings new words, prefixes, suffixes and shapes; wink's fields hold 8,191 prefixes (maxIndex).
  for (let i = 0; i < 3000; i++) nlp.readDoc(`Zq${i}xv Wrk${i}bb qq${i}-Tt`);
  nlp.readDoc('the end');
  assert.deepEqual(sizes(), before);
  assert.equal(Object.keys(features.lexeme.hash).length, lexemes);
});

test('learning custom entities is refused (a reload or the reset would silently drop what was learnt)', () => {
  assert.throws(
    () => load(['sbd', 'pos']).learnCustomEntities([{ name: 'x', patterns: ['[PROPN]'] }]),
    /not supported/,
  );
});
