/**
 * @module `quiver serve`'s `/v1/embeddings`: OpenAI's embeddings format, each input embedded as the unit-length mean
 * of its known words' vectors (src/nlp/text-embedding.ts), so promptfoo's `similar` assertion pointed at the server
 * computes the cosines Quiver's own `similar` does. A text without any known word gets the zero vector.
 */
import { textEmbedding } from '../nlp/text-embedding.js';
import type { WordVectors } from '../nlp/word-vectors.js';

export interface EmbeddingModel {
  readonly name: string;
  /** Loaded on the first request. */
  vectors(): WordVectors;
}

type Outcome = { readonly body: object } | { readonly status: number; readonly error: string };

export function embeddingsResponse(model: EmbeddingModel, body: Record<string, unknown>): Outcome {
  if (body.model !== model.name)
    return {
      status: 404,
      error: `The model \`${String(body.model)}\` does not exist; this server embeds with ${model.name}.`,
    };
  const input = body.input;
  const texts =
    typeof input === 'string'
      ? [input]
      : Array.isArray(input) && input.every((t) => typeof t === 'string')
        ? input
        : null;
  if (texts === null || texts.length === 0)
    return { status: 400, error: "'input' must be a string or a non-empty list of strings." };
  const vectors = model.vectors();
  const data = texts.map((text, index) => ({
    object: 'embedding',
    index,
    embedding: Array.from(textEmbedding(vectors, text) ?? new Float32Array(vectors.dims)),
  }));
  const tokens = texts.reduce((n, t) => n + Math.max(1, Math.ceil(t.length / 4)), 0);
  return { body: { object: 'list', data, model: model.name, usage: { prompt_tokens: tokens, total_tokens: tokens } } };
}
