/**
 * @module Variants of a sentence that stress a sentiment scorer's tokenising: capitals, punctuation glued to words,
 * quotes and exclamations, commas before every word, marks between words, and negations. Tests that check a faster
 * scorer against the original compare them on each variant of each dataset sentence.
 */
export function scorerVariants(text: string): string[] {
  return [
    text,
    text.toUpperCase(),
    text.replace(/ ([.,!?;:'"])/g, '$1'),
    `"${text}!!"`,
    text.replace(/ /g, ' ,'),
    `??${text.split(' ').join('!? ')}`,
    `not ${text}`,
    `I don't think ${text}`,
  ];
}
