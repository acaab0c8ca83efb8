import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackText } from '../src/core/attack-text.js';
import type { PerturbContext } from '../src/core/perturbation.js';
import { rngFor } from '../src/core/rng.js';
import { winkAnalyzer } from '../src/nlp/wink-analyzer.js';
import { RARE_FILLERS } from './lib/rare-fillers.js';
import { frequencyRank } from './lib/word-frequency.js';
import { rareWord } from './rare-word.js';
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
    const swaps = p.candidates(text, i, ctx).filter(replaces).map((c) => c.words[i]!);
    assert.equal(swaps.length, 2, word);
    for (const s of swaps) assert.ok(frequencyRank(s) > frequencyRank(word), `${s} rarer than ${word}`);
    assert.ok(frequencyRank(swaps[0]!) >= frequencyRank(swaps[1]!), 'rarest first');
    // They come from the same synonym candidates the synonym family proposes (with every candidate allowed).
    const all = synonym({ maxCandidates: 1000 }).candidates(text, i, ctx).map((c) => c.words[i]!);
    for (const s of swaps) assert.ok(all.includes(s), s);
    const rarestPossible = Math.max(...all.map(frequencyRank));
    assert.equal(frequencyRank(swaps[0]!), rarestPossible);
  }
  const terrible = text.words.indexOf('terrible');
  const edits = p.candidates(text, terrible, ctx).map((c) => c.lastEdit!.edit);
  assert.ok(edits.every((e) => e.family === 'rare-word' && e.position === terrible), 'edits are rare-word edits at the word');
});

test('maxReplacements and maxInserts bound the candidates', () => {
  const { text, ctx } = setup('the acting was terrible');
  const i = text.words.indexOf('terrible');
  const none = rareWord({ maxReplacements: 0, maxInserts: 0 }).candidates(text, i, ctx);
  assert.deepEqual(none, []);
  const many = rareWord({ maxReplacements: 5, maxInserts: 3 }).candidates(text, i, ctx);
  assert.equal(many.filter(replaces).length, 5);
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
  assert.ok(chosen.size > 10, `${chosen.size} distinct fillers`);
});

test('no insertion before a capitalised sentence-initial word or inside a clitic', () => {
  const { text, ctx } = setup('The acting was bad. The plot, however, was fine. Really.');
  const p = rareWord();
  for (let k = 0; k < text.length; k++) {
    const ins = p.candidates(text, k, ctx).filter(inserts);
    const sentenceInitial = ['The', 'Really'].includes(text.words[k]!);
    assert.equal(ins.length, sentenceInitial ? 0 : 1, `${text.words[k]} at ${k}`);
  }
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
    return text.words.flatMap((_, k) => rareWord().candidates(text, k, ctx).map((c) => c.text));
  };
  const first = run();
  assert.ok(first.length > 10, 'first.length > 10');
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
