import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackText } from '../src/core/attack-text.js';
import type { PerturbContext } from '../src/core/perturbation.js';
import { rngFor } from '../src/core/rng.js';
import { ConfigError } from '../src/core/errors.js';
import { QWERTY_NEIGHBOURS } from './lib/keyboard.js';
import { typo, typoPresets, typoVariants, resolveTypoOptions, TYPO_OPERATIONS, type TypoOperation } from './typo.js';

function ctx(seed: string): PerturbContext {
  return { analysis: { words: [] }, rng: (key) => rngFor(`${seed}:${key}`) };
}

const TEXT = 'The restaurant offered wonderful service, but the desserts were disappointing.';

function words(cands: AttackText[], index: number): string[] {
  return cands.map((c) => c.word(index));
}

/** Which single operation turns `from` into `to` (by construction), or null. */
function classify(from: string, to: string): TypoOperation | null {
  if (to.length === from.length - 1) {
    for (let k = 0; k < from.length; k++) if (from.slice(0, k) + from.slice(k + 1) === to) return 'delete';
  }
  if (to.length === from.length + 1) {
    for (let k = 0; k < to.length; k++) if (to.slice(0, k) + to.slice(k + 1) === from) return 'insert';
  }
  if (to.length === from.length) {
    const diff = [...from].map((c, k) => (c === to[k] ? -1 : k)).filter((k) => k >= 0);
    if (diff.length === 1) return 'substitute';
    if (
      diff.length === 2 &&
      diff[1] === diff[0]! + 1 &&
      from[diff[0]!] === to[diff[1]!] &&
      from[diff[1]!] === to[diff[0]!]
    ) {
      return 'swap';
    }
  }
  return null;
}

test('family, granularity and one candidate per operation with defaults', () => {
  const p = typo();
  assert.equal(p.family, 'typo');
  assert.equal(p.granularity, 'char');
  const text = AttackText.fromString(TEXT);
  const cands = p.candidates(text, 1, ctx('s1')); // "restaurant"
  assert.equal(cands.length, 4);
  assert.deepEqual(
    cands.map((c) => classify('restaurant', c.word(1))),
    ['substitute', 'swap', 'delete', 'insert'],
  );
  for (const c of cands) {
    assert.equal(c.lastEdit!.edit.family, 'typo');
    assert.deepEqual(c.lastEdit!.changed, [1]);
    assert.equal(c.cost, 1);
    assert.notEqual(c.text, text.text);
    // Only the word changed.
    assert.equal(c.text.replace(c.word(1), 'restaurant'), TEXT);
  }
});

test('deterministic per seed and word id, whatever the call order', () => {
  const p = typo({ variantsPerOperation: 3 });
  const text = AttackText.fromString(TEXT);
  const a = words(p.candidates(text, 3, ctx('seed')), 3);
  p.candidates(text, 1, ctx('seed'));
  const b = words(p.candidates(text, 3, ctx('seed')), 3);
  assert.deepEqual(a, b);
  // After an unrelated edit elsewhere, the same id still gets the same variants.
  const edited = text.replaceWord(1, 'diner', 'synonym');
  assert.deepEqual(words(p.candidates(edited, 3, ctx('seed')), 3), a);
  // A different seed gives different variants (over several words, to avoid a chance collision).
  const all = (s: string) => [1, 2, 3, 7, 9].flatMap((i) => words(p.candidates(text, i, ctx(s)), i));
  assert.notDeepEqual(all('seed'), all('other'));
});

test('the same word at different ids gets different variants', () => {
  const text = AttackText.fromString('terrible terrible terrible terrible terrible terrible');
  const p = typo({ variantsPerOperation: 2 });
  const sets = text.words.map((_, i) => words(p.candidates(text, i, ctx('x')), i).join(','));
  assert.ok(new Set(sets).size > 1, sets.join(' | '));
});

test('every variant differs from the word, keeps first and last letter, no duplicates', () => {
  const opts = resolveTypoOptions({ variantsPerOperation: Infinity });
  for (const w of ['restaurant', 'good', 'Hello', "don't", 'bookkeeper', 'aaaa']) {
    const vs = typoVariants(w, opts, (op) => rngFor(`t:${w}:${op}`));
    assert.equal(new Set(vs).size, vs.length, w);
    for (const v of vs) {
      assert.notEqual(v, w);
      assert.equal(v[0], w[0], `${w} -> ${v}`);
      assert.equal(v.at(-1), w.at(-1), `${w} -> ${v}`);
      assert.match(v, /^\p{L}+(?:['’]\p{L}+)*$/u);
      assert.notEqual(classify(w, v), null, `${w} -> ${v}`);
    }
  }
  // "aaaa": swapping equal letters changes nothing, so no swap variant exists.
  const aaaa = typoVariants('aaaa', opts, (op) => rngFor(op));
  assert.ok(aaaa.every((v) => classify('aaaa', v) !== 'swap'));
});

test('respects minLength and skips non-words, numbers and inserted words', () => {
  const p = typo({ minLength: 4 });
  const text = AttackText.fromString('The bad 2024 well-made fish');
  assert.deepEqual(p.candidates(text, 0, ctx('s')), []); // "The": 3 letters < 4
  assert.deepEqual(p.candidates(text, 1, ctx('s')), []);
  // The default (3) takes "bad", in its middle letter only, and never as another word ("bed", "bid").
  const three = typo()
    .candidates(text, 1, ctx('s'))
    .map((c) => c.word(1));
  assert.ok(
    three.length > 0 && three.every((w) => /^b.*d$/.test(w) && !['bed', 'bid', 'bud'].includes(w)),
    three.join(),
  );
  assert.deepEqual(p.candidates(text, 2, ctx('s')), []); // digits
  assert.deepEqual(p.candidates(text, 3, ctx('s')), []); // hyphenated
  assert.equal(p.candidates(text, 4, ctx('s')).length, 4);
  const inserted = text.insertWord(4, 'tasty', 'rare-word');
  assert.deepEqual(p.candidates(inserted, 4, ctx('s')), []); // id >= originalWordCount
  const dwb = typo(typoPresets.deepwordbug);
  assert.ok(dwb.candidates(text, 1, ctx('s')).length >= 3); // "bad" is fair game for DeepWordBug
});

test('substitutions and insertions use keyboard neighbours', () => {
  const opts = resolveTypoOptions({ operations: ['substitute', 'insert'], variantsPerOperation: Infinity });
  const w = 'season';
  for (const v of typoVariants(w, opts, (op) => rngFor(op))) {
    if (v.length === w.length) {
      const k = [...w].findIndex((c, j) => c !== v[j]);
      assert.ok(QWERTY_NEIGHBOURS.get(w[k]!)!.includes(v[k]!), `${w} -> ${v}`);
    } else {
      // Some gap g explains it: the inserted letter neighbours the letter before or after g.
      const explained = [...v].some((c, g) => {
        if (v.slice(0, g) + v.slice(g + 1) !== w) return false;
        return [w[g - 1], w[g]].some((n) => n !== undefined && QWERTY_NEIGHBOURS.get(n)!.includes(c));
      });
      assert.ok(explained, `${w} -> ${v}`);
    }
  }
});

test('keeps letter case', () => {
  const opts = resolveTypoOptions({ variantsPerOperation: Infinity, keepFirstLast: false, minLength: 1 });
  for (const v of typoVariants('GREAT', opts, (op) => rngFor(op))) assert.equal(v, v.toUpperCase(), v);
  for (const v of typoVariants('Great', opts, (op) => rngFor(op))) {
    const capitals = [...v].filter((c) => c !== c.toLowerCase());
    // One capital, G or a neighbour of G; none only when the G itself was deleted.
    if (v === 'reat') assert.equal(capitals.length, 0);
    else assert.ok(capitals.length === 1 && 'GTYHBVF'.includes(capitals[0]!), v);
  }
  const sub = resolveTypoOptions({ operations: ['substitute'], keepFirstLast: false, variantsPerOperation: Infinity });
  const subs = typoVariants('Great', sub, (op) => rngFor(op)).filter((v) => v[0] !== 'G');
  assert.ok(subs.length > 0 && subs.every((v) => /^[A-Z]/.test(v)), subs.join(','));
});

test('deepwordbug preset may edit the first and last letters; pruthi enumerates all', () => {
  const dwb = resolveTypoOptions({ ...typoPresets.deepwordbug, variantsPerOperation: Infinity });
  const vs = typoVariants('word', dwb, (op) => rngFor(op));
  assert.ok(vs.some((v) => v[0] !== 'w' || v.at(-1) !== 'd'));
  assert.deepEqual(typoVariants('a', dwb, (op) => rngFor(op)).includes(''), false);
  const pruthi = typoVariants('word', resolveTypoOptions(typoPresets.pruthi), (op) => rngFor(op));
  assert.ok(pruthi.length > 10, String(pruthi.length));
  // TextBugger: a space inside the word, deletion, swap, and a visual confusable, first and last letters kept.
  const tb = typoVariants('word', resolveTypoOptions(typoPresets.textbugger), (op) => rngFor(op));
  assert.equal(tb.length, 4, tb.join(','));
  assert.match(tb[0]!, /^w\S* \S*d$/);
  assert.deepEqual(
    tb.slice(1, 3).map((v) => classify('word', v)),
    ['delete', 'swap'],
  );
  assert.ok(/^w[^\x00-\x7f]rd$|^wo[^\x00-\x7f]d$/.test(tb[3]!), tb[3]);
  // A preset can be named in the options and overridden.
  assert.deepEqual(resolveTypoOptions({ preset: 'textbugger', variantsPerOperation: 2 }), {
    ...resolveTypoOptions(typoPresets.textbugger),
    variantsPerOperation: 2,
  });
});

test('defaults are the four classic slips; the other operations are opt-in', () => {
  assert.deepEqual(resolveTypoOptions({}).operations, ['substitute', 'swap', 'delete', 'insert']);
  assert.deepEqual(TYPO_OPERATIONS, [
    'substitute',
    'swap',
    'delete',
    'insert',
    'double',
    'split',
    'merge',
    'homoglyph',
  ]);
});

test('double: one interior letter typed twice, never a triple', () => {
  const opts = resolveTypoOptions({ operations: ['double'], variantsPerOperation: Infinity });
  const vs = typoVariants('speeding', opts, (op) => rngFor(op));
  assert.deepEqual(vs.sort(), ['speedding', 'speediing', 'speedinng', 'sppeeding'].sort());
  assert.deepEqual(
    typoVariants('Great', opts, (op) => rngFor(op)).sort(),
    ['Greaat', 'Great'.replace('e', 'ee'), 'Grreat'].sort(),
  );
});

test('split: a space inside the word stays one AttackText word, so ids, replay and shrinking hold', () => {
  const opts = resolveTypoOptions({ operations: ['split'], variantsPerOperation: Infinity });
  assert.deepEqual(typoVariants('great', opts, (op) => rngFor(op)).sort(), ['g reat', 'gr eat', 'gre at'].sort());
  assert.deepEqual(
    typoVariants("don't", opts, (op) => rngFor(op)).sort(),
    ["d on't", "do n't"],
    'never at the apostrophe',
  );
  const loose = resolveTypoOptions({
    operations: ['split'],
    variantsPerOperation: Infinity,
    keepFirstLast: false,
    minLength: 1,
  });
  assert.ok(typoVariants('great', loose, (op) => rngFor(op)).includes('grea t'));
  const text = AttackText.fromString('A great movie, truly.');
  const p = typo({ operations: ['split'] });
  const [c] = p.candidates(text, 1, ctx('s'));
  assert.ok(c !== undefined);
  assert.equal(c.length, text.length);
  assert.match(c.text, /^A g?r?e?a?t? ?[a-z ]+ movie, truly\.$/);
  assert.equal(c.cost, 1);
  const next = c.replaceWord(2, 'film', 'synonym');
  assert.equal(AttackText.replay(text, next.applied, [0, 1]).text, next.text);
  assert.equal(AttackText.replay(text, next.applied, [1]).text, 'A great film, truly.');
});

test('homoglyph: one letter swapped for a look-alike letter, off by default', () => {
  const opts = resolveTypoOptions({ operations: ['homoglyph'], variantsPerOperation: Infinity });
  const vs = typoVariants('Good', opts, (op) => rngFor(op));
  assert.deepEqual(vs.sort(), ['G\u043eod', 'Go\u043ed'].sort());
  for (const v of vs) {
    assert.equal(v.normalize('NFKC').length, 4);
    assert.equal(Buffer.from(v, 'utf8').toString('utf8'), v, 'valid UTF-8');
    assert.equal(AttackText.fromString(`so ${v} here`).length, 3, 'still one word');
  }
  assert.ok(
    !typo()
      .candidates(AttackText.fromString('Good food here'), 0, ctx('s'))
      .some((c) => /[^\x00-\x7f]/.test(c.text)),
  );
});

test('bad options are ConfigErrors', () => {
  assert.throws(() => typo({ operations: [] }), ConfigError);
  assert.throws(() => typo({ minLength: 0 }), ConfigError);
  assert.throws(() => typo({ variantsPerOperation: 1.5 }), ConfigError);
  assert.throws(() => typo({ operations: ['transpose' as TypoOperation] }), ConfigError);
  assert.throws(() => typo({ preset: 'nope' as 'pruthi' }), /unknown preset "nope"/);
  assert.throws(() => typo({ keepFirst: true } as never), /unknown option "keepFirst"/);
});

test('merge: a missed space joins two letter words separated by one space', async () => {
  const { AttackText: T } = await import('../src/core/attack-text.js');
  const { rngFor: r } = await import('../src/core/rng.js');
  const ctx = { analysis: { words: [] }, rng: (k: string) => r(k) };
  const p = typo({ operations: ['merge'] });
  const t = T.fromString('A truly good film, really.');
  assert.deepEqual(
    p.candidates(t, 1, ctx).map((c) => c.text),
    ['A trulygood film, really.'],
  );
  assert.deepEqual(
    p.candidates(t, 3, ctx).map((c) => c.text),
    [],
    'a comma is not a missed space',
  );
  assert.deepEqual(
    p.candidates(t, 4, ctx).map((c) => c.text),
    [],
    'no next word',
  );
  assert.deepEqual(
    p.candidates(T.fromString('a b'), 0, ctx).map((c) => c.text),
    [],
    'too short with minLength 4',
  );
});

test('no variant is another real word (issue #14: "hope" -> "hoe" changes the meaning); realWords keeps them', () => {
  const all = resolveTypoOptions({ ...typoPresets.pruthi });
  const hope = typoVariants('hope', all, (op) => rngFor(op));
  const best = typoVariants('best', all, (op) => rngFor(op));
  assert.ok(hope.length > 5 && best.length > 5);
  for (const word of ['hoe', 'hole', 'hose', 'home']) assert.ok(!hope.includes(word), word);
  for (const word of ['beast', 'beet', 'bet', 'bust']) assert.ok(!best.includes(word), word);
  const kept = typoVariants('hope', { ...all, realWords: true }, (op) => rngFor(op));
  assert.ok(kept.includes('hoe') && kept.includes('hole'), kept.join(','));
  // One variant per operation still: the draw moves on to the next edit instead of giving up.
  const one = typoVariants('best', resolveTypoOptions({}), (op) => rngFor(op));
  assert.equal(one.length, 4, one.join(','));
  // A missed space that makes a word ("any way" -> "anyway") is no slip.
  const t = AttackText.fromString('any way you like');
  assert.deepEqual(
    typo({ operations: ['merge'] })
      .candidates(t, 0, ctx('m'))
      .map((c) => c.text),
    [],
  );
  assert.deepEqual(
    typo({ operations: ['merge'], realWords: true })
      .candidates(t, 0, ctx('m'))
      .map((c) => c.text),
    ['anyway you like'],
  );
  assert.throws(() => resolveTypoOptions({ realWords: 1 as unknown as boolean }), ConfigError);
});
