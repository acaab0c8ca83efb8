/**
 * @module Typo-density constraint (on by default): at most min(maxPerSentence, max(perSentence, ceil(words /
 * wordsPerTypo))) typo edits in any one sentence of the original text. Blinded judges marked sentences with three or
 * more slips ("laguhs … gdentle … genlte … coemdy") as text nobody would write, so a flip may not pile typos into one
 * sentence.
 */
import type { AttackText } from '../core/attack-text.js';
import type { Constraint } from '../core/constraint.js';
import { ConfigError } from '../core/errors.js';

export interface TypoDensityOptions {
  /** False turns the cap off. */
  readonly enabled: boolean;
  /** Typos every sentence may take, however short. */
  readonly perSentence: number;
  /** A longer sentence may take one typo per this many words (rounded up), when that exceeds `perSentence`. */
  readonly wordsPerTypo: number;
  /**
   * ...but never more than this in one sentence, however long: judges marked 25-35-word sentences with 4-5 typos
   * questionable (issue #14).
   */
  readonly maxPerSentence: number;
  /** Edit families that count as typos. */
  readonly families: readonly string[];
}

export const DEFAULT_TYPO_DENSITY: TypoDensityOptions = {
  enabled: true,
  perSentence: 2,
  wordsPerTypo: 7,
  maxPerSentence: 3,
  families: ['typo'],
};

/** Typos allowed in a sentence of `words` words: 2 below 15 words, 3 from 15 on (defaults). */
export function typoCap(
  words: number,
  opts: Pick<TypoDensityOptions, 'perSentence' | 'wordsPerTypo' | 'maxPerSentence'> = DEFAULT_TYPO_DENSITY,
): number {
  return Math.min(opts.maxPerSentence, Math.max(opts.perSentence, Math.ceil(words / opts.wordsPerTypo)));
}

// A sentence ends at terminal punctuation followed by whitespace, or at a line break.
const SENTENCE_END = /[.!?…]['"’”)\]]*\s|\n/u;

interface Sentences {
  /** Sentence number of each original word position (one extra slot for "after the last word"). */
  readonly of: Uint32Array;
  /** Word count of each sentence. */
  readonly words: number[];
}

function splitSentences(original: AttackText): Sentences {
  const n = original.originalWordCount;
  const of = new Uint32Array(n + 1);
  const words: number[] = [];
  let s = -1;
  for (let k = 0; k < n; k++) {
    if (k === 0 || SENTENCE_END.test(original.seps[k]!)) {
      s++;
      words.push(0);
    }
    of[k] = s;
    words[s]!++;
  }
  // Appended words belong to the last sentence.
  of[n] = Math.max(s, 0);
  if (words.length === 0) words.push(0);
  return { of, words };
}

export function typoDensityConstraint(options: Partial<TypoDensityOptions> = {}): Constraint {
  const opts = resolveTypoDensity(options);
  const cache = new WeakMap<AttackText, Sentences>();
  const sentencesOf = (original: AttackText): Sentences => {
    let s = cache.get(original);
    if (s === undefined) {
      s = splitSentences(original);
      cache.set(original, s);
    }
    return s;
  };
  const families = new Set(opts.families);
  // Typos per sentence of a parent text: the many candidates of one expansion share it.
  const counts = new WeakMap<AttackText, Uint16Array>();
  const typosOf = (parent: AttackText, sentences: Sentences): Uint16Array => {
    let c = counts.get(parent);
    if (c === undefined) {
      c = new Uint16Array(sentences.words.length);
      for (const a of parent.applied) if (families.has(a.edit.family)) c[sentences.of[a.edit.position]!]!++;
      counts.set(parent, c);
    }
    return c;
  };
  return {
    name: 'typo-density',
    allowsCandidate(candidate, parent, ctx) {
      const last = candidate.lastEdit;
      // Only a new typo can break the cap; the parent already kept it.
      if (!opts.enabled || last === undefined || !families.has(last.edit.family)) return true;
      const sentences = sentencesOf(ctx.original);
      const sentence = sentences.of[last.edit.position]!;
      return typosOf(parent, sentences)[sentence]! + 1 <= typoCap(sentences.words[sentence]!, opts);
    },
  };
}

function resolveTypoDensity(options: Partial<TypoDensityOptions>): TypoDensityOptions {
  const valid = Object.keys(DEFAULT_TYPO_DENSITY);
  for (const key of Object.keys(options)) {
    if (!valid.includes(key))
      throw new ConfigError(`typo-density: unknown option "${key}"; valid options: ${valid.join(', ')}`);
  }
  const opts = { ...DEFAULT_TYPO_DENSITY, ...options };
  if (typeof opts.enabled !== 'boolean') throw new ConfigError('typo-density: enabled must be a boolean');
  for (const key of ['perSentence', 'wordsPerTypo', 'maxPerSentence'] as const) {
    const v = opts[key];
    if (!(Number.isInteger(v) && v >= 1))
      throw new ConfigError(`typo-density: ${key} must be an integer >= 1, got ${JSON.stringify(v)}`);
  }
  if (opts.maxPerSentence < opts.perSentence)
    throw new ConfigError('typo-density: maxPerSentence must be >= perSentence');
  if (!(Array.isArray(opts.families) && opts.families.every((f) => typeof f === 'string'))) {
    throw new ConfigError('typo-density: families must be a list of family names');
  }
  return opts;
}
