import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WinkMethods } from 'wink-nlp';
import { sst2DevVariants } from '../testing/text-variants.js';
import { load, wink } from './wink.js';

/** Everything the analyzer reads from a document: tokens, spacing, tags, lemmas, entity and sentence spans. */
function analyzerFacts(nlp: WinkMethods, text: string): string {
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  return JSON.stringify([
    tokens.out(its.value),
    tokens.out(its.precedingSpaces),
    tokens.out(its.pos),
    tokens.out(its.lemma as never),
    doc.entities().out(its.span),
    doc.sentences().out(its.span),
  ]);
}

test("wink: the analyzer's pipeline reads what the default one does (SST-2 dev, 8 variants, also lower-cased)", () => {
  const lean = wink();
  const everything = load();
  const texts = sst2DevVariants();
  texts.push('Call me on May 3, 2020 at 10 am, or mail x@y.org: 50% off!', 'Dr. Smith left. He said "no".');
  for (const text of texts) {
    for (const t of [text, text.toLowerCase()]) assert.equal(analyzerFacts(lean, t), analyzerFacts(everything, t), t);
  }
});
