/**
 * @module Which indefinite article a word takes, by its spelling: "an" before a vowel letter, "a" otherwise, with the
 * common words whose sound disagrees with their first letter ("an hour", "a unique", "a one-off", "a European").
 * A heuristic (no pronunciation dictionary): callers compare two words under the same rule, so its rare mistakes
 * mostly cancel out.
 */

// Silent h: "an hour", "an honest", "an honour", "an heir" and their derived forms ("hourly", "honestly").
const AN_BEFORE_CONSONANT = /^(?:hour|honest|hono(?:u)?r|heir)/;
// A vowel letter read as a consonant: "a one", "a once-great", "a unique", "a university", "a useful", "a usual",
// "a user", "a European", "a utopia", "a euphemism". Only the uni- words said "you-ni" ("a unit", "a union",
// "a uniform"): "an uninspired", "an unimaginative", "an unidentified" keep "an".
const A_BEFORE_VOWEL =
  /^(?:one(?![a-z])|ones(?![a-z])|once|eu|ewe|uni(?:que|t|v|f|on|c|s)|use|usu|uti|uto|ura|ure|uri|ufo|ubiq)/;

/** "a" or "an" for `word` (any case); undefined when it does not start with a letter ("8", "'90s"). */
export function indefiniteArticleFor(word: string): 'a' | 'an' | undefined {
  const w = word.toLowerCase();
  if (!/^[a-z]/.test(w)) return undefined;
  if (AN_BEFORE_CONSONANT.test(w)) return 'an';
  if (A_BEFORE_VOWEL.test(w)) return 'a';
  return /^[aeiou]/.test(w) ? 'an' : 'a';
}
