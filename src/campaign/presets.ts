/**
 * @module Tiered presets: one suite, three depths. Each fills the flags the user did not set: sample size, search
 * depth, per-example query budget, stability samples and flip verification.
 */
import { ConfigError } from '../core/errors.js';

export interface Preset {
  readonly description: string;
  readonly limit: number | null;
  readonly maxQueries: number;
  readonly stabilitySamples: number;
  readonly verify: number;
  /** Options for the search (beam width of `abs`). */
  readonly searchOptions: Readonly<Record<string, unknown>>;
}

export const presets = {
  smoke: {
    description: 'a quick check on every change: 20 examples, narrow beam, 300 queries each',
    limit: 20,
    maxQueries: 300,
    stabilitySamples: 5,
    verify: 1,
    searchOptions: { beamWidth: 2 },
  },
  nightly: {
    description: 'the nightly campaign: 500 examples, the default beam, 2,000 queries each',
    limit: 500,
    maxQueries: 2000,
    stabilitySamples: 20,
    verify: 1,
    searchOptions: {},
  },
  release: {
    description: 'before a release: every example, a wide beam, 10,000 queries each, flips verified 3 times',
    limit: null,
    maxQueries: 10000,
    stabilitySamples: 50,
    verify: 3,
    searchOptions: { beamWidth: 8 },
  },
} as const satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;

export function getPreset(name: string): Preset {
  if (!Object.hasOwn(presets, name)) {
    throw new ConfigError(`unknown preset "${name}"; valid presets: ${Object.keys(presets).join(', ')}`);
  }
  return presets[name as PresetName];
}
