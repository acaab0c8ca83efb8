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

const hasConstraint = (name: string): Active => (a) => (a.constraints ?? []).some((c) => c.name === name);
const family = (a: AttackConfig, name: string): ComponentRef | undefined => a.perturbations.find((p) => p.name === name);

export const ValidityChecks = {
  // Default constraints: always on.
  'one-edit-per-word': () => true,
  'max-perturb-ratio': () => true,
  stopwords: () => true,
  'protected-spans': (a) => a.protect.length > 0,
  // Opt-in constraints (`--constraint`).
  protect: hasConstraint('protect'),
  'char-budget': hasConstraint('char-budget'),
  'embedding-cosine': hasConstraint('embedding-cosine'),
  'pos-consistency': hasConstraint('pos-consistency'),
  // Perturbation families' own filters.
  'synonym-no-antonyms': (a) => family(a, 'synonym') !== undefined,
  'synonym-sense-share': (a) => {
    const share = family(a, 'synonym')?.options.minSenseShare;
    return family(a, 'synonym') !== undefined && (share === undefined || (typeof share === 'number' && share > 0));
  },
  'synonym-min-cosine': (a) => typeof family(a, 'synonym')?.options.minCosine === 'number',
  // The flip itself: reproduced on re-query, and every one of K re-queries with --verify K > 1.
  verified: () => true,
  'stable-under-requery': (a) => a.verifyRepeats > 1,
} as const satisfies Record<string, Active>;

export type ValidityCheckName = keyof typeof ValidityChecks;

/** Names of the checks active in a campaign, in registry order. */
export function validityChecks(attack: AttackConfig): string[] {
  return Object.entries(ValidityChecks).filter(([, active]) => (active as Active)(attack)).map(([name]) => name);
}
