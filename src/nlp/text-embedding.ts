/**
 * @module A sentence embedding from word vectors: the unit-length mean of the unit vectors of a text's known words
 * (lower-cased letter-and-digit runs). Offline and deterministic; `similar` assertions and `quiver serve`'s
 * `/v1/embeddings` share it, so promptfoo pointed at the server sees the cosines Quiver computes.
 */
import { dotUnit, type WordVectors } from './word-vectors.js';

export function embeddingWords(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** The text's embedding, or null when none of its words is in the vocabulary. */
export function textEmbedding(vectors: WordVectors, text: string): Float32Array | null {
  return vectors.centroid(embeddingWords(text));
}

/**
 * Cosine of two texts' embeddings. When either has no known word the texts are compared as word lists instead:
 * 1 when equal, else 0, so two empty outputs are similar and an unknown word never matches a known one.
 */
export function textSimilarity(vectors: WordVectors, a: string, b: string): number {
  const x = textEmbedding(vectors, a);
  const y = textEmbedding(vectors, b);
  if (x === null || y === null) return embeddingWords(a).join(' ') === embeddingWords(b).join(' ') ? 1 : 0;
  return dotUnit(x, y);
}
