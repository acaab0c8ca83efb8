/** @module Builds a search context over the keyword target and a swap table, for search and engine tests. */
import { AttackText } from '../core/attack-text.js';
import type { Constraint } from '../core/constraint.js';
import type { Perturbation } from '../core/perturbation.js';
import { rngFor } from '../core/rng.js';
import type { SearchContext } from '../core/search.js';
import { CandidateSpace } from '../engine/candidates.js';
import { Evaluator } from '../engine/evaluator.js';
import { createSearchContext } from '../engine/search-context.js';
import { untargetedGoal } from '../goals/untargeted.js';
import { KeywordTarget } from './keyword-target.js';

export interface Fixture {
  readonly ctx: SearchContext;
  readonly target: KeywordTarget;
  readonly evaluator: Evaluator;
  readonly space: CandidateSpace;
}

export async function engineFixture(args: {
  text: string;
  groundTruth: string;
  perturbations: readonly Perturbation[];
  constraints?: readonly Constraint[];
  maxQueries?: number;
  seed?: string;
}): Promise<Fixture> {
  const target = new KeywordTarget();
  const evaluator = new Evaluator(target, args.maxQueries ?? Infinity);
  const original = AttackText.fromString(args.text);
  const goal = untargetedGoal();
  const pctx = { analysis: { words: [] }, rng: (k: string) => rngFor(`${args.seed ?? 's'}:${k}`) };
  const space = new CandidateSpace(original, args.perturbations, args.constraints ?? [], pctx);
  const [p] = await evaluator.predict([args.text]);
  const ctx = createSearchContext({
    original: { text: original, prediction: p!, score: goal.score(p!, args.groundTruth), succeeded: false },
    groundTruth: args.groundTruth,
    goal,
    space,
    evaluator,
    rng: rngFor(`${args.seed ?? 's'}:search`),
  });
  return { ctx, target, evaluator, space };
}
