/**
 * @module Rare, meaning-neutral discourse adverbs for rare-word insertion. Each is rarer than rank 15,000 in SUBTLEX-US
 * (or absent from it) and appears in neither the AFINN-165 nor the VADER lexicon (checked by rare-fillers.test.ts).
 * Hedges that change what a sentence claims ("ostensibly", "allegedly") are deliberately left out.
 */
export const RARE_FILLERS: readonly string[] = Object.freeze([
  'forsooth',
  'perchance',
  'verily',
  'heretofore',
  'hitherto',
  'henceforth',
  'thenceforth',
  'thusly',
  'therein',
  'thereof',
  'forthwith',
  'mayhap',
  'withal',
  'thence',
  'whence',
  'hither',
  'thither',
  'ofttimes',
  'betimes',
  'hereinafter',
  'perforce',
  'thereabouts',
  'theretofore',
  'henceforward',
  'therewith',
  'hereabouts',
  'wherein',
  'thereupon',
  'peradventure',
  'howbeit',
]);
