/** @module Perturbation registry: family name -> factory. Names are what users pass to `--perturb`. */
import { UnknownComponentError } from '../src/core/errors.js';
import type { Perturbation } from '../src/core/perturbation.js';
import { append } from './append.js';
import { rareWord } from './rare-word.js';
import { reorder } from './reorder.js';
import { synonym } from './synonym.js';
import { typo } from './typo.js';
import { BUNDLED_VECTORS_PATH } from '../src/nlp/word-vectors.js';
import { wordNetFiles } from './lib/wordnet-files.js';

// Options arrive as plain JSON from the campaign config; each factory validates its own.
const perturbations = {
  typo: (o: Record<string, unknown>) => typo(o),
  synonym: (o: Record<string, unknown>) => synonym(o),
  reorder: (o: Record<string, unknown>) => reorder(o),
  'rare-word': (o: Record<string, unknown>) => rareWord(o),
  append: (o: Record<string, unknown>) => append(o),
} satisfies Record<string, (options: Record<string, unknown>) => Perturbation>;

export type PerturbationName = keyof typeof perturbations;
export const perturbationNames = Object.keys(perturbations) as PerturbationName[];

export function createPerturbation(name: string, options: Readonly<Record<string, unknown>> = {}): Perturbation {
  if (!Object.hasOwn(perturbations, name)) throw new UnknownComponentError('perturbation', name, perturbationNames);
  return perturbations[name as PerturbationName]({ ...options });
}

/**
 * Data files each family reads, lazily, on its first lookup: a campaign shares them among its workers
 * (src/nlp/shared-files.ts) rather than have every worker read its own copy. Typos check candidates against WordNet's
 * lemmas (real-word.ts); synonyms and rare words look up senses and synsets, and check them with the bundled word
 * vectors (a `vectors` option naming another asset is read by each worker).
 */
const lexicon = (): string[] => [...wordNetFiles(), BUNDLED_VECTORS_PATH];
const dataFiles: Record<PerturbationName, () => readonly string[]> = {
  typo: wordNetFiles,
  synonym: lexicon,
  'rare-word': lexicon,
  reorder: () => [],
  append: () => [],
};

/** The data files the named families read (names checked by createPerturbation; unknown ones read nothing). */
export function perturbationDataFiles(names: readonly string[]): string[] {
  const files = new Set<string>();
  for (const name of names)
    if (Object.hasOwn(dataFiles, name)) for (const f of dataFiles[name as PerturbationName]()) files.add(f);
  return [...files];
}
