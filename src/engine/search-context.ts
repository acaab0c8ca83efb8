/** @module Builds the typed SearchContext a search method works through, for one example. */
import type { AttackText } from '../core/attack-text.js';
import type { Goal } from '../core/goal.js';
import type { Rng } from '../core/rng.js';
import { UNK, type Evaluated, type SearchContext } from '../core/search.js';
import type { CandidateSpace } from './candidates.js';
import type { Evaluator } from './evaluator.js';

export function createSearchContext(args: {
  original: Evaluated;
  groundTruth: string;
  goal: Goal;
  space: CandidateSpace;
  evaluator: Evaluator;
  rng: Rng;
}): SearchContext {
  const { goal, groundTruth, space, evaluator } = args;
  return {
    original: args.original,
    rng: args.rng,
    positions: (text) => space.positions(text),
    expand: (text, index) => {
      // Expanding needs no query, and a search can expand many positions between two: the time limit is checked here
      // too.
      evaluator.checkTime();
      return space.expand(text, index);
    },
    mask: (text, index, how) => text.replaceWord(index, how === 'unk' ? UNK : '', 'mask'),
    exhausted: () => evaluator.exhausted(),
    async evaluate(texts: readonly AttackText[]) {
      const preds = await evaluator.predict(texts.map((t) => t.text));
      return preds.map((prediction, i) => ({
        text: texts[i]!,
        prediction,
        score: goal.score(prediction, groundTruth),
        succeeded: goal.isSuccess(prediction, groundTruth),
      }));
    },
  };
}
