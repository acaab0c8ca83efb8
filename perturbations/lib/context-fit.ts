/**
 * @module Context fit of a word replacement, offline: how much closer the original word sits to its context than the
 * replacement does, in word-vector space. A synonym of the wrong sense or register drifts away from the words around
 * it ("a lack of humor" -> "temper", "the stirring score" -> "budging"), while a good one stays about as close.
 */
import type { WordVectors } from '../../src/nlp/word-vectors.js';

/**
 * cos(original, context) - cos(replacement, context), with `context` a unit centroid of the words around the
 * original. null when the original is not in the vocabulary (nothing to compare with); Infinity when only the
 * replacement is not (the vocabulary holds the 50k most frequent words, so it is rare: it cannot be shown to fit).
 */
export function contextFitDrop(
  vectors: WordVectors,
  original: string,
  replacement: string,
  context: Float32Array,
): number | null {
  const before = vectors.cosineTo(original, context);
  if (before === null) return null;
  const after = vectors.cosineTo(replacement, context);
  return after === null ? Number.POSITIVE_INFINITY : before - after;
}
