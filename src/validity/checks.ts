/**
 * @module The validity checks a campaign's flips pass, derived in one place from its attack configuration: the
 * constraints every candidate went through and the validity-relevant options of the perturbation families. Every
 * flip passed all of them (candidates that fail a check are never evaluated), so each record lists them by name.
 *
 * To add a check, add one entry: its name (as records and reports show it) and when it is active. Order here is the
 * order in records.
 */
import type { AttackConfig, ComponentRef } from '../contracts/campaign.js';

type Active = (attack: AttackConfig) => boolean;

const hasConstraint =
  (name: string): Active =>
  (a) =>
    (a.constraints ?? []).some((c) => c.name === name);
const family = (a: AttackConfig, name: string): ComponentRef | undefined =>
  a.perturbations.find((p) => p.name === name);
/** A synonym-family check that is on unless its option is set to false or null ("turn it off"). */
const synonymOption =
  (option: string): Active =>
  (a) => {
    const f = family(a, 'synonym') ?? family(a, 'rare-word');
    return f !== undefined && f.options[option] !== false && f.options[option] !== null;
  };

export const ValidityChecks = {
  // Default constraints: always on.
  'one-edit-per-word': () => true,
  'max-perturb-ratio': () => true,
  stopwords: () => true,
  'typo-density': (a) =>
    family(a, 'typo') !== undefined &&
    (a.constraints ?? []).filter((c) => c.name === 'typo-density').at(-1)?.options.enabled !== false,
  'article-agreement': () => true,
  'protected-spans': (a) => a.protect.length > 0,
  'pos-consistency': (a) => a.posConsistency !== false || hasConstraint('pos-consistency')(a),
  // Opt-in constraints (`--constraint`).
  protect: hasConstraint('protect'),
  'char-budget': hasConstraint('char-budget'),
  'embedding-cosine': hasConstraint('embedding-cosine'),
  // Perturbation families' own filters.
  'typo-not-a-word': (a) => family(a, 'typo') !== undefined && family(a, 'typo')!.options.realWords !== true,
  'synonym-no-antonyms': (a) => family(a, 'synonym') !== undefined,
  'synonym-sense-share': (a) => {
    const share = family(a, 'synonym')?.options.minSenseShare;
    return family(a, 'synonym') !== undefined && (share === undefined || (typeof share === 'number' && share > 0));
  },
  // Issue #14's synonym checks, shared by synonym and rare-word replacements (on by default).
  'synonym-fixed-expressions': synonymOption('fixedExpressions'),
  'synonym-not-by-names': synonymOption('nameCheck'),
  'synonym-no-derivations': synonymOption('derivationCheck'),
  'synonym-word-sense': synonymOption('wordSense'),
  'synonym-word-form': synonymOption('minZipf'),
  'synonym-min-cosine': synonymOption('minCosine'),
  'synonym-context-fit': synonymOption('maxContextDrop'),
  // Reorder swaps only inside coordinated lists unless adjacentWords is asked for; fillers only in adverb slots.
  'reorder-grammatical': (a) =>
    family(a, 'reorder') !== undefined && family(a, 'reorder')!.options.adjacentWords !== true,
  'rare-word-adverb-slots': (a) => family(a, 'rare-word') !== undefined,
  // The flip itself: reproduced on re-query, and every one of K re-queries with --verify K > 1.
  verified: () => true,
  'stable-under-requery': (a) => a.verifyRepeats > 1,
} as const satisfies Record<string, Active>;

export type ValidityCheckName = keyof typeof ValidityChecks;

/** Names of the checks active in a campaign, in registry order. */
export function validityChecks(attack: AttackConfig): string[] {
  return Object.entries(ValidityChecks)
    .filter(([, active]) => (active as Active)(attack))
    .map(([name]) => name);
}
