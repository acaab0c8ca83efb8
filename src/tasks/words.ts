/**
 * @module The word handling the rule-based tasks share: lower-cased word tokens and their Porter stems, so
 * "charged", "charges" and "charge" meet one lexicon entry while a typo ("chargd") or an unlisted synonym does not.
 */
import { porterStem } from '../nlp/porter.js';

export function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [];
}

export function stem(word: string): string {
  return porterStem(word.toLowerCase());
}

export function stems(text: string): string[] {
  return words(text).map(stem);
}

/** Each phrase of the lexicon as its stems, e.g. "log in" -> ["log", "in"]. */
export function stemPhrases(phrases: readonly string[]): string[][] {
  return phrases.map((p) => stems(p));
}

/** How many times any of the phrases occurs in the stem sequence (phrases of several words match consecutively). */
export function countMatches(text: readonly string[], phrases: readonly (readonly string[])[]): number {
  let n = 0;
  for (const phrase of phrases) {
    for (let i = 0; i + phrase.length <= text.length; i++) {
      if (phrase.every((s, k) => text[i + k] === s)) n++;
    }
  }
  return n;
}
