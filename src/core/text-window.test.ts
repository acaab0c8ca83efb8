import { test } from 'node:test';
import assert from 'node:assert/strict';
import seedrandom from 'seedrandom';
import { compareWindows, isUnchanged, windowText, type TextWindow } from './text-window.js';

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
const stringOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Random windows over a small alphabet, so equal texts, shared prefixes and prefix pairs all occur often. */
function randomWindow(rng: () => number, base: string): TextWindow {
  const start = Math.floor(rng() * (base.length + 1));
  const end = start + Math.floor(rng() * (base.length - start + 1));
  const length = Math.floor(rng() * 4);
  let middle = '';
  for (let k = 0; k < length; k++) middle += 'ab é'[Math.floor(rng() * 4)];
  return { start, end, middle };
}

test('windows compare, and find equal texts, exactly as their strings do', () => {
  const rng = seedrandom.alea('text-window');
  let equal = 0;
  for (let n = 0; n < 20000; n++) {
    let base = '';
    for (let k = Math.floor(rng() * 8); k > 0; k--) base += 'ab é'[Math.floor(rng() * 4)];
    const a = randomWindow(rng, base);
    const b = randomWindow(rng, base);
    const [ta, tb] = [windowText(base, a), windowText(base, b)];
    assert.equal(sign(compareWindows(base, a, b)), stringOrder(ta, tb), `${JSON.stringify({ base, a, b })}`);
    assert.equal(isUnchanged(base, a), ta === base);
    if (ta === tb) equal++;
  }
  assert.ok(equal > 500, `equal pairs were tested (${equal})`);
});

test('a replacement of one word sorts by the word and what follows it', () => {
  const base = 'the food was good.';
  const at = (middle: string): TextWindow => ({ start: 13, end: 17, middle });
  assert.ok(compareWindows(base, at('god'), at('goods')) < 0); // "god." < "goods."
  assert.ok(compareWindows(base, at('good.'), at('good')) > 0); // "good.." > "good."
  assert.equal(compareWindows(base, at('goo'), { start: 16, end: 17, middle: '' }), 0); // both "goo."
});
