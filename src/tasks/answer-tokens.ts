/**
 * @module How a bundled task's answer is given as chat tokens with log-probabilities, for `quiver serve` requests that
 * ask for logprobs: the answer split into word and punctuation tokens (spaces glued to the token after them, as
 * BPE tokenizers do), so the tokens spell the answer exactly; the first token's logprob and alternatives come from
 * the task's own scores (a softmax over its logits); every later token follows from the first by the task's rules and
 * is given logprob 0. These are rule-based models: the numbers are their evidence counts turned into probabilities,
 * not a language model's.
 */

export interface ScoredToken {
  readonly token: string;
  readonly logprob: number;
  /** The alternatives at this position, most probable first (the chosen token among them). */
  readonly top: readonly { readonly token: string; readonly logprob: number }[];
}

/** Words (letters and digits) and single other characters, each with the spaces before it; trailing spaces last. */
export function answerTokens(text: string): string[] {
  return text.match(/\s*(?:[\p{L}\p{N}]+|[^\s\p{L}\p{N}])|\s+/gu) ?? [];
}

/** log softmax(logits / temperature), by name. */
export function logSoftmax(logits: Readonly<Record<string, number>>, temperature = 1): Record<string, number> {
  const scaled = Object.entries(logits).map(([k, z]) => [k, z / temperature] as const);
  const max = Math.max(...scaled.map(([, z]) => z));
  const logSum = max + Math.log(scaled.reduce((s, [, z]) => s + Math.exp(z - max), 0));
  return Object.fromEntries(scaled.map(([k, z]) => [k, z - logSum]));
}

/**
 * The answer's tokens: the first with its logprob among `firstLogprobs` (whose keys are the possible first tokens),
 * the rest certain. Throws if the answer's first token is not among them (a task and its scores disagreeing).
 */
export function scoredTokens(answer: string, firstLogprobs: Readonly<Record<string, number>>): ScoredToken[] {
  const tokens = answerTokens(answer);
  const first = tokens[0];
  if (first === undefined || firstLogprobs[first] === undefined)
    throw new Error(`internal: the first token of ${JSON.stringify(answer)} has no score`);
  const top = Object.entries(firstLogprobs)
    .map(([token, logprob]) => ({ token, logprob }))
    .sort((a, b) => b.logprob - a.logprob);
  return tokens.map((token, i) =>
    i === 0 ? { token, logprob: firstLogprobs[first]!, top } : { token, logprob: 0, top: [{ token, logprob: 0 }] },
  );
}

/** Every token certain: a deterministic answer (the expected-logprob signal then falls back). */
export function certainTokens(answer: string): ScoredToken[] {
  return answerTokens(answer).map((token) => ({ token, logprob: 0, top: [{ token, logprob: 0 }] }));
}
