/**
 * @module Which WordNet sense a word has in its text: a simplified Lesk overlap between the context's stems and each
 * sense's signature (sense-signature.ts), the cosine between the context's word-vector centroid and the signature's,
 * and how often the sense is used at all (WordNet's tag counts, sense-counts.ts). "The film is funny and warm" picks
 * "arousing laughter" (amusing, comic) over "deviating from the usual" (odd, peculiar).
 */
import type { WordVectors } from '../../src/nlp/word-vectors.js';
import { dotUnit } from '../../src/nlp/word-vectors.js';
import { senseShare } from './sense-counts.js';
import { senseSignature, stem } from './sense-signature.js';
import { senseOffsetsOf, type WordNetPos } from './wordnet.js';

export interface SenseScore {
  readonly offset: number;
  /** Share of the word's most frequent sense (1 for it), in [0, 1]. */
  readonly prior: number;
  /** Context words whose stem is in the sense's signature. */
  readonly overlap: number;
  /** Cosine of the context centroid to the signature centroid (0 without vectors or known words). */
  readonly cosine: number;
  readonly score: number;
}

// Signature centroids per vector set, then per sense and word (the word itself is left out: it is in every sense).
const centroids = new WeakMap<WordVectors, Map<string, Float32Array | null>>();

// Weights, set on the swaps of the validity review (experiments/synonym-checks/calibrate.ts): a sense's frequency
// decides unless the context says otherwise; one shared content word outweighs a third of the prior, and the vectors
// (cosines after removing the direction all words share, so they spread over about -0.3..0.6) separate senses whose
// glosses share no word with the text.
export const SENSE_WEIGHTS = { prior: 1, overlap: 0.35, cosine: 1 } as const;

/**
 * The first `maxSenses` senses of `lemma` as `pos`, scored against `context` (content lemmas around the word, lower
 * case, without the word itself), best first; ties keep WordNet's order.
 */
export function rankSenses(
  lemma: string,
  pos: WordNetPos,
  context: readonly string[],
  maxSenses: number,
  vectors: WordVectors | null,
): SenseScore[] {
  const offsets = senseOffsetsOf(lemma, pos).slice(0, maxSenses);
  if (offsets.length === 0) return [];
  const own = lemma.toLowerCase();
  const stems = new Set(context.map(stem));
  const raw = vectors?.centroid(context) ?? null;
  const centroid = raw === null ? null : vectors!.centred(raw);
  const signatureCentroid = (offset: number) => {
    let known = centroids.get(vectors!);
    if (known === undefined) {
      known = new Map();
      centroids.set(vectors!, known);
    }
    const key = `${pos}${offset}\u0000${own}`;
    if (!known.has(key)) {
      const c = vectors!.centroid(senseSignature(pos, offset).words.filter((w) => w !== own));
      known.set(key, c === null ? null : vectors!.centred(c));
    }
    return known.get(key)!;
  };
  const scored = offsets.map((offset, order) => {
    const sig = senseSignature(pos, offset);
    let overlap = 0;
    for (const s of stems) if (sig.stems.has(s)) overlap++;
    const sigCentroid = centroid === null ? null : signatureCentroid(offset);
    const cosine = centroid === null || sigCentroid === null ? 0 : dotUnit(centroid, sigCentroid);
    const prior = senseShare(own.replace(/ /g, '_'), pos, offset);
    const score = SENSE_WEIGHTS.prior * prior + SENSE_WEIGHTS.overlap * overlap + SENSE_WEIGHTS.cosine * cosine;
    return { offset, prior, overlap, cosine, score, order };
  });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.map(({ order: _order, ...s }) => s);
}
