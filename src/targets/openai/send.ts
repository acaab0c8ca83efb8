/**
 * @module Sends one chat completion through the shared limiter with Quiver's own retries (the SDK's are off, so the
 * limiter sees every attempt): transient failures (a 200 that is not a chat completion among them) are retried
 * `retries` times with jittered exponential back-off, 429s up to four times as often after the pause the endpoint
 * asked for (the limiter decides whether everyone pauses or only the retried request waits). Every answer's
 * `x-ratelimit-*` headers pace the limiter. A request that keeps failing while other requests succeed gives up with
 * an Error (its example is `errored`); while no request succeeds at all it keeps trying until the breaker decides, so
 * an outage, or an endpoint answering only 429s, stops the campaign (CampaignAbortError) instead of recording its
 * examples as errored. Jitter comes from a seeded generator: retries change timing, never results.
 */
import { APIError, type default as OpenAI } from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { CampaignAbortError } from '../../core/errors.js';
import type { Rng } from '../../core/rng.js';
import { classifyFailure, RequestRefusedError, timedOut } from './failures.js';
import { checkChatFormat } from './format.js';
import { now, type Limiter } from './limiter.js';
import { readRateLimitHeaders } from './ratelimit-headers.js';

export interface SendContext {
  readonly client: OpenAI;
  readonly limiter: Limiter;
  readonly endpoint: string;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly rng: Rng;
  /** The API key, only to scrub it out of error messages. */
  readonly secret: string | undefined;
}

export interface Sent {
  readonly completion: ChatCompletion;
  readonly retries: number;
  /** From the first attempt's start to the answer, back-off included. */
  readonly latencyMs: number;
}

const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 8_000;
const RATE_LIMIT_RETRY_FACTOR = 4;

export async function send(
  ctx: SendContext,
  body: ChatCompletionCreateParamsNonStreaming,
  estimatedTokens: number,
): Promise<Sent> {
  let transientFailures = 0;
  let rateLimits = 0;
  let firstAttemptAt: number | undefined;
  let firstFailureAt: number | undefined;
  let firstRateLimitAt: number | undefined;
  for (;;) {
    const permit = await ctx.limiter.acquire(estimatedTokens);
    firstAttemptAt ??= permit.startedAt;
    // The SDK's own timeout stops at the response headers; this one also covers the body, which a slow endpoint
    // can trickle for ever.
    const signal = AbortSignal.timeout(ctx.timeoutMs);
    try {
      const { data, response } = await ctx.client.chat.completions
        .create(body, { timeout: ctx.timeoutMs, maxRetries: 0, signal })
        .withResponse();
      ctx.limiter.observe(readRateLimitHeaders(response.headers));
      const completion = checkChatFormat(data as unknown, ctx.secret);
      const used = completion.usage?.total_tokens ?? estimatedTokens;
      ctx.limiter.succeeded(permit, used);
      return { completion, retries: transientFailures + rateLimits, latencyMs: now() - firstAttemptAt };
    } catch (err) {
      if (err instanceof APIError) ctx.limiter.observe(readRateLimitHeaders(err.headers));
      const failure = signal.aborted ? timedOut(ctx.timeoutMs) : classifyFailure(err, ctx.secret);
      const where = `${ctx.endpoint}: ${failure.message}`;
      if (failure.kind === 'fatal') {
        ctx.limiter.answered();
        throw new CampaignAbortError(`endpoint ${where}`);
      }
      if (failure.kind === 'request') {
        ctx.limiter.answered();
        throw new RequestRefusedError(where, failure.status ?? null);
      }
      let delay: number;
      if (failure.kind === 'rate-limit') {
        rateLimits++;
        // The retry-after, or without one a back-off as for a failure: everyone's pause, or this request's only.
        delay = failure.retryAfterMs ?? backoff(Math.min(rateLimits, ctx.retries + 1), ctx.rng);
        ctx.limiter.rateLimited(permit, delay);
        firstRateLimitAt ??= permit.startedAt;
        if (ctx.limiter.isOpen()) throw ctx.limiter.abortError();
        if (rateLimits > ctx.retries * RATE_LIMIT_RETRY_FACTOR && !ctx.limiter.failingSince(firstRateLimitAt)) {
          throw new Error(`${where} (rate limited ${rateLimits} times)`);
        }
      } else {
        ctx.limiter.failed(permit, failure.message);
        firstFailureAt ??= permit.startedAt;
        transientFailures++;
        if (ctx.limiter.isOpen()) throw ctx.limiter.abortError();
        const endpointDown = ctx.limiter.failingSince(firstFailureAt);
        if (transientFailures > ctx.retries && !endpointDown) {
          throw new Error(`${where} (gave up after ${transientFailures} attempts)`);
        }
        delay = backoff(Math.min(transientFailures, ctx.retries + 1), ctx.rng);
      }
      await ctx.limiter.pause(delay);
    }
  }
}

/** Exponential back-off with "equal jitter": half fixed, half drawn, so retries of many requests spread out. */
function backoff(attempt: number, rng: Rng): number {
  const base = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return base / 2 + (base / 2) * rng();
}
