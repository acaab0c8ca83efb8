/**
 * @module One OpenAI-compatible endpoint as the `openai:` target and the `openai:` judge both use it: the SDK client
 * (explicit timeout, SDK retries off so the limiter sees every attempt), the limiter shared by every worker thread,
 * the on-disk answer cache and the usage of each answer. Callers build the request body; this sends it once, or
 * replays it from the cache.
 */
import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { threadId } from 'node:worker_threads';
import { ConfigError } from '../../core/errors.js';
import { rngFor } from '../../core/rng.js';
import type { Usage } from '../../core/target.js';
import { cacheKey, ResponseCache, type CacheEntry } from './cache.js';
import { createLimiterBuffer, Limiter } from './limiter.js';
import { createLogprobsBuffer } from './logprobs-notice.js';
import { isLoopback, type EndpointOptions } from './options.js';
import type { RawAnswer } from './parse.js';
import { send } from './send.js';
import { answerUsage, cachedUsage } from './usage.js';

/**
 * What the main thread prepares once per campaign and every worker receives: the endpoint's shared limiter, and what
 * the endpoint did with token logprobs (logprobs-notice.ts; absent in states built before it existed).
 */
export interface OpenAIShared {
  readonly kind: 'openai-limiter';
  readonly endpoint: string;
  readonly buffer: SharedArrayBuffer;
  readonly logprobs?: SharedArrayBuffer;
}

/** Sent instead of a key to endpoints on this machine when the key variable is unset (local servers want a string). */
const LOOPBACK_PLACEHOLDER_KEY = 'sk-no-key-required';

export interface Endpoint {
  readonly limiter: Limiter;
  /**
   * The answer to `body`: from the cache when present (sample 0 for ordinary queries, k for the k-th fresh re-query),
   * else sent. Cached answers cost nothing (`cachedUsage`).
   */
  complete(
    body: ChatCompletionCreateParamsNonStreaming,
    estimatedTokens: number,
    sample: number,
  ): Promise<{ answer: RawAnswer; usage: Usage }>;
  /** The cache key of a body (what decides its answer), for counting re-queries per request. */
  keyOf(body: ChatCompletionCreateParamsNonStreaming): string;
}

/** A fresh limiter state for the endpoint, to hand to every worker. Also checks the key up front (main thread). */
export function prepareEndpointShared(who: string, o: EndpointOptions, keyFlag = '--api-key-env'): OpenAIShared {
  apiKey(who, o, keyFlag);
  return { kind: 'openai-limiter', endpoint: o.baseURL, buffer: limiterBuffer(o), logprobs: createLogprobsBuffer() };
}

/**
 * `who` names the user of the endpoint (a target or judge spec) and `keyFlag` its key flag, in error messages. The
 * shared limiter is used when it is this endpoint's; otherwise this thread gets a limiter of its own.
 */
export function openEndpoint(
  who: string,
  o: EndpointOptions,
  shared: OpenAIShared | undefined,
  keyFlag = '--api-key-env',
): Endpoint {
  const secret = apiKey(who, o, keyFlag);
  const client = new OpenAI({
    apiKey: secret ?? LOOPBACK_PLACEHOLDER_KEY,
    baseURL: o.baseURL,
    timeout: o.timeoutMs,
    maxRetries: 0,
  });
  const limiter = new Limiter(shared?.endpoint === o.baseURL ? shared.buffer : limiterBuffer(o), o.baseURL);
  const cache = o.cacheDir === null ? undefined : new ResponseCache(o.cacheDir);
  const sendContext = {
    client,
    limiter,
    endpoint: o.baseURL,
    timeoutMs: o.timeoutMs,
    retries: o.retries,
    rng: rngFor(`openai-retry-jitter:${threadId}`),
    secret,
  };
  let cacheWriteWarned = false;

  return {
    limiter,
    keyOf: (body) => cacheKey(o.baseURL, body),
    async complete(body, estimatedTokens, sample) {
      const key = cacheKey(o.baseURL, body);
      const hit = await cache?.get(key, sample);
      if (hit !== undefined) return { answer: hit.answer, usage: cachedUsage };

      const sent = await send(sendContext, body, estimatedTokens);
      const answer = rawAnswer(sent.completion);
      const tokens = {
        promptTokens: sent.completion.usage?.prompt_tokens ?? 0,
        completionTokens: sent.completion.usage?.completion_tokens ?? 0,
      };
      if (cache !== undefined) {
        const entry: CacheEntry = {
          version: 1,
          key,
          sample,
          request: { endpoint: o.baseURL, body },
          answer,
          usage: tokens,
        };
        // A full disk must not fail the campaign: the answer is still good, only not replayable.
        await cache.put(entry).catch((err: unknown) => {
          if (!cacheWriteWarned)
            process.stderr.write(`quiver: warning: cannot write the response cache in ${o.cacheDir}: ${String(err)}\n`);
          cacheWriteWarned = true;
        });
      }
      return { answer, usage: answerUsage(o.price, tokens, sent.latencyMs, sent.retries) };
    },
  };
}

function limiterBuffer(o: EndpointOptions): SharedArrayBuffer {
  return createLimiterBuffer({ maxConcurrency: o.concurrency, rpm: o.rpm, tpm: o.tpm, breakerMs: o.breakerMs });
}

/** The key from the named variable; undefined for a loopback endpoint without one; a ConfigError otherwise. */
function apiKey(who: string, o: EndpointOptions, keyFlag: string): string | undefined {
  const secret = process.env[o.apiKeyEnv];
  if (secret !== undefined && secret !== '') return secret;
  if (isLoopback(o.baseURL)) return undefined;
  throw new ConfigError(
    `${who}: the environment variable ${o.apiKeyEnv} is not set; it must hold the API key for ${o.baseURL} ` +
      `(choose another variable with ${keyFlag} NAME)`,
  );
}

function rawAnswer(completion: ChatCompletion): RawAnswer {
  const choice = completion.choices[0];
  const content = choice?.logprobs?.content;
  const first = content?.[0];
  if (first === undefined) return { content: choice?.message.content ?? null, firstTokenTopLogprobs: null };
  const top = first.top_logprobs.map((t) => ({ token: t.token, logprob: t.logprob }));
  // Some servers list only the alternatives: the chosen token counts too.
  if (!top.some((t) => t.token === first.token)) top.unshift({ token: first.token, logprob: first.logprob });
  // Only the first token's shape is checked (format.ts): a malformed later one makes the list unusable, not the answer.
  const wellFormed = content!.every((t) => typeof t?.token === 'string' && typeof t.logprob === 'number');
  const tokens = wellFormed ? content!.map((t) => ({ token: t.token, logprob: t.logprob })) : null;
  return { content: choice?.message.content ?? null, firstTokenTopLogprobs: top, tokens };
}
