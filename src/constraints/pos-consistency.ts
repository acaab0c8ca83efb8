/**
 * @module POS-consistency constraint: a word replaced by a word-level family must keep its part of speech when the
 * text around it is tagged again by wink ("the film was dull" -> "the film was dim" passes; "plot" -> "game" as a
 * verb would not). Only a window of words around the change is re-tagged, so the cost does not grow with the text.
 */
import type { AttackText } from '../core/attack-text.js';
import type { Constraint } from '../core/constraint.js';
import { ConfigError } from '../core/errors.js';
import { tagWords } from '../nlp/wink-analyzer.js';

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
      return norm(tagInWindow(parent, k, opts.window)) === norm(tagInWindow(candidate, k, opts.window));
    },
  };
}

/**
 * Tags already computed, by window (the word's place in it, its words and separators). A campaign asks for the same
 * window again and again: every candidate's parent, and the same replacement reached along other search paths (a
 * third of the calls on MR test). Tagging is a pure function of the window, so the cache changes no result.
 */
let windowTags = new Map<string, string>();
/**
 * Windows held at most; the cache starts again when full. A campaign of 100,000 SST-2/MR lines (experiments/scale)
 * peaked ~275 MB higher with 50,000 windows per worker than with 1,000; the repeats are mostly within one example.
 */
const MAX_CACHED_WINDOWS = 5_000;

/** wink's POS of word `k` of `text`, tagged with `window` words on each side. */
export function tagInWindow(text: AttackText, k: number, window: number): string {
  const from = Math.max(0, k - window);
  const to = Math.min(text.length, k + window + 1);
  const words = text.words.slice(from, to);
  const seps = text.seps.slice(from, to + 1);
  seps[0] = '';
  seps[seps.length - 1] = to === text.length ? text.seps[to]! : '';
  const key = JSON.stringify([k - from, words, seps]);
  const hit = windowTags.get(key);
  if (hit !== undefined) return hit;
  const pos = tagWords(words, seps)[k - from] ?? 'X';
  if (windowTags.size >= MAX_CACHED_WINDOWS) windowTags = new Map();
  windowTags.set(key, pos);
  return pos;
}
