/** @module Perturbation registry: family name -> factory. Names are what users pass to `--perturb`. */
import { UnknownComponentError } from '../src/core/errors.js';
import type { Perturbation } from '../src/core/perturbation.js';
import { rareWord } from './rare-word.js';
import { reorder } from './reorder.js';
import { synonym } from './synonym.js';
import { typo } from './typo.js';

const perturbations = {
  typo: () => typo(),
  synonym: () => synonym(),
  reorder: () => reorder(),
  'rare-word': () => rareWord(),
} satisfies Record<string, () => Perturbation>;

export type PerturbationName = keyof typeof perturbations;
export const perturbationNames = Object.keys(perturbations) as PerturbationName[];

export function createPerturbation(name: string): Perturbation {
  if (!Object.hasOwn(perturbations, name)) throw new UnknownComponentError('perturbation', name, perturbationNames);
  return perturbations[name as PerturbationName]();
}
