/** @module Seeded randomness. Every random choice in Quiver flows from the campaign seed through here. */
import seedrandom from 'seedrandom';

export type Rng = () => number;

/** A fast seeded generator (alea) for a key such as `${seed}:${exampleId}:stability`. */
export function rngFor(key: string): Rng {
  return seedrandom.alea(key);
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
