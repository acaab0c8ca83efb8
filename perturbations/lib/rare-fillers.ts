/**
 * @module Rare, meaning-neutral sentence adverbs for rare-word insertion. Each is rarer than rank 15,000 in SUBTLEX-US,
 * appears in neither the AFINN-165 nor the VADER lexicon, is neutral to wink and tagged ADV by it (all checked by
 * rare-fillers.test.ts). Every one reads in each slot of lib/filler-slots.ts without a comma: "verily the plot ...",
 * "is verily good", "it verily works". Left out: words that are no free-standing adverb ("therein", "whence",
 * "hereabouts"), ones that change what is said ("henceforth", "ofttimes", "hitherto", "withal"), and hedges that
 * change what a sentence claims ("ostensibly", "allegedly").
 */
export const RARE_FILLERS: readonly string[] = Object.freeze([
  'verily',
  'perchance',
  'mayhap',
  'forsooth',
  'belike',
  'indubitably',
  'veritably',
  'undeniably',
  'unquestionably',
]);
