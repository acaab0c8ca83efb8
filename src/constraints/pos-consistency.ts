/**
 * @module POS-consistency constraint: a word replaced by a word-level family must keep its part of speech when the
 * text around it is tagged again by wink ("the film was dull" -> "the film was dim" passes; "plot" -> "game" as a
 * verb would not). Only a window of words around the change is re-tagged, so the cost does not grow with the text.
 */
import type { AttackText } from '../core/attack-text.js';
import type { Constraint } from '../core/constraint.js';
import { ConfigError } from '../core/errors.js';
import { winkAnalyzer } from '../nlp/wink-analyzer.js';

export interface PosConsistencyOptions {
  /** Families whose replacements are checked; typos are not words, so their tags mean nothing. */
  readonly families: readonly string[];
  /** Treat NOUN/PROPN and VERB/AUX as the same part of speech (wink swaps them on capitalisation and auxiliaries). */
  readonly coarse: boolean;
  /** Words of context on each side of the changed word that are tagged with it. */
  readonly window: number;
}

export const DEFAULT_POS_CONSISTENCY: PosConsistencyOptions = {
  families: ['synonym', 'rare-word'],
  coarse: true,
  window: 12,
};

const COARSE: Readonly<Record<string, string>> = { PROPN: 'NOUN', AUX: 'VERB' };

export function posConsistencyConstraint(options: Partial<PosConsistencyOptions> = {}): Constraint {
  const opts = { ...DEFAULT_POS_CONSISTENCY, ...options };
  if (!Number.isInteger(opts.window) || opts.window < 0)
    throw new ConfigError('pos-consistency: window must be an integer >= 0');
  const families = new Set(opts.families);
  const norm = (pos: string) => (opts.coarse ? (COARSE[pos] ?? pos) : pos);
  return {
    name: 'pos-consistency',
    allowsCandidate(candidate, parent) {
      const last = candidate.lastEdit;
      if (last === undefined || last.op.kind !== 'replace' || !families.has(last.edit.family)) return true;
      const k = candidate.indexOfId(last.op.id);
      // Compare like with like: the same window of the parent, tagged the same way.
      return norm(tagInWindow(parent, k, opts.window, true)) === norm(tagInWindow(candidate, k, opts.window, false));
    },
  };
}

/** Cache of the parent-side tags: many candidates share one parent and position. */
const parentTags = new WeakMap<AttackText, Map<string, string>>();

/** wink's POS of word `k` of `text`, tagged with `window` words on each side; `remember` caches it for `text`. */
export function tagInWindow(text: AttackText, k: number, window: number, remember: boolean): string {
  let known = parentTags.get(text);
  const key = `${k}:${window}`;
  const hit = known?.get(key);
  if (hit !== undefined) return hit;
  const from = Math.max(0, k - window);
  const to = Math.min(text.length, k + window + 1);
  const seps = text.seps.slice(from, to + 1);
  seps[0] = '';
  seps[seps.length - 1] = to === text.length ? text.seps[to]! : '';
  const pos = winkAnalyzer.analyze(text.words.slice(from, to), seps).words[k - from]?.pos ?? 'X';
  if (!remember) return pos;
  if (known === undefined) {
    known = new Map();
    parentTags.set(text, known);
  }
  known.set(key, pos);
  return pos;
}
