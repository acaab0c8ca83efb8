/**
 * @module `similar`: cosine of word-vector embeddings (src/nlp/text-embedding.ts, the bundled vectors) of the
 * output and the expected text, at least `threshold` (0.75 by default, as in promptfoo). A list of expected texts
 * passes when any one does. `not-similar` passes when the similarity is at most the threshold. promptfoo compares
 * embeddings from a provider (OpenAI's by default); Quiver's are offline, and `quiver serve` answers
 * `/v1/embeddings` with the same vectors so promptfoo can be pointed at them.
 * Margin: how far the best similarity has fallen from 1 toward the threshold (for `not-similar`, how far the lowest
 * has risen from -1 toward it).
 */
import { textSimilarity } from '../nlp/text-embedding.js';
import type { WordVectors } from '../nlp/word-vectors.js';
import { clamp01, type Check } from './check.js';

export const DEFAULT_SIMILAR_THRESHOLD = 0.75;

/** promptfoo's verdict and score: the first expected text that passes decides; when none does, the lowest score. */
export function similar(
  vectors: WordVectors,
  output: string,
  expected: readonly string[],
  threshold: number,
  inverse: boolean,
): Check {
  const sims = expected.map((e) => textSimilarity(vectors, e, output));
  const passes = (s: number) => (inverse ? s <= threshold + Number.EPSILON : s >= threshold - Number.EPSILON);
  const scoreOf = (s: number) => (inverse ? 1 - s : s);
  const first = sims.find(passes);
  const pass = first !== undefined;
  const decisive = inverse ? Math.min(...sims) : Math.max(...sims);
  const score = first !== undefined ? scoreOf(first) : Math.min(...sims.map(scoreOf));
  const span = inverse ? threshold + 1 : 1 - threshold;
  const margin = !pass ? 1 : span <= 0 ? 1 : clamp01(inverse ? (decisive + 1) / span : (1 - decisive) / span);
  const word = inverse ? 'at most' : 'at least';
  return {
    pass,
    score,
    margin,
    reason: pass ? 'Assertion passed' : `Similarity ${decisive.toFixed(2)} is not ${word} the threshold ${threshold}`,
  };
}
