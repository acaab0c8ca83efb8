/** @module Seeded randomness. Every random choice in Quiver flows from the campaign seed through here. */
import seedrandom from 'seedrandom';

export type Rng = () => number;

/**
 * A fast seeded generator (alea) for a key such as `${seed}:${exampleId}:stability`: seedrandom's alea, exactly the
 * stream `seedrandom.alea(key)` gives.
 *
 * Why the seed is hashed here: a campaign makes 40–100 generators per example, and seedrandom's seeding (Baagoe's
 * Mash) keeps its running hash in a closure variable, which V8 boxes as a new heap number at every step: about 2 µs
 * and 500 allocations per key, a tenth of a campaign's own work against a fast model. The same arithmetic on local
 * variables gives the same state, which seedrandom's documented `state` option then loads.
 */
export function rngFor(key: string): Rng {
  return seedrandom.alea('', { state: aleaState(key) });
}

/** The state `seedrandom.alea(key)` starts from (c, s0, s1, s2), by the same operations in the same order. */
export function aleaState(key: string): { c: number; s0: number; s1: number; s2: number } {
  // Mash(' ') three times, then Mash(key) three times, one running hash throughout.
  let n = 0xefc8249d;
  const s = [0, 0, 0];
  for (let r = 0; r < 3; r++) {
    n = mashStep(n, 32);
    s[r] = (n >>> 0) * TWO_TO_MINUS_32;
  }
  for (let r = 0; r < 3; r++) {
    for (let i = 0; i < key.length; i++) n = mashStep(n, key.charCodeAt(i));
    const v = s[r]! - (n >>> 0) * TWO_TO_MINUS_32;
    s[r] = v < 0 ? v + 1 : v;
  }
  return { c: 1, s0: s[0]!, s1: s[1]!, s2: s[2]! };
}

const TWO_TO_MINUS_32 = 2.3283064365386963e-10;

function mashStep(n: number, code: number): number {
  n += code;
  let h = 0.02519603282416938 * n;
  n = h >>> 0;
  h -= n;
  h *= n;
  n = h >>> 0;
  h -= n;
  return n + h * 0x100000000; // 2^32
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick from an empty list');
  return items[Math.floor(rng() * items.length)]!;
}

export function randomInt(rng: Rng, minInclusive: number, maxInclusive: number): number {
  return minInclusive + Math.floor(rng() * (maxInclusive - minInclusive + 1));
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
