/**
 * @module `openai:<model>`: a chat model behind any OpenAI-compatible endpoint, as a Target. Each text is one request
 * (the prompt template around it), sent concurrently up to the shared limiter's cap; the answer is parsed by the
 * configured mode; answers are cached on disk; each prediction carries its usage (tokens, cost, latency, retries).
 */
import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { threadId } from 'node:worker_threads';
import { CampaignAbortError, ConfigError } from '../../core/errors.js';
import { rngFor } from '../../core/rng.js';
import type { PredictOptions, Prediction, Target } from '../../core/target.js';
import { cacheKey, ResponseCache, type CacheEntry } from './cache.js';
import { createLimiterBuffer, Limiter } from './limiter.js';
import { isLoopback, modelOf, resolveOpenAIOptions, type OpenAIOptions } from './options.js';
import { parseAnswer, type RawAnswer } from './parse.js';
import { renderMessages } from './prompt.js';
import { send } from './send.js';
import { answerUsage, cachedUsage, estimateTokens } from './usage.js';

/** What the main thread prepares once per campaign (prepareTargetShared) and every worker receives. */
export interface OpenAIShared {
  readonly kind: 'openai-limiter';
  readonly endpoint: string;
  readonly buffer: SharedArrayBuffer;
}

/** Sent instead of a key to endpoints on this machine when the key variable is unset (local servers want a string). */
const LOOPBACK_PLACEHOLDER_KEY = 'sk-no-key-required';

export interface OpenAITarget extends Target {
  readonly options: OpenAIOptions;
  readonly limiter: Limiter;
}

/** Runs in the main thread before any worker starts, so a missing key fails the campaign up front (exit 2). */
export function prepareOpenAIShared(spec: string, options: Readonly<Record<string, unknown>>): OpenAIShared {
  modelOf(spec);
  const o = resolveOpenAIOptions(options);
  apiKey(spec, o);
  return {
    kind: 'openai-limiter',
    endpoint: o.baseURL,
    buffer: createLimiterBuffer({ maxConcurrency: o.concurrency, rpm: o.rpm, tpm: o.tpm, breakerMs: o.breakerMs }),
  };
}

export function createOpenAITarget(spec: string, rawOptions: Readonly<Record<string, unknown>>, shared?: unknown): OpenAITarget {
  const model = modelOf(spec);
  const o = resolveOpenAIOptions(rawOptions);
  const secret = apiKey(spec, o);
  const client = new OpenAI({
    apiKey: secret ?? LOOPBACK_PLACEHOLDER_KEY,
    baseURL: o.baseURL,
    timeout: o.timeoutMs,
    maxRetries: 0,
  });
  const buffer = isShared(shared, o.baseURL)
    ? shared.buffer
    : createLimiterBuffer({ maxConcurrency: o.concurrency, rpm: o.rpm, tpm: o.tpm, breakerMs: o.breakerMs });
  const limiter = new Limiter(buffer, o.baseURL);
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
  /** Verification re-queries per request key, so the k-th re-query of a text is cache sample k. */
  const freshCounts = new Map<string, number>();
  let cacheWriteWarned = false;

  async function predictOne(text: string, fresh: boolean): Promise<Prediction> {
    const body = requestBody(model, o, text);
    const key = cacheKey(o.baseURL, body);
    const sample = fresh ? (freshCounts.get(key) ?? 0) + 1 : 0;
    if (fresh) freshCounts.set(key, sample);
    const hit = await cache?.get(key, sample);
    if (hit !== undefined) return { ...parseAnswer(o.answer, o.labels, hit.answer), usage: cachedUsage };

    const sent = await send(sendContext, body, estimateTokens(text.length + o.prompt.length + (o.system?.length ?? 0), o.maxTokens));
    const answer = rawAnswer(sent.completion);
    const tokens = { promptTokens: sent.completion.usage?.prompt_tokens ?? 0, completionTokens: sent.completion.usage?.completion_tokens ?? 0 };
    if (cache !== undefined) {
      const entry: CacheEntry = { version: 1, key, sample, request: { endpoint: o.baseURL, body }, answer, usage: tokens };
      // A full disk must not fail the campaign: the answer is still good, only not replayable.
      await cache.put(entry).catch((err: unknown) => {
        if (!cacheWriteWarned) process.stderr.write(`quiver: warning: cannot write the response cache in ${o.cacheDir}: ${String(err)}\n`);
        cacheWriteWarned = true;
      });
    }
    return { ...parseAnswer(o.answer, o.labels, answer), usage: answerUsage(o.price, tokens, sent.latencyMs, sent.retries) };
  }

  return {
    id: spec,
    labels: o.labels,
    options: o,
    limiter,
    async predict(texts: readonly string[], options?: PredictOptions): Promise<Prediction[]> {
      const fresh = options?.fresh === true;
      const settled = await Promise.allSettled(texts.map((t) => predictOne(t, fresh)));
      // An outage outranks any one request's failure; otherwise the first failure in input order, deterministically.
      const abort = settled.find((s) => s.status === 'rejected' && s.reason instanceof CampaignAbortError);
      const failure = abort ?? settled.find((s) => s.status === 'rejected');
      if (failure !== undefined) throw (failure as PromiseRejectedResult).reason;
      return settled.map((s) => (s as PromiseFulfilledResult<Prediction>).value);
    },
  };
}

/** The key from the named variable; undefined for a loopback endpoint without one; a ConfigError otherwise. */
function apiKey(spec: string, o: OpenAIOptions): string | undefined {
  const secret = process.env[o.apiKeyEnv];
  if (secret !== undefined && secret !== '') return secret;
  if (isLoopback(o.baseURL)) return undefined;
  throw new ConfigError(
    `${spec}: the environment variable ${o.apiKeyEnv} is not set; it must hold the API key for ${o.baseURL} ` +
      '(choose another variable with --api-key-env NAME)',
  );
}

/** Everything that determines the answer; this object is also the cache key's payload. */
function requestBody(model: string, o: OpenAIOptions, text: string): ChatCompletionCreateParamsNonStreaming {
  const body: ChatCompletionCreateParamsNonStreaming = {
    model,
    messages: renderMessages(o, text),
    temperature: o.temperature,
    max_tokens: o.maxTokens,
  };
  if (o.seed !== null) body.seed = o.seed;
  if (o.answer === 'logprobs') {
    body.logprobs = true;
    body.top_logprobs = o.topLogprobs;
  }
  if (o.answer === 'json') body.response_format = { type: 'json_object' };
  return body;
}

function rawAnswer(completion: ChatCompletion): RawAnswer {
  const choice = completion.choices[0];
  const first = choice?.logprobs?.content?.[0];
  if (first === undefined) return { content: choice?.message.content ?? null, firstTokenTopLogprobs: null };
  const top = first.top_logprobs.map((t) => ({ token: t.token, logprob: t.logprob }));
  // Some servers list only the alternatives: the chosen token counts too.
  if (!top.some((t) => t.token === first.token)) top.unshift({ token: first.token, logprob: first.logprob });
  return { content: choice?.message.content ?? null, firstTokenTopLogprobs: top };
}

function isShared(shared: unknown, endpoint: string): shared is OpenAIShared {
  if (typeof shared !== 'object' || shared === null) return false;
  const s = shared as Partial<OpenAIShared>;
  return s.kind === 'openai-limiter' && s.endpoint === endpoint && s.buffer instanceof SharedArrayBuffer;
}
