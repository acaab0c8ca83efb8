/**
 * @module Character-budget constraint: bounds the Levenshtein distance of each edit and of all edits together
 * (absolute, or as a share of the original text's characters), so a few long rewrites cannot pass as "few words".
 */
import type { AppliedEdit } from '../core/attack-text.js';
import type { Constraint } from '../core/constraint.js';
import { sequenceDistance } from '../core/edit-distance.js';
import { ConfigError } from '../core/errors.js';

export interface CharBudgetOptions {
  /** Most characters one edit may change (Levenshtein distance of its `from` and `to`). */
  readonly maxPerEdit?: number;
  /** Most characters all edits may change together. */
  readonly maxTotal?: number;
  /** Most characters all edits may change together, as a share of the original text's length (rounded up). */
  readonly maxRatio?: number;
}

/** Levenshtein distance in code points (so an emoji or a confusable letter counts once). */
export function levenshtein(a: string, b: string): number {
  return a === b ? 0 : sequenceDistance(Array.from(a), Array.from(b));
}

const distances = new WeakMap<AppliedEdit, number>();

/**
 * Characters an edit changes: Levenshtein of its `from` and `to` (a replaced word, or a moved span); an insertion
 * adds its word and one space. Summed over edits this bounds the distance between original and perturbed text.
 */
export function editDistance(a: AppliedEdit): number {
  let d = distances.get(a);
  if (d === undefined) {
    d = a.op.kind === 'insert' ? Array.from(a.edit.to).length + 1 : levenshtein(a.edit.from, a.edit.to);
    distances.set(a, d);
  }
  return d;
}

export function charBudgetConstraint(options: CharBudgetOptions): Constraint {
  const { maxPerEdit = Infinity, maxTotal = Infinity, maxRatio } = options;
  for (const [k, v] of Object.entries(options)) {
    if (v !== undefined && !(typeof v === 'number' && v >= 0))
      throw new ConfigError(`char-budget: ${k} must be a number >= 0`);
  }
  if (maxRatio !== undefined && maxRatio > 1) throw new ConfigError('char-budget: maxRatio must be in [0, 1]');
  const budget = (originalLength: number) =>
    Math.min(maxTotal, maxRatio === undefined ? Infinity : Math.ceil(maxRatio * originalLength - 1e-9));
  return {
    name: 'char-budget',
    allowsIndex(text, _index, ctx) {
      let used = 0;
      for (const a of text.applied) used += editDistance(a);
      return used < budget(ctx.original.text.length);
    },
    allowsCandidate(candidate, _parent, ctx) {
      const last = candidate.lastEdit;
      if (last === undefined) return true;
      if (editDistance(last) > maxPerEdit) return false;
      let used = 0;
      for (const a of candidate.applied) used += editDistance(a);
      return used <= budget(ctx.original.text.length);
    },
  };
}
