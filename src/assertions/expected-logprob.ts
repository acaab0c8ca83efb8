/**
 * @module The `expected-logprob` search signal: how sure the model was of the span an assertion depends on. P(span)
 * is exp(sum of the logprobs of the output tokens covering the span), the tokens placed by their concatenated text;
 * the margin is 1 − P(span) while the assertion passes, 1 once it fails. Whether an example uses it is decided once,
 * on the original output: its tokens must spell it and give the span a probability below 1 (an endpoint certain of
 * every token, such as a deterministic rule-based model answering logprob 0, gives no gradient). A later output whose
 * tokens are missing or do not line up keeps the original's margin (no evidence of progress), so the signal never
 * changes within an example.
 */
import type { TokenLogprob } from '../core/target.js';
import { clamp01 } from './check.js';
import type { Span, SpanLocator } from './expected-span.js';

/** P(span) from the tokens covering it; null when the tokens do not spell the output or none covers the span. */
export function spanProbability(output: string, tokens: readonly TokenLogprob[], span: Span): number | null {
  if (tokens.map((t) => t.token).join('') !== output) return null;
  let at = 0;
  let sum = 0;
  let covered = false;
  for (const t of tokens) {
    const end = at + t.token.length;
    if (end > span.start && at < span.end) {
      if (!Number.isFinite(t.logprob)) return null;
      sum += t.logprob;
      covered = true;
    }
    at = end;
  }
  return covered ? Math.min(1, Math.exp(sum)) : null;
}

/** P(span) of an output, or null when the span or the tokens are missing or do not line up. */
export function expectedProbability(
  locate: SpanLocator,
  output: string,
  tokens: readonly TokenLogprob[] | undefined,
): number | null {
  if (tokens === undefined) return null;
  const span = locate(output);
  return span === null ? null : spanProbability(output, tokens, span);
}

/**
 * The margin on an output where the assertion passes, given the original's P(span) (`original`, below 1): 1 − P(span)
 * of this output, or the original's margin when this output's tokens cannot place the span.
 */
export function expectedLogprobMargin(
  locate: SpanLocator,
  output: string,
  tokens: readonly TokenLogprob[] | undefined,
  original: number,
): number {
  return clamp01(1 - (expectedProbability(locate, output, tokens) ?? original));
}
