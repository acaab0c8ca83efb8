/**
 * @module Tiered presets: one suite, three depths. Each fills the flags the user did not set: sample size, search
 * depth, per-example query budget, stability samples and flip verification.
 */
import type { ComponentRef } from '../contracts/campaign.js';
import { ConfigError } from '../core/errors.js';
import type { JudgeReject } from '../core/judge.js';

/**
 * How strictly a preset judges what a flip is worth. The hook for stricter validity settings: a check that is an
 * opt-in constraint goes into `constraints` (added unless the user already gave a constraint of that name).
 */
export interface PresetValidity {
  /** Applies when a judge is given (`--judge`) and `--judge-reject` is not. */
  readonly judgeReject: JudgeReject;
  readonly constraints: readonly ComponentRef[];
}

export interface Preset {
  readonly description: string;
  readonly limit: number | null;
  readonly maxQueries: number;
  readonly stabilitySamples: number;
  readonly verify: number;
  /** Options for the search (beam width of `abs`). */
  readonly searchOptions: Readonly<Record<string, unknown>>;
  readonly validity: PresetValidity;
}

export const presets = {
  smoke: {
    description: 'a quick check on every change: 20 examples, narrow beam, 300 queries each',
    limit: 20,
    maxQueries: 300,
    stabilitySamples: 5,
    verify: 1,
    searchOptions: { beamWidth: 2 },
    validity: { judgeReject: 'invalid', constraints: [] },
  },
  nightly: {
    description: 'the nightly campaign: 500 examples, the default beam, 2,000 queries each',
    limit: 500,
    maxQueries: 2000,
    stabilitySamples: 20,
    verify: 1,
    searchOptions: {},
    validity: { judgeReject: 'invalid', constraints: [] },
  },
  release: {
    description:
      'before a release: every example, a wide beam, 10,000 queries each, flips verified 3 times, at most one typo ' +
      'per sentence, a judge rejects questionable flips too',
    limit: null,
    maxQueries: 10000,
    stabilitySamples: 50,
    verify: 3,
    searchOptions: { beamWidth: 8 },
    // The strictest settings available: a judge rejects questionable flips as well as invalid ones, and a sentence
    // carries at most one typo (readers already stumble on two in a short one). The synonym checks and
    // pos-consistency are on by default in every preset.
    validity: {
      judgeReject: 'questionable',
      constraints: [{ name: 'typo-density', options: { perSentence: 1, wordsPerTypo: 15 } }],
    },
  },
} as const satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;

export function getPreset(name: string): Preset {
  if (!Object.hasOwn(presets, name)) {
    throw new ConfigError(`unknown preset "${name}"; valid presets: ${Object.keys(presets).join(', ')}`);
  }
  return presets[name as PresetName];
}
