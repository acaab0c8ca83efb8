import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackText } from '../src/core/attack-text.js';
import type { PerturbContext } from '../src/core/perturbation.js';
import { rngFor } from '../src/core/rng.js';
import { winkAnalyzer } from '../src/nlp/wink-analyzer.js';
import { RARE_FILLERS } from './lib/rare-fillers.js';
import { frequencyRank } from './lib/word-frequency.js';
import { CITIES, FEMALE_NAMES, MALE_NAMES } from './lib/checklist-lists.js';
import { numberVariants, rareWord } from './rare-word.js';
import { synonym } from './synonym.js';

function setup(sentence: string, seed = 'seed-1'): { text: AttackText; ctx: PerturbContext } {
  const text = AttackText.fromString(sentence);
  const analysis = winkAnalyzer.analyze(text.words, text.seps);
  return { text, ctx: { analysis, rng: (key) => rngFor(`${seed}:example-1:${key}`) } };
}

const replaces = (c: AttackText) => c.lastEdit!.op.kind === 'replace';
const inserts = (c: AttackText) => c.lastEdit!.op.kind === 'insert';

test('replacements are the rarest synonyms, rarer than the word itself', () => {
  const { text, ctx } = setup('The acting was terrible and the movies were boring.');
  const p = rareWord();
  assert.equal(p.family, 'rare-word');
  assert.equal(p.granularity, 'word');
  for (const word of ['terrible', 'movies']) {
    const i = text.words.indexOf(word);
    const swaps = p
      .candidates(text, i, ctx)
      .filter(replaces)
      .map((c) => c.words[i]!);
    assert.ok(swaps.length >= 1 && swaps.length <= 2, `${word}: ${swaps.join()}`);
    for (const s of swaps) assert.ok(frequencyRank(s) > frequencyRank(word), `${s} rarer than ${word}`);
    assert.ok(frequencyRank(swaps[0]!) >= frequencyRank(swaps[swaps.length - 1]!), 'rarest first');
    // They come from the same checked synonym candidates the synonym family proposes (with every candidate allowed).
    const all = synonym({ maxCandidates: 1000 })
      .candidates(text, i, ctx)
      .map((c) => c.words[i]!);
    for (const s of swaps) assert.ok(all.includes(s), s);
    const rarestPossible = Math.max(...all.map(frequencyRank));
    assert.equal(frequencyRank(swaps[0]!), rarestPossible);
  }
  const terrible = text.words.indexOf('terrible');
  const edits = p.candidates(text, terrible, ctx).map((c) => c.lastEdit!.edit);
  assert.ok(
    edits.every((e) => e.family === 'rare-word' && e.position === terrible),
    'edits are rare-word edits at the word',
  );
});

test('maxReplacements and maxInserts bound the candidates', () => {
  const { text, ctx } = setup('the acting was terrible');
  const i = text.words.indexOf('terrible');
  const none = rareWord({ maxReplacements: 0, maxInserts: 0 }).candidates(text, i, ctx);
  assert.deepEqual(none, []);
  const many = rareWord({ maxReplacements: 5, maxInserts: 3 }).candidates(text, i, ctx);
  const few = rareWord({ maxReplacements: 1, maxInserts: 3 }).candidates(text, i, ctx);
  assert.ok(many.filter(replaces).length > 1 && few.filter(replaces).length === 1, `${many.filter(replaces).length}`);
  const fillers = many.filter(inserts).map((c) => c.words[i]!);
  assert.equal(new Set(fillers).size, 3);
});

test('inserts a curated filler before the word, the same one for the same word id', () => {
  const { text, ctx } = setup('the acting was terrible and the plot was thin');
  const p = rareWord();
  const i = text.words.indexOf('terrible');
  const ins = p.candidates(text, i, ctx).filter(inserts);
  assert.equal(ins.length, 1);
  const filler = ins[0]!.words[i]!;
  assert.ok(RARE_FILLERS.includes(filler), 'RARE_FILLERS.includes(filler)');
  assert.equal(ins[0]!.text, `the acting was ${filler} terrible and the plot was thin`);
  assert.deepEqual(ins[0]!.lastEdit!.edit, { family: 'rare-word', position: i, from: '', to: filler });
  // After another edit shifts indices, the same word still gets the same filler.
  const shifted = text.insertWord(0, 'verily', 'rare-word');
  const again = p.candidates(shifted, i + 1, ctx).filter(inserts);
  assert.equal(again[0]!.words[i + 1], filler);
  // Across positions and seeds the fillers vary.
  const chosen = new Set<string>();
  for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
    const s = setup('the acting was terrible and the plot was thin', seed);
    for (let k = 0; k < s.text.length; k++) {
      for (const c of p.candidates(s.text, k, s.ctx).filter(inserts)) chosen.add(c.words[k]!);
    }
  }
  assert.ok(chosen.size >= 6, `${chosen.size} distinct fillers`);
});

/** The words of `sentence` before which rare-word inserts a filler. */
function insertionPoints(sentence: string): string[] {
  const { text, ctx } = setup(sentence);
  const p = rareWord({ maxReplacements: 0 });
  return text.words.filter((_, k) => p.candidates(text, k, ctx).some(inserts));
}

test('fillers go only where an adverb can stand', () => {
  // Never between a preposition, determiner or adjective and its noun ("reacting to hereabouts humor").
  assert.deepEqual(insertionPoints('they kept reacting to humor'), ['they', 'kept']);
  assert.deepEqual(insertionPoints('he is the big loser'), ['he', 'is', 'the']);
  // After an auxiliary, between subject and verb, at a clause boundary, at a lower-case sentence start.
  assert.deepEqual(insertionPoints('the movie is good'), ['the', 'is', 'good']);
  assert.deepEqual(insertionPoints('it works, and the cast was great'), ['it', 'works', 'the', 'was', 'great']);
  const { text, ctx } = setup('the movie is good');
  const [good] = rareWord({ maxReplacements: 0 }).candidates(text, 3, ctx);
  assert.match(good!.text, /^the movie is [a-z]+ good$/);
});

test('no insertion before a capitalised sentence-initial word or inside a clitic', () => {
  const { text, ctx } = setup('The acting was bad. The plot, however, was fine. Really.');
  const p = rareWord();
  const allowed = text.words.filter((_, k) => p.candidates(text, k, ctx).some(inserts));
  assert.ok(!allowed.includes('The') && !allowed.includes('Really'), allowed.join());
  assert.ok(allowed.includes('was'), allowed.join());
  const lower = setup("it 's a charming journey");
  const atStart = p.candidates(lower.text, 0, lower.ctx).filter(inserts);
  assert.equal(atStart.length, 1);
  assert.match(atStart[0]!.text, /^[a-z]+ it 's a charming journey$/);
  assert.deepEqual(p.candidates(lower.text, lower.text.words.indexOf('s'), lower.ctx), []);
});

test('inserted words get fillers but no synonyms; function words get fillers only', () => {
  const { text, ctx } = setup('the acting was terrible');
  const withInsert = text.insertWord(1, 'forsooth', 'rare-word');
  const c = rareWord().candidates(withInsert, 1, ctx);
  assert.ok(c.every(inserts), 'c.every(inserts)');
  assert.ok(rareWord().candidates(text, 0, ctx).every(inserts), 'rareWord().candidates(text, 0, ctx).every(inserts)');
});

test('deterministic for the same seed', () => {
  const run = () => {
    const { text, ctx } = setup('Terrible acting, but I loved the movies and the ending.');
    return text.words.flatMap((_, k) =>
      rareWord()
        .candidates(text, k, ctx)
        .map((c) => c.text),
    );
  };
  const first = run();
  assert.ok(first.length > 5, 'first.length > 5');
  assert.deepEqual(run(), first);
});

test('fast after warm-up', () => {
  const { text, ctx } = setup('Terrible acting, but I loved the movies and the ending.');
  const p = rareWord();
  for (let k = 0; k < text.length; k++) p.candidates(text, k, ctx);
  const t = performance.now();
  const rounds = 200;
  for (let r = 0; r < rounds; r++) for (let k = 0; k < text.length; k++) p.candidates(text, k, ctx);
  const perCall = (performance.now() - t) / (rounds * text.length);
  console.log(`rareWord.candidates: ${(perCall * 1000).toFixed(1)} µs per call (warm)`);
  assert.ok(perCall < 1, `${perCall} ms per call`);
});

test('CheckList swaps are off by default', () => {
  const { text, ctx } = setup('Sarah flew from Paris to Chicago with 3 friends in 2019.');
  const p = rareWord({ maxInserts: 0 });
  for (const w of ['Sarah', 'Paris', 'Chicago', '3', '2019']) {
    assert.deepEqual(p.candidates(text, text.words.indexOf(w), ctx), [], w);
  }
});

test('CheckList swaps: names within their list, places by kind, numbers nearby in the same format', () => {
  const { text, ctx } = setup(
    'Sarah flew from Paris to Chicago with 3 friends in 2019, and Carlos paid 1,250 dollars.',
  );
  const p = rareWord({ maxInserts: 0, swapNames: true, swapPlaces: true, swapNumbers: true, maxSwaps: 3 });
  const to = (w: string) => p.candidates(text, text.words.indexOf(w), ctx).map((c) => c.words[text.words.indexOf(w)]!);
  const sarah = to('Sarah');
  assert.equal(sarah.length, 3);
  for (const n of sarah) assert.ok(FEMALE_NAMES.includes(n) && n !== 'Sarah', n);
  for (const n of to('Carlos')) assert.ok(MALE_NAMES.includes(n), n);
  for (const c of to('Paris')) assert.ok(CITIES.includes(c) && c !== 'Paris', c);
  for (const c of to('Chicago')) assert.ok(CITIES.includes(c), c);
  const three = to('3');
  assert.ok(three.length >= 1 && three.every((n) => /^\d$/.test(n) && Math.abs(Number(n) - 3) === 1), three.join());
  const year = to('2019');
  assert.ok(year.length === 3 && year.every((y) => /^\d{4}$/.test(y) && Math.abs(Number(y) - 2019) <= 10), year.join());
  // "1,250" is one number over two AttackText words: neither part is touched.
  assert.deepEqual(to('1'), []);
  assert.deepEqual(to('250'), []);
  // Deterministic per seed and word id.
  assert.deepEqual(to('Sarah'), sarah);
});

test('CheckList swaps leave multi-word places, common words and other tags alone', () => {
  const p = rareWord({ maxInserts: 0, maxReplacements: 0, swapNames: true, swapPlaces: true });
  const none = (sentence: string, word: string) => {
    const { text, ctx } = setup(sentence);
    assert.deepEqual(p.candidates(text, text.words.indexOf(word), ctx), [], `${word} in ${sentence}`);
  };
  none('We stayed in New Paris Hotel for a week.', 'Paris');
  none('I saw Paris Hilton there.', 'Paris');
  none('The paris of this story is odd.', 'paris');
  const { text, ctx } = setup('Paris is lovely in spring.');
  assert.equal(p.candidates(text, 0, ctx).length, 2, 'sentence-initial place');
});

test('numberVariants keeps digit count and zero padding', () => {
  const rng = rngFor('n');
  for (let k = 0; k < 50; k++) {
    for (const v of numberVariants('07', rng, 2)) assert.match(v, /^0\d$/);
    for (const v of numberVariants('99', rng, 2)) assert.match(v, /^\d\d$/);
    for (const v of numberVariants('0', rng, 2)) assert.equal(v, '1');
    for (const v of numberVariants('150', rng, 3)) assert.ok(Math.abs(Number(v) - 150) <= 30 && v !== '150', v);
  }
  assert.deepEqual(numberVariants('12a', rng, 2), []);
});

test('rare-word options are validated', () => {
  assert.throws(() => rareWord({ swapName: true } as never), /unknown option "swapName"/);
  assert.throws(() => rareWord({ maxSwaps: 0 }), /maxSwaps must be an integer >= 1/);
});

test('synonym replacements get the synonym checks (issue #14): sense in context, fixed expressions, real words', () => {
  const p = rareWord({ maxReplacements: 100 });
  const swapsOf = (sentence: string, word: string) => {
    const { text, ctx } = setup(sentence);
    const i = text.words.indexOf(word);
    return p
      .candidates(text, i, ctx)
      .filter(replaces)
      .map((c) => c.words[i]!);
  };
  const funny = swapsOf('the film is funny and warm', 'funny');
  for (const odd of ['odd', 'peculiar', 'queer', 'rum', 'rummy', 'singular', 'curious'])
    assert.ok(!funny.includes(odd), funny.join());
  assert.deepEqual(swapsOf('this is a must!', 'must'), []);
  assert.deepEqual(swapsOf('you will pay for the tickets', 'pay'), []);
  assert.ok(!swapsOf('Kudos to the cast', 'Kudos').includes('extolment'));
});
