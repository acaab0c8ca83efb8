/**
 * @module Stability of one example: the share of R random perturbations, drawn from the same perturbation space and
 * edit budget as the search, that keep the model's original label. Each sample has its own seeded stream, so the
 * score does not depend on the search or on which worker ran the example.
 */
import type { AttackText } from '../core/attack-text.js';
import { randomInt, rngFor, shuffled } from '../core/rng.js';
import type { CandidateSpace } from './candidates.js';
import type { Evaluator } from './evaluator.js';

export interface StabilityResult {
  /** null when no random perturbation could be made (e.g. every word is a stopword). */
  readonly stability: number | null;
  readonly samples: number;
  /** Texts sent to the target for this (not counted as attack queries). */
  readonly sent: number;
}

export async function measureStability(args: {
  space: CandidateSpace;
  evaluator: Evaluator;
  originalLabel: string;
  samples: number;
  maxEdits: number;
  seedKey: string;
}): Promise<StabilityResult> {
  const texts: string[] = [];
  for (let r = 0; r < args.samples; r++) {
    const rng = rngFor(`${args.seedKey}:stability:${r}`);
    let t: AttackText = args.space.original;
    const edits = randomInt(rng, 1, Math.max(1, args.maxEdits));
    for (let e = 0; e < edits; e++) {
      let next: AttackText | undefined;
      for (const index of shuffled(rng, args.space.positions(t))) {
        const cands = args.space.expand(t, index);
        if (cands.length > 0) {
          next = cands[Math.floor(rng() * cands.length)]!;
          break;
        }
      }
      if (next === undefined) break;
      t = next;
    }
    if (t.applied.length > 0) texts.push(t.text);
  }
  if (texts.length === 0) return { stability: null, samples: 0, sent: 0 };
  const { predictions, sent } = await args.evaluator.predictUncharged(texts);
  const kept = predictions.filter((p) => p.label === args.originalLabel).length;
  return { stability: kept / texts.length, samples: texts.length, sent };
}
