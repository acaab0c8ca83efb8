/**
 * @module What a WordNet sense is about, as words: its synset's members, the content words of its gloss and examples,
 * and the members of the synsets one meaning-preserving pointer away (hypernym, similar-to, derivation...). Word-sense
 * choice (word-sense.ts) compares a text's context with these, by stem overlap (Lesk) and by word vectors.
 */
import { porterStem } from '../../src/nlp/porter.js';
import { isStopword } from '../../src/nlp/stopwords.js';
import { membersOf, relatedSynsets, synsetGloss, type WordNetPos } from './wordnet.js';

export interface SenseSignature {
  /** Plain lower-case words (members split at spaces and hyphens), for a vector centroid. */
  readonly words: readonly string[];
  /** Porter stems of `words`, for overlap with the context's stems. */
  readonly stems: ReadonlySet<string>;
}

/**
 * Stems by word. The stemmer is a chain of regular-expression rewrites (~5-20 µs a word), and the same words come back
 * in every gloss and every context: sense choice stems the context of each word it looks at.
 */
const stems = new Map<string, string>();

const WORD = /[a-z]+/g;
const cache = new Map<string, SenseSignature>();

/** Content words of a phrase or gloss: letters only, no stopwords, at least three letters. */
export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).filter((w) => w.length >= 3 && !isStopword(w));
}

export function stem(word: string): string {
  let out = stems.get(word);
  if (out === undefined) {
    out = porterStem(word);
    stems.set(word, out);
  }
  return out;
}

/** The signature of synset `offset` of part of speech `pos` (computed once per thread). */
export function senseSignature(pos: WordNetPos, offset: number): SenseSignature {
  const key = `${pos}${offset}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const words = new Set<string>();
  for (const m of membersOf(pos, offset)) for (const w of contentWords(m)) words.add(w);
  for (const w of contentWords(synsetGloss(pos, offset))) words.add(w);
  for (const r of relatedSynsets(pos, offset))
    for (const m of membersOf(r.pos, r.offset)) for (const w of contentWords(m)) words.add(w);
  const list = [...words];
  const out = { words: list, stems: new Set(list.map(stem)) };
  cache.set(key, out);
  return out;
}
