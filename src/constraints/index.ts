/**
 * @module Constraint registry (kebab-case name -> factory from JSON options, for `--constraint name=JSON`) and the
 * default constraint set.
 */
import type { Constraint } from '../core/constraint.js';
import { ConfigError, UnknownComponentError } from '../core/errors.js';
import { articleAgreementConstraint } from './article-agreement.js';
import type { CharBudgetOptions } from './char-budget.js';
import type { EmbeddingCosineOptions } from './embedding-cosine.js';
import type { PosConsistencyOptions } from './pos-consistency.js';
import type { ProtectOptions } from './protect.js';
import { charBudgetConstraint } from './char-budget.js';
import { embeddingCosineConstraint } from './embedding-cosine.js';
import { maxPerturbRatioConstraint } from './max-perturb-ratio.js';
import { posConsistencyConstraint } from './pos-consistency.js';
import { compileProtectPatterns, protectConstraint } from './protect.js';
import { protectedSpansConstraint } from './protected-spans.js';
import { repeatModificationConstraint } from './repeat-modification.js';
import { stopwordConstraint } from './stopword.js';
import { typoDensityConstraint, type TypoDensityOptions } from './typo-density.js';

export { articleAgreementConstraint } from './article-agreement.js';
export { charBudgetConstraint, editDistance, levenshtein, type CharBudgetOptions } from './char-budget.js';
export { embeddingCosineConstraint, type EmbeddingCosineOptions } from './embedding-cosine.js';
export { maxPerturbRatioConstraint, perturbBudget } from './max-perturb-ratio.js';
export { posConsistencyConstraint, type PosConsistencyOptions } from './pos-consistency.js';
export { compileProtectPatterns, protectConstraint, type ProtectOptions } from './protect.js';
export { protectedSpansConstraint } from './protected-spans.js';
export { repeatModificationConstraint } from './repeat-modification.js';
export { stopwordConstraint } from './stopword.js';
export { DEFAULT_TYPO_DENSITY, typoCap, typoDensityConstraint, type TypoDensityOptions } from './typo-density.js';
export { isStopword, NLTK_ENGLISH_STOPWORDS } from '../nlp/stopwords.js';

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

type ConstraintOptions = Readonly<Record<string, unknown>>;

interface NamedConstraint {
  /** `opt-in`: added to the defaults when named; `tunable-default`: a default whose options the name replaces. */
  readonly role: 'opt-in' | 'tunable-default';
  readonly create: (options: ConstraintOptions) => Constraint;
}

/** Options arrive as plain JSON from the campaign config; each factory validates its own. */
function protectFromJson(options: ConstraintOptions): Constraint {
  const { patterns, ...rest } = options;
  if (patterns !== undefined && !(Array.isArray(patterns) && patterns.every((p) => typeof p === 'string'))) {
    throw new ConfigError('protect: patterns must be a list of regular-expression strings');
  }
  const compiled = compileProtectPatterns(patterns ?? [], (p) => `protect: pattern ${JSON.stringify(p)}`);
  return protectConstraint({ ...(rest as ProtectOptions), patterns: compiled });
}

/**
 * The constraints a campaign may name (`--constraint name=JSON`): opt-in ones it adds to the defaults, and defaults
 * whose options it may replace (`tunable-default`). Cheapest opt-in first: protect (cached per text), char-budget (a
 * small DP per edit), embedding-cosine (one 100-d dot product), pos-consistency (a wink pass over a window, ~0.1 ms;
 * also a default, which `--no-pos-consistency` turns off).
 */
export const Constraints = {
  protect: { role: 'opt-in', create: protectFromJson },
  'char-budget': { role: 'opt-in', create: (o) => charBudgetConstraint(o as CharBudgetOptions) },
  'embedding-cosine': {
    role: 'opt-in',
    create: (o) => embeddingCosineConstraint(o as Partial<EmbeddingCosineOptions>),
  },
  'pos-consistency': { role: 'opt-in', create: (o) => posConsistencyConstraint(o as Partial<PosConsistencyOptions>) },
  'typo-density': { role: 'tunable-default', create: (o) => typoDensityConstraint(o as Partial<TypoDensityOptions>) },
} as const satisfies Record<string, NamedConstraint>;

export type ConstraintName = keyof typeof Constraints;

export const constraintNames = Object.keys(Constraints) as ConstraintName[];

function isConstraintName(name: string): name is ConstraintName {
  return Object.hasOwn(Constraints, name);
}

/**
 * The defaults plus a campaign's `--constraint` list: a tunable default named there takes its options from the last
 * such entry instead of being added twice.
 */
export function campaignConstraints(
  opts: { maxPerturbRatio: number; protect: readonly RegExp[]; posConsistency?: boolean },
  refs: readonly { readonly name: string; readonly options: ConstraintOptions }[],
): Constraint[] {
  const tunable = (name: string) => isConstraintName(name) && Constraints[name].role === 'tunable-default';
  const typoDensity = refs.filter((r) => r.name === 'typo-density').at(-1)?.options as
    | Partial<TypoDensityOptions>
    | undefined;
  return [
    ...defaultConstraints({ ...opts, ...(typoDensity ? { typoDensity } : {}) }),
    ...refs.filter((r) => !tunable(r.name)).map((r) => createConstraint(r.name, r.options)),
  ];
}

/** Builds a named constraint; unknown names and invalid options throw ConfigError. */
export function createConstraint(name: string, options: ConstraintOptions = {}): Constraint {
  if (!isConstraintName(name)) throw new UnknownComponentError('constraint', name, constraintNames);
  return Constraints[name].create(options);
}
