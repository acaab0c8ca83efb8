/** @module Constraint registry (kebab-case name -> factory) and the default constraint set. */
import type { Constraint } from '../core/constraint.js';
import { ConfigError, UnknownComponentError } from '../core/errors.js';
import { compilePatterns } from '../core/patterns.js';
import { articleAgreementConstraint } from './article-agreement.js';
import type { CharBudgetOptions } from './char-budget.js';
import type { EmbeddingCosineOptions } from './embedding-cosine.js';
import type { PosConsistencyOptions } from './pos-consistency.js';
import type { ProtectOptions } from './protect.js';
import { charBudgetConstraint } from './char-budget.js';
import { embeddingCosineConstraint } from './embedding-cosine.js';
import { maxPerturbRatioConstraint } from './max-perturb-ratio.js';
import { posConsistencyConstraint } from './pos-consistency.js';
import { protectConstraint } from './protect.js';
import { protectedSpansConstraint } from './protected-spans.js';
import { repeatModificationConstraint } from './repeat-modification.js';
import { stopwordConstraint } from './stopword.js';
import { typoDensityConstraint, type TypoDensityOptions } from './typo-density.js';

export { articleAgreementConstraint } from './article-agreement.js';
export { charBudgetConstraint, editDistance, levenshtein, type CharBudgetOptions } from './char-budget.js';
export { embeddingCosineConstraint, type EmbeddingCosineOptions } from './embedding-cosine.js';
export { maxPerturbRatioConstraint, perturbBudget } from './max-perturb-ratio.js';
export { posConsistencyConstraint, type PosConsistencyOptions } from './pos-consistency.js';
export { protectConstraint, type ProtectOptions } from './protect.js';
export { protectedSpansConstraint } from './protected-spans.js';
export { repeatModificationConstraint } from './repeat-modification.js';
export { stopwordConstraint } from './stopword.js';
export { DEFAULT_TYPO_DENSITY, typoCap, typoDensityConstraint, type TypoDensityOptions } from './typo-density.js';
export { isStopword, NLTK_ENGLISH_STOPWORDS } from '../nlp/stopwords.js';

export const Constraints = {
  'repeat-modification': repeatModificationConstraint,
  'max-perturb-ratio': maxPerturbRatioConstraint,
  stopword: stopwordConstraint,
  'protected-spans': protectedSpansConstraint,
  'typo-density': typoDensityConstraint,
  'article-agreement': articleAgreementConstraint,
  // Opt-in (pos-consistency is also a default). Cheapest first: protect (cached per text), char-budget (a small DP per
  // edit), embedding-cosine (one 100-d dot product), pos-consistency (a wink pass over a window, ~0.1 ms).
  protect: protectConstraint,
  'char-budget': charBudgetConstraint,
  'embedding-cosine': embeddingCosineConstraint,
  'pos-consistency': posConsistencyConstraint,
} as const satisfies Record<string, (...args: never[]) => Constraint>;

export type ConstraintName = keyof typeof Constraints;

/** Each registered factory's arguments, by name. */
export type ConstraintArgs = { [K in ConstraintName]: Parameters<(typeof Constraints)[K]> };

/**
 * Repeat, ratio, stopword, typo density, article agreement, protection and POS consistency, cheapest first: a cached
 * set lookup, a sum over a few edits, a lower-cased lookup, a count over the edits of a new typo only, a look at the
 * words before and after the edited ones, the span check (whose first call
 * per text runs the regexes), then a wink pass over a window for synonym and rare-word replacements only. Protection
 * is left out when there is nothing to protect; POS consistency when `posConsistency` is false
 * (`--no-pos-consistency`). It is on by default because a replacement that changes the part of speech ("the plot" ->
 * "the game" read as a verb) is not the same sentence (issue #14).
 */
export function defaultConstraints(opts: {
  maxPerturbRatio: number;
  protect: readonly RegExp[];
  typoDensity?: Partial<TypoDensityOptions>;
  posConsistency?: boolean;
}): Constraint[] {
  const out = [repeatModificationConstraint(), maxPerturbRatioConstraint(opts.maxPerturbRatio), stopwordConstraint()];
  if (opts.typoDensity?.enabled !== false) out.push(typoDensityConstraint(opts.typoDensity));
  // "an incredibly" -> "an remarkably": a look at the neighbours of the edited words only.
  out.push(articleAgreementConstraint());
  if (opts.protect.length > 0) out.push(protectedSpansConstraint(opts.protect));
  if (opts.posConsistency !== false) out.push(posConsistencyConstraint());
  return out;
}

/** Default constraints whose options a campaign may set by name (`--constraint typo-density=JSON` replaces the default). */
export const tunableDefaultConstraintNames = ['typo-density'] as const;

/** Opt-in constraints a campaign may add by name with JSON options (`--constraint name=JSON`). */
export const optionalConstraintNames = ['protect', 'char-budget', 'embedding-cosine', 'pos-consistency'] as const;

/**
 * The defaults plus a campaign's `--constraint` list: a tunable default named there takes its options from the last
 * such entry instead of being added twice.
 */
export function campaignConstraints(
  opts: { maxPerturbRatio: number; protect: readonly RegExp[]; posConsistency?: boolean },
  refs: readonly { readonly name: string; readonly options: Readonly<Record<string, unknown>> }[],
): Constraint[] {
  const tunable = (name: string) => (tunableDefaultConstraintNames as readonly string[]).includes(name);
  const typoDensity = refs.filter((r) => r.name === 'typo-density').at(-1)?.options as Partial<TypoDensityOptions> | undefined;
  return [
    ...defaultConstraints({ ...opts, ...(typoDensity ? { typoDensity } : {}) }),
    ...refs.filter((r) => !tunable(r.name)).map((r) => createOptionalConstraint(r.name, r.options)),
  ];
}

export function createOptionalConstraint(name: string, options: Readonly<Record<string, unknown>>): Constraint {
  switch (name) {
    case 'protect': {
      const { patterns, ...rest } = options;
      if (patterns !== undefined && !(Array.isArray(patterns) && patterns.every((p) => typeof p === 'string'))) {
        throw new ConfigError('protect: patterns must be a list of regular-expression strings');
      }
      const compiled = compilePatterns((patterns as string[] | undefined) ?? [], (p) => `protect: pattern ${JSON.stringify(p)}`);
      return protectConstraint({ ...(rest as ProtectOptions), patterns: compiled });
    }
    case 'char-budget':
      return charBudgetConstraint(options as CharBudgetOptions);
    case 'embedding-cosine':
      return embeddingCosineConstraint(options as unknown as EmbeddingCosineOptions);
    case 'pos-consistency':
      return posConsistencyConstraint(options as Partial<PosConsistencyOptions>);
    case 'typo-density':
      return typoDensityConstraint(options as Partial<TypoDensityOptions>);
    default:
      throw new UnknownComponentError('constraint', name, [...optionalConstraintNames, ...tunableDefaultConstraintNames]);
  }
}
