/**
 * @module Is a synonym a derivational variant of the word it replaces? WordNet links "dream" with "dreaming",
 * "laugh" with "laughter", "medal" with "medallion" through shared senses, but the other form breaks the sentence's
 * grammar ("making people laughter"), and judges rejected such swaps (issue #14). Two words are variants when one is
 * a prefix of the other, or its Porter stem is (at least MIN_PREFIX letters), or they share a Porter stem, unless they
 * only differ in British/American spelling (humour/humor, realise/realize, theatre/theater), which is the same word.
 */
import { stem } from './sense-signature.js';

const MIN_PREFIX = 4;

export function isDerivationalVariant(word: string, replacement: string): boolean {
  const a = word.toLowerCase();
  const b = replacement.toLowerCase();
  if (a === b || americanSpelling(a) === americanSpelling(b)) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  // The stem too, so inflected forms count: "laughs" (laugh) -> "laughter".
  const root = stem(short);
  if ((short.length >= MIN_PREFIX && long.startsWith(short)) || (root.length >= MIN_PREFIX && long.startsWith(root)))
    return true;
  return root === stem(long);
}

/** A word in American spelling, for the common British endings: -our, -ise/-isation/-yse, -re. */
function americanSpelling(w: string): string {
  return w
    .replace(/our(s|ed|ing|ful|ite|able|less)?$/, 'or$1')
    .replace(/is(e|es|ed|ing|ation|ations)$/, 'iz$1')
    .replace(/ys(e|es|ed|ing)$/, 'yz$1')
    .replace(/([^aeiou])re(s)?$/, '$1er$2');
}
