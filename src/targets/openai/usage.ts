/**
 * @module What one answer cost: tokens from the endpoint's `usage`, USD from the configured price table, latency,
 * retries.
 */
import type { Usage } from '../../core/target.js';
import type { Price } from './options.js';

export function costUsd(price: Price, promptTokens: number, completionTokens: number): number {
  return (promptTokens * price.inputPerMTok + completionTokens * price.outputPerMTok) / 1_000_000;
}

export function answerUsage(
  price: Price,
  tokens: { readonly promptTokens: number; readonly completionTokens: number },
  latencyMs: number,
  retries: number,
): Usage {
  return {
    promptTokens: tokens.promptTokens,
    completionTokens: tokens.completionTokens,
    costUsd: costUsd(price, tokens.promptTokens, tokens.completionTokens),
    latencyMs: Math.round(latencyMs),
    retries,
  };
}

/** A replayed answer costs nothing and takes no time at the endpoint. */
export const cachedUsage: Usage = Object.freeze({
  promptTokens: 0,
  completionTokens: 0,
  costUsd: 0,
  latencyMs: 0,
  retries: 0,
});

/** Rough token count before sending (about 4 characters per token), for the tokens-per-minute limit. */
export function estimateTokens(chars: number, maxTokens: number): number {
  return Math.ceil(chars / 4) + maxTokens;
}
