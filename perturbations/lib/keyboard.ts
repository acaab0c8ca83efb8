/** @module QWERTY letter neighbours from key geometry, so substituted and inserted letters look like real slips. */

const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'] as const;
// Each row sits half a key right of the one above and rows are sqrt(3)/2 apart, so every key's six hexagonal
// neighbours lie at distance exactly 1. This is zxcvbn's slanted qwerty adjacency graph, restricted to letters.
const ROW_STAGGER = 0.5;
const ROW_HEIGHT = Math.sqrt(3) / 2;
const REACH = 1 + 1e-9;

function buildNeighbours(): ReadonlyMap<string, readonly string[]> {
  const keys = ROWS.flatMap((row, r) => [...row].map((ch, c) => ({ ch, x: c + r * ROW_STAGGER, y: r * ROW_HEIGHT })));
  const map = new Map<string, readonly string[]>();
  for (const a of keys) {
    const near = keys.filter((b) => b !== a && Math.hypot(a.x - b.x, a.y - b.y) <= REACH).map((b) => b.ch);
    map.set(a.ch, Object.freeze(near.sort()));
  }
  return map;
}

/** Lower-case letter -> its lower-case QWERTY neighbours (sorted). */
export const QWERTY_NEIGHBOURS: ReadonlyMap<string, readonly string[]> = buildNeighbours();

const UPPER = new Map(
  [...QWERTY_NEIGHBOURS].map(([k, v]) => [k.toUpperCase(), Object.freeze(v.map((c) => c.toUpperCase()))]),
);

/** Neighbours of a single a–z/A–Z letter, in the letter's case; [] for anything else. */
export function keyboardNeighbours(letter: string): readonly string[] {
  return QWERTY_NEIGHBOURS.get(letter) ?? UPPER.get(letter) ?? [];
}
