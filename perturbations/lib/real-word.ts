/**
 * @module Is a string a real English word? A typo that lands on another word ("hope" -> "hoe", "best" -> "beast")
 * is no longer a slip a reader corrects without thinking: it changes the meaning, and blinded judges rejected such
 * flips (issue #14).
 *
 * A word is real when SUBTLEX-US has it at Zipf >= COMMON_ZIPF, or at Zipf >= LEMMA_ZIPF and WordNet lists it as a
 * lemma ("beet" 2.4, "hoe" 3.0, "abut" 2.1). Neither source alone works: subtitles keep slang and slips ("kep" 2.4,
 * "een" 2.3, "lst" 2.1), which read as typos, and WordNet keeps abbreviations and genus names nobody reads as words
 * ("mst", "thm", "dama"). Measured on SST-2 and MR (experiments/validity-checks/typo-real-words.ts): 2.5 % of the
 * default typo variants are real words by this rule.
 */
import { isWordNetLemma } from './wordnet.js';
import { zipf } from './word-frequency.js';

/** Zipf 3 is once per million words: a word anyone knows, whether or not WordNet lists it ("bled", "dies"). */
export const COMMON_ZIPF = 3;
/** Zipf 2 is about 5 uses in SUBTLEX-US's 51M words. */
export const LEMMA_ZIPF = 2;

export function isRealWord(word: string): boolean {
  const lower = word.toLowerCase();
  const z = zipf(lower);
  if (z === null || z < LEMMA_ZIPF) return false;
  // WordNet lemmas are single tokens here; an apostrophe form ("don't") is never one.
  return z >= COMMON_ZIPF || (/^[a-z]+$/.test(lower) && isWordNetLemma([lower]));
}
