import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackText } from '../src/core/attack-text.js';
import type { TextAnalysis } from '../src/core/analysis.js';
import type { PerturbContext } from '../src/core/perturbation.js';
import { rngFor } from '../src/core/rng.js';
import { wink } from '../src/nlp/wink.js';
import { reorder } from './reorder.js';

/** Real wink POS tags aligned to AttackText words (test sentences avoid contractions, so tokens align 1:1). */
function tagged(text: AttackText): PerturbContext {
  const nlp = wink();
  const doc = nlp.readDoc(text.text);
  const tokens = doc.tokens().out();
  const pos = doc.tokens().out(nlp.its.pos);
  const words = tokens.flatMap((w, k) =>
    /[\p{L}\p{N}]/u.test(w) ? [{ pos: pos[k]!, lemma: w.toLowerCase(), entity: false }] : [],
  );
  assert.equal(words.length, text.length, `tokens do not align for: ${text.text}`);
  const analysis: TextAnalysis = { words };
  return { analysis, rng: (key) => rngFor(key) };
}

const untagged: PerturbContext = { analysis: { words: [] }, rng: (key) => rngFor(key) };

function texts(s: string, index: number, ctx?: PerturbContext, p = reorder()): string[] {
  const t = AttackText.fromString(s);
  return p.candidates(t, index, ctx ?? tagged(t)).map((c) => c.text);
}

/** Every candidate anywhere in the text, minus adjacent-word swaps. */
function blockSwaps(s: string, ctx?: (t: AttackText) => PerturbContext): string[] {
  const t = AttackText.fromString(s);
  const p = reorder({ adjacentWords: false, coordinatedWords: false });
  const c = (ctx ?? tagged)(t);
  return t.words.flatMap((_, i) => p.candidates(t, i, c).map((x) => x.text));
}

test('family and granularity', () => {
  const p = reorder();
  assert.equal(p.family, 'reorder');
  assert.equal(p.granularity, 'sentence');
});

test('clauses swap around a symmetric coordinator that stays in place', () => {
  const s = 'the food was great and the service was slow';
  assert.deepEqual(texts(s, 0), ['the service was slow and the food was great']);
  assert.deepEqual(blockSwaps(s), ['the service was slow and the food was great']);
  assert.deepEqual(
    blockSwaps(s, () => untagged),
    ['the service was slow and the food was great'],
  );
  assert.deepEqual(blockSwaps('The food was great, and the service was slow.'), [
    'The service was slow, and the food was great.',
  ]);
  assert.deepEqual(blockSwaps('You can stream it or you can buy the disc.'), [
    'You can buy the disc or you can stream it.',
  ]);
});

test('clauses never swap around but, yet, while or whereas: the swap moves what the sentence says', () => {
  // "X but Y" puts the weight on Y: swapped, a review's verdict changes.
  assert.deepEqual(blockSwaps('the food was great but the service was slow'), []);
  assert.deepEqual(
    blockSwaps('the food was great but the service was slow', () => untagged),
    [],
  );
  assert.deepEqual(blockSwaps('The food was great, but the service was slow.'), []);
  assert.deepEqual(blockSwaps('The plot is thin, yet the jokes land.'), []);
  assert.deepEqual(blockSwaps('The staff were friendly while we waited.'), []);
  assert.deepEqual(blockSwaps('The first half drags whereas the second half flies.'), []);
});

test('across a bare comma both sides must be clauses with a subject', () => {
  assert.deepEqual(blockSwaps('Escaping the studio, the actor is warmly affecting.'), []); // fronted phrase
  assert.deepEqual(blockSwaps('The acting is good, the plot is thin.'), ['The plot is thin, the acting is good.']);
});

test('a fronted subordinate clause moves behind the main clause with its conjunction', () => {
  assert.ok(texts('Although it was cheap, the food was bad.', 0).includes('The food was bad, although it was cheap.'));
  assert.deepEqual(blockSwaps('The food was bad, although it was cheap.'), [
    'Although it was cheap, the food was bad.',
  ]);
  assert.deepEqual(blockSwaps('We left early, because the music was loud.'), [
    'Because the music was loud, we left early.',
  ]);
});

test('does not split phrases, causal or sequential links', () => {
  assert.deepEqual(blockSwaps('the food and the service were bad'), []);
  assert.deepEqual(
    blockSwaps('the food and the service were bad', () => untagged),
    [],
  );
  assert.deepEqual(blockSwaps('it was cheap so we ordered more'), []);
  assert.deepEqual(blockSwaps('we left because it was late'), []);
  assert.deepEqual(blockSwaps('I waited for a while and then left.'), []);
  assert.deepEqual(blockSwaps('I saw the film, which was great.'), []);
  assert.deepEqual(blockSwaps('the emotions are raw and will strike a nerve with anyone'), []); // shared subject
  assert.deepEqual(blockSwaps('you never know when humor ends and tragedy begins'), []); // inside a subordinate clause
  assert.deepEqual(blockSwaps('the plot is thin, is it not'), []); // bare predicate
  // Two nouns joined inside relative clauses (the validity review's invalid reorder of SST-2 dev 109).
  assert.deepEqual(blockSwaps("it 's great fun that recreates a place and time that will never happen again ."), []);
  // A phrase-level "and" inside a clause does not stop the clause-level swap.
  assert.deepEqual(blockSwaps('It is not yet clear, and the food and the service were bad.'), [
    'The food and the service were bad, and it is not yet clear.',
  ]);
});

test('a trailing verbless phrase travels with its clause', () => {
  assert.deepEqual(blockSwaps('Profit rose to 20 million, and net sales totaled 103 million, up from 96 million.'), [
    'Net sales totaled 103 million, up from 96 million, and profit rose to 20 million.',
  ]);
});

test('sentences swap with the next one when they end alike', () => {
  const s = 'The food was great. The service was slow. Would I return?';
  const at0 = texts(s, 0, undefined, reorder({ adjacentWords: false, clauses: false }));
  assert.deepEqual(at0, ['The service was slow. The food was great. Would I return?']);
  assert.deepEqual(texts(s, 4, undefined, reorder({ adjacentWords: false, clauses: false })), []); // "." vs "?"
  // not a sentence start
  assert.deepEqual(texts(s, 1, undefined, reorder({ adjacentWords: false, clauses: false })), []);
  // Decimals and abbreviations are not boundaries.
  assert.deepEqual(
    blockSwaps('Mr. Smith gave it 3.5 stars. We left.', () => untagged),
    ['We left. Mr. Smith gave it 3.5 stars.'],
  );
});

/** Every candidate anywhere in the text with the given options, clause and sentence swaps off. */
function wordSwaps(s: string, options: Parameters<typeof reorder>[0] = {}): string[] {
  const t = AttackText.fromString(s);
  const p = reorder({ clauses: false, sentences: false, ...options });
  const ctx = tagged(t);
  return t.words.flatMap((_, i) => p.candidates(t, i, ctx).map((x) => x.text));
}

test('by default adjacent words swap only inside a coordinated list', () => {
  // Judged unnatural: an adjective moved behind its noun, two stacked modifiers traded.
  assert.deepEqual(wordSwaps('He is the big loser here.'), []);
  assert.deepEqual(wordSwaps('a typical romantic comedy'), []);
  assert.deepEqual(wordSwaps('Highly recommended product'), []);
  // Two words of one list, joined by "and"/"or" or by a comma in a list that goes on.
  assert.deepEqual(wordSwaps('The app is fast, simple and genuinely useful.'), [
    'The app is simple, fast and genuinely useful.',
  ]);
  assert.deepEqual(wordSwaps('The film is funny and warm.'), ['The film is warm and funny.']);
  assert.deepEqual(wordSwaps('a slow, dull movie'), ['a dull, slow movie']);
  assert.deepEqual(wordSwaps('I found it funny and warm, and never dull.'), [
    'I found it warm and funny, and never dull.',
  ]);
  // Different POS, a comma that ends a fronted phrase, a modifier that would change its noun, a negation.
  assert.deepEqual(wordSwaps('The film is funny and really warm.'), []);
  assert.deepEqual(wordSwaps('After the movie, dinner was late.'), []);
  assert.deepEqual(wordSwaps('great acting and story'), []);
  assert.deepEqual(wordSwaps('the acting and story line'), []);
  assert.deepEqual(wordSwaps('It is not funny and warm.'), []);
  assert.deepEqual(wordSwaps('The film is funny and warm.', { coordinatedWords: false }), []);
});

test('opt-in adjacentWords: swaps inside a phrase, never around numbers', () => {
  const p = reorder({ adjacentWords: true, coordinatedWords: false });
  assert.deepEqual(texts('It cost 20 dollars', 1, undefined, p), []);
  assert.deepEqual(texts('It cost 20 dollars', 2, undefined, p), []);
  assert.deepEqual(texts('It cost 20 dollars', 0, undefined, p), []); // "It" is a stopword
  assert.deepEqual(texts('Highly recommended product', 0, undefined, p), ['Recommended highly product']);
  assert.deepEqual(texts('great, but slow', 0, undefined, p), []);
  assert.deepEqual(texts('truly truly good', 0, undefined, p), []); // would not change the text
  assert.deepEqual(texts('truly truly good', 1, undefined, p), ['truly good truly']);
  assert.deepEqual(texts('the food was good', 2, undefined, p), []); // only content words swap
});

test('edit bookkeeping: words move, nothing changes, cost 2', () => {
  const t = AttackText.fromString('the food was great and the service was slow');
  const [clause] = reorder().candidates(t, 0, tagged(t));
  const last = clause!.lastEdit!;
  assert.equal(last.edit.family, 'reorder');
  assert.deepEqual(last.changed, []);
  assert.deepEqual(
    [...last.moved].sort((a, b) => a - b),
    [0, 1, 2, 3, 5, 6, 7, 8],
  );
  assert.equal(clause!.cost, 2);
});

test('blocks with inserted words, brackets or quotes are not moved', () => {
  const t = AttackText.fromString('the food was great and the service was slow');
  const ctx = tagged(t);
  const inserted = t.insertWord(1, 'zesty', 'rare-word');
  const p = reorder();
  assert.deepEqual(
    p.candidates(inserted, 0, ctx).map((c) => c.text),
    [],
  );
  assert.deepEqual(
    blockSwaps('the food was great (really) but the service was slow', () => untagged),
    [],
  );
  assert.deepEqual(
    blockSwaps('he said "great" and we all left happy', () => untagged),
    [],
  );
});

test('deterministic and never returns the input text', () => {
  const s = 'The food was great, and the staff were friendly while we waited. Prices were high. Staff were kind.';
  const t = AttackText.fromString(s);
  const ctx = tagged(t);
  const run = () =>
    t.words.flatMap((_, i) =>
      reorder()
        .candidates(t, i, ctx)
        .map((c) => c.text),
    );
  const a = run();
  assert.deepEqual(a, run());
  assert.ok(
    a.includes('Prices were high. The food was great, and the staff were friendly while we waited. Staff were kind.'),
  );
  assert.ok(
    !a.includes('The food was great, and we waited while the staff were friendly. Prices were high. Staff were kind.'),
  );
  assert.ok(!a.includes(s));
  assert.equal(new Set(a).size, a.length);
});

test('reorder: adjacent swaps never move a negation', async () => {
  const { AttackText: T } = await import('../src/core/attack-text.js');
  const { winkAnalyzer } = await import('../src/nlp/wink-analyzer.js');
  const { rngFor } = await import('../src/core/rng.js');
  const t = T.fromString("The dull plot was not interesting and I didn't laugh.");
  const ctx = { analysis: winkAnalyzer.analyze(t.words, t.seps), rng: (k: string) => rngFor(k) };
  const p = reorder({ clauses: false, sentences: false, adjacentWords: true });
  const texts = t.words.flatMap((_, i) => p.candidates(t, i, ctx).map((c) => c.text));
  assert.ok(texts.includes("The plot not was interesting and I didn't laugh.") === false, 'moved "not"');
  for (const x of texts) {
    assert.ok(x.includes('not interesting'), `negation moved: ${x}`);
    assert.ok(x.includes("didn't laugh"), `negation moved: ${x}`);
  }
  assert.ok(texts.length > 0, 'other adjacent swaps remain');
});

test('reorder: instruction list items swap, their bullets stay in place', async () => {
  const { winkAnalyzer } = await import('../src/nlp/wink-analyzer.js');
  const t = AttackText.fromString('Classify the review.\n- Answer in one word\n- Use lower case\nText: good');
  const ctx = { analysis: winkAnalyzer.analyze(t.words, t.seps), rng: (k: string) => rngFor(k) };
  const texts = reorder({ adjacentWords: false, clauses: false })
    .candidates(t, 3, ctx)
    .map((c) => c.text);
  assert.deepEqual(texts, ['Classify the review.\n- Use lower case\n- Answer in one word\nText: good']);
});

test('a replacement reuses its parent clause split only when the split would come out the same', () => {
  const p = reorder({ adjacentWords: false });
  for (const s of [
    'The food was great but the service was slow, and the room was cold.',
    'We wanted to stay longer, yet the hotel which we booked was full.',
  ]) {
    const parent = AttackText.fromString(s);
    const ctx = tagged(parent);
    // Fill the parent's split cache, as a search does before expanding children.
    for (let i = 0; i < parent.length; i++) p.candidates(parent, i, ctx);
    for (let k = 0; k < parent.length; k++) {
      for (const to of ['xx', 'and', 'but', 'to', 'which', 'so']) {
        const child = parent.replaceWord(k, to, 'test');
        const fresh = AttackText.fromString(child.text);
        for (let i = 0; i < child.length; i++) {
          assert.deepEqual(
            p.candidates(child, i, ctx).map((c) => c.text),
            p.candidates(fresh, i, ctx).map((c) => c.text),
            `${child.text} at ${i}`,
          );
        }
      }
    }
  }
});
