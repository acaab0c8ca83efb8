/**
 * @module Replacements for one word: WordNet synonyms of its lemma, re-inflected and case-matched (synonym, rare-word).
 */
import type { WordInfo } from '../../src/core/analysis.js';
import { detectForm, inflect, matchCase } from './inflect.js';
import { hasCapitalisedNounSense, synonyms, type WordNetPos } from './wordnet.js';

export interface SynonymCandidateOptions {
  /** Synonyms come from the lemma's first `maxSenses` WordNet senses. */
  readonly maxSenses: number;
  /** At most this many replacements, in sense order. */
  readonly maxCandidates: number;
  /** Allow multi-word and hyphenated synonyms ("motion picture"). */
  readonly multiWord: boolean;
  /** Keep synonyms WordNet sets against the word (only to measure what the antonym filter removes). */
  readonly keepAntonyms?: boolean;
  /**
   * The sense a synonym shares with the word must be a real use of both: at least this share of each word's most
   * frequent sense by WordNet's tag counts. Sharing a rare sense is how WordNet pairs drift apart in meaning
   * ("bad" -> "big" through "a bad cold", "bread" -> "cabbage" through slang for money). 0 turns it off.
   */
  readonly minSenseShare?: number;
  /** Only these senses (synset offsets): the sense word-sense.ts chose for the word's context. */
  readonly senses?: readonly number[];
}

// Only open-class words have WordNet synonyms; PROPN, AUX, PRON, DET... never get any.
export const WORDNET_POS: Readonly<Record<string, WordNetPos>> = { NOUN: 'n', VERB: 'v', ADJ: 'a', ADV: 'r' };

const SINGLE_WORD = /^[a-z]+$/;
const MULTI_WORD = /^[a-z]+(?:[- ][a-z]+)*$/;

// Per options object (each perturbation keeps its own), then per word: a cheap key on the hot path.
const cache = new WeakMap<SynonymCandidateOptions, Map<string, readonly string[]>>();

/**
 * Replacements for `word` given its analysis, most frequent sense first: alphabetic, in the original's inflection
 * and case, never the word itself. Entity words and capitalised words that WordNet also knows as a name
 * ("John", "May") get none.
 */
export function synonymCandidates(
  word: string,
  info: WordInfo | undefined,
  options: SynonymCandidateOptions,
): readonly string[] {
  if (info === undefined || info.entity) return [];
  const pos = WORDNET_POS[info.pos];
  if (pos === undefined) return [];
  let known = cache.get(options);
  if (known === undefined) {
    known = new Map();
    cache.set(options, known);
  }
  const key = `${word}\u0000${pos}\u0000${info.lemma}\u0000${options.senses?.join(',') ?? '*'}`;
  const hit = known.get(key);
  if (hit !== undefined) return hit;
  const out = compute(word, info.lemma, pos, options);
  known.set(key, out);
  return out;
}

function compute(word: string, lemma: string, pos: WordNetPos, options: SynonymCandidateOptions): readonly string[] {
  if (pos === 'n' && word !== word.toLowerCase() && hasCapitalisedNounSense(word)) return [];
  const form = detectForm(word, lemma, pos);
  if (form === null) return [];
  const allowed = options.multiWord ? MULTI_WORD : SINGLE_WORD;
  const own = word.toLowerCase();
  const seen = new Set<string>();
  const out: string[] = [];
  const wn = {
    maxSenses: options.maxSenses,
    multiWord: options.multiWord,
    keepAntonyms: options.keepAntonyms === true,
    minSenseShare: options.minSenseShare ?? 0,
    ...(options.senses === undefined ? {} : { senses: options.senses }),
  };
  for (const synonym of synonyms(lemma, pos, wn)) {
    if (out.length >= options.maxCandidates) break;
    // Capitalised members are names or acronyms ("Hollywood", "TV"); case-matching them would mangle them.
    if (!allowed.test(synonym)) continue;
    const inflected = inflect(synonym, form, pos);
    if (inflected === null) continue;
    const cased = matchCase(word, inflected);
    const folded = cased.toLowerCase();
    if (folded === own || seen.has(folded)) continue;
    seen.add(folded);
    out.push(cased);
  }
  return Object.freeze(out);
}
