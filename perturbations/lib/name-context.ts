/**
 * @module Is a word next to a name? SST-2 and MR are lower-cased, so "who is cletis tout ?" gives no capital to say
 * that "tout" is part of a name; a synonym then rewrites the name ("cletis brag"), which judges rejected (issue #14).
 * Cheap signs of a name next door: wink tags the neighbour PROPN, or the neighbour is no
 * dictionary word at all (neither in SUBTLEX-US nor a WordNet lemma: "cletis").
 */
import type { WordInfo } from '../../src/core/analysis.js';
import { isWordNetLemma } from './wordnet.js';
import { zipf } from './word-frequency.js';

const LETTERS = /^\p{L}+$/u;

/**
 * Is original word `id` next to a likely name? `words` is the original text's analysis. Lemmas stand for the words:
 * an unknown word is its own (lower-cased) lemma, a known one has a dictionary lemma, and a typo later put on the
 * neighbour does not make it look like a name.
 */
export function nextToName(words: readonly WordInfo[], id: number): boolean {
  for (const k of [id - 1, id + 1]) {
    const info = words[k];
    if (info === undefined) continue;
    // Not wink's entities: they are dates and numbers ("a movie yesterday"), not names.
    if (info.pos === 'PROPN') return true;
    const w = info.lemma;
    // Punctuation, numbers and clitics ("n't") say nothing either way.
    if (LETTERS.test(w) && zipf(w) === null && !isWordNetLemma([w])) return true;
  }
  return false;
}
