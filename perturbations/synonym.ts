/** @module The `synonym` family: replace an original word with a WordNet synonym in the same form and case. */
import type { AttackText } from '../src/core/attack-text.js';
import type { Perturbation, PerturbContext } from '../src/core/perturbation.js';
import { requireVectorAsset, vectorsPathOr } from '../src/nlp/word-vectors.js';
import { DEFAULT_SYNONYM_CHECKS, synonymChecker } from './lib/checked-synonyms.js';
import { integerAtLeast, isBoolean, isString, numberIn, orNull, resolveOptions } from './lib/options.js';

export interface SynonymOptions {
  /** Synonyms come from the lemma's first `maxSenses` WordNet senses (most frequent first). */
  readonly maxSenses: number;
  /** At most this many replacements per word (counted after every check). */
  readonly maxCandidates: number;
  /** Allow multi-word and hyphenated synonyms ("motion picture"). */
  readonly multiWord: boolean;
  /**
   * The sense a synonym shares with the word must reach this share of each word's most frequent sense (WordNet tag
   * counts; see lib/sense-counts.ts). 0 keeps every synonym of the top senses.
   */
  readonly minSenseShare: number;
  /** Only synonyms of the sense the context selects (lib/word-sense.ts): "funny and warm" never becomes "odd". */
  readonly wordSense: boolean;
  /** Leave words of phrasal verbs and idioms alone ("pay for", "a must", "worth it"; lib/fixed-expressions.ts). */
  readonly fixedExpressions: boolean;
  /** Leave a word next to a likely name alone ("cletis tout": lib/name-context.ts). */
  readonly nameCheck: boolean;
  /** Drop synonyms that are derivational variants of the word ("laugh" -> "laughter": lib/derivation-check.ts). */
  readonly derivationCheck: boolean;
  /**
   * The inflected synonym must have at least this Zipf frequency in SUBTLEX-US (2: about 5 uses in 51M words), and
   * be at most `maxZipfDrop` rarer than the word; null: any form (lib/word-form-check.ts).
   */
  readonly minZipf: number | null;
  readonly maxZipfDrop: number;
  /**
   * Embedding filter: drop a synonym whose cosine similarity to the word (both as in the text) is below this, or
   * that the vectors do not know. null: off.
   */
  readonly minCosine: number | null;
  /** Context fit: drop a synonym this much further from the context's centroid than the word (lib/context-fit.ts). */
  readonly maxContextDrop: number | null;
  /** Original words on each side that make a word's context (sense choice, context fit). */
  readonly contextWindow: number;
  /** The vector asset; null (default): the one bundled in src/nlp/data. */
  readonly vectors: string | null;
}

export const DEFAULT_SYNONYM_OPTIONS: SynonymOptions = {
  maxSenses: 3,
  maxCandidates: 8,
  multiWord: false,
  minSenseShare: 0.1,
  wordSense: DEFAULT_SYNONYM_CHECKS.wordSense,
  fixedExpressions: DEFAULT_SYNONYM_CHECKS.fixedExpressions,
  nameCheck: DEFAULT_SYNONYM_CHECKS.nameCheck,
  derivationCheck: DEFAULT_SYNONYM_CHECKS.derivationCheck,
  minZipf: DEFAULT_SYNONYM_CHECKS.wordForm!.minZipf,
  maxZipfDrop: DEFAULT_SYNONYM_CHECKS.wordForm!.maxZipfDrop,
  minCosine: DEFAULT_SYNONYM_CHECKS.minCosine,
  maxContextDrop: DEFAULT_SYNONYM_CHECKS.maxContextDrop,
  contextWindow: DEFAULT_SYNONYM_CHECKS.contextWindow,
  vectors: null,
};

export function resolveSynonymOptions(options: object): SynonymOptions {
  return resolveOptions(
    'synonym',
    DEFAULT_SYNONYM_OPTIONS,
    {
      maxSenses: integerAtLeast(1),
      maxCandidates: integerAtLeast(1, true),
      multiWord: isBoolean,
      minSenseShare: numberIn(0, 1),
      wordSense: isBoolean,
      fixedExpressions: isBoolean,
      nameCheck: isBoolean,
      derivationCheck: isBoolean,
      minZipf: orNull(numberIn(0, 8)),
      maxZipfDrop: numberIn(0, 8),
      minCosine: orNull(numberIn(-1, 1)),
      maxContextDrop: orNull(numberIn(0, 2)),
      contextWindow: integerAtLeast(0),
      vectors: orNull(isString),
    },
    options,
  );
}

export function synonym(options: Partial<SynonymOptions> = {}): Perturbation {
  const opts = resolveSynonymOptions(options);
  const needsVectors = opts.minCosine !== null || opts.maxContextDrop !== null || opts.wordSense;
  // Checked now, so a missing asset fails the campaign before it starts; read on first use, once per thread.
  const vectorsPath = needsVectors ? requireVectorAsset(vectorsPathOr(opts.vectors), 'synonym') : null;
  const check = synonymChecker(
    {
      maxSenses: opts.maxSenses,
      maxCandidates: opts.maxCandidates,
      multiWord: opts.multiWord,
      minSenseShare: opts.minSenseShare,
    },
    {
      fixedExpressions: opts.fixedExpressions,
      nameCheck: opts.nameCheck,
      derivationCheck: opts.derivationCheck,
      wordSense: opts.wordSense,
      wordForm: opts.minZipf === null ? null : { minZipf: opts.minZipf, maxZipfDrop: opts.maxZipfDrop },
      minCosine: opts.minCosine,
      maxContextDrop: opts.maxContextDrop,
      contextWindow: opts.contextWindow,
    },
    vectorsPath,
  );
  return {
    family: 'synonym',
    granularity: 'word',
    candidates(text: AttackText, index: number, ctx: PerturbContext): AttackText[] {
      // Inserted words have no analysis; only original words are replaced (the checker returns none for them).
      return check(text, index, ctx).map((to) => text.replaceWord(index, to, 'synonym'));
    },
  };
}
