import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackText } from './attack-text.js';

test('splits words and separators and rebuilds the exact text', () => {
  for (const s of [
    "it 's a charming and often affecting journey . ",
    "I don't think this well-made product is good (at all)!",
    '  Sepp+ñl+ñ sold 100,000 units \\ #36;10 million  ',
    '',
    '!!! ???',
    'Émile adoré — 東京 😀 ok',
  ]) {
    const t = AttackText.fromString(s);
    assert.equal(t.text, s);
    assert.equal(t.seps.length, t.words.length + 1);
  }
  assert.deepEqual(AttackText.fromString("I don't like well-made films.").words, [
    'I',
    "don't",
    'like',
    'well-made',
    'films',
  ]);
});

test('replace, insert and block swaps record edits with original positions and costs', () => {
  const t = AttackText.fromString('The food was great, but the service was slow.');
  const r = t.replaceWord(3, 'grand', 'synonym');
  assert.equal(r.text, 'The food was grand, but the service was slow.');
  assert.deepEqual(r.edits, [{ family: 'synonym', position: 3, from: 'great', to: 'grand' }]);
  const i = r.insertWord(9, 'verily', 'rare-word');
  assert.equal(i.text, 'The food was grand, but the service was slow verily.');
  assert.equal(i.edits[1]!.position, 9);
  const j = i.insertWord(2, 'perchance', 'rare-word');
  assert.equal(j.text, 'The food perchance was grand, but the service was slow verily.');
  assert.equal(j.edits[2]!.position, 2);
  assert.equal(j.cost, 3);
  const s = t.swapBlocks(0, 4, 5, 9, 'reorder');
  assert.equal(s.text, 'The service was slow, but the food was great.');
  assert.equal(s.cost, 2);
  assert.deepEqual(
    [...s.lockedIds()].sort((a, b) => a - b),
    [0, 1, 2, 3, 5, 6, 7, 8],
  );
  const w = t.swapBlocks(1, 2, 2, 3, 'reorder');
  assert.equal(w.text, 'The was food great, but the service was slow.');
  assert.equal(
    AttackText.fromString('Great food. Bad service!').swapBlocks(0, 2, 2, 4, 'reorder').text,
    'Bad service. Great food!',
  );
});

test('replay rebuilds any subset of edits by word id, even after reordering', () => {
  const t = AttackText.fromString('The food was great, but the service was slow.');
  const full = t
    .swapBlocks(0, 4, 5, 9, 'reorder')
    .replaceWord(1, 'staff', 'synonym')
    .replaceWord(8, 'grand', 'synonym');
  assert.equal(full.text, 'The staff was slow, but the food was grand.');
  assert.equal(AttackText.replay(t, full.applied, [1, 2]).text, 'The food was grand, but the staff was slow.');
  assert.equal(AttackText.replay(t, full.applied, [0]).text, 'The service was slow, but the food was great.');
  assert.equal(AttackText.replay(t, full.applied, []).text, t.text);
});

test('invalid operations fail loudly', () => {
  const t = AttackText.fromString('a b c');
  assert.throws(() => t.replaceWord(5, 'x', 'f'), RangeError);
  assert.throws(() => t.swapBlocks(1, 1, 2, 3, 'f'), RangeError);
});

test('a capital after an abbreviation is not treated as a sentence start', () => {
  const t = AttackText.fromString('We met Mr. Smith there.');
  assert.equal(t.swapBlocks(3, 4, 4, 5, 'reorder').text, 'We met Mr. there Smith.');
  assert.equal(AttackText.fromString('Good. Bad food').swapBlocks(1, 2, 2, 3, 'reorder').text, 'Good. Food bad');
});

test('merge joins a word with the next one and replays by id', () => {
  const t = AttackText.fromString('The food was very good.');
  const m = t.mergeWithNext(3, 'typo');
  assert.equal(m.text, 'The food was verygood.');
  assert.deepEqual(m.edits, [{ family: 'typo', position: 3, from: 'very good', to: 'verygood' }]);
  assert.equal(m.cost, 2);
  assert.deepEqual([...m.lockedIds()].sort(), [3, 4]);
  const both = m.replaceWord(1, 'meal', 'synonym');
  assert.equal(AttackText.replay(t, both.applied, [1]).text, 'The meal was very good.');
  assert.equal(AttackText.replay(t, both.applied, [0]).text, 'The food was verygood.');
  assert.throws(() => t.mergeWithNext(4, 'typo'), RangeError);
});

test('every edit knows where it falls in its parent text, and its text is built from that window', () => {
  const joined = (t: AttackText) => t.words.map((w, k) => t.seps[k] + w).join('') + t.seps[t.length];
  for (const s of ['The food was great, but the service was slow.', '  Good. Bad food  ', 'one', '']) {
    const t = AttackText.fromString(s);
    const children: AttackText[] = [t.insertWord(t.length, 'verily', 'rare-word')];
    for (let i = 0; i < t.length; i++) {
      children.push(t.replaceWord(i, `x${t.words[i]}`, 'typo'), t.insertWord(i, 'verily', 'rare-word'));
      if (i + 1 < t.length)
        children.push(t.mergeWithNext(i, 'typo'), t.swapBlocks(i, i + 1, i + 1, Math.min(t.length, i + 3), 'reorder'));
    }
    for (const c of children) {
      const w = c.windowIn(t);
      assert.equal(t.text.slice(0, w.start) + w.middle + t.text.slice(w.end), joined(c), JSON.stringify(c.lastEdit));
      assert.equal(c.text, joined(c));
      // Grandchildren read their text through their own parent's window.
      if (c.length > 0) {
        const g = c.replaceWord(c.length - 1, 'y', 'typo').insertWord(0, 'so', 'rare-word');
        assert.equal(g.text, joined(g));
        // Not made from `c` directly: the window is the whole text.
        assert.deepEqual(g.windowIn(c), { start: 0, end: c.text.length, middle: g.text });
      }
    }
  }
});
