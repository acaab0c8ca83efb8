/**
 * @module `openai:<model>`: a chat model behind any OpenAI-compatible endpoint, as a Target. Each text is one request
 * (the prompt template around it), sent concurrently up to the shared limiter's cap; the answer is parsed by the
 * configured mode; answers are cached on disk; each prediction carries its usage (tokens, cost, latency, retries).
 * In `text` mode a query asked for token logprobs (an assertion campaign's `tokenLogprobs`) sends `logprobs: true`
 * unless `--logprobs off`; an endpoint that refuses them (400 naming logprobs) is asked again without, and no thread
 * asks it again (logprobs-notice.ts).
 */
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { CampaignAbortError } from '../../core/errors.js';
import type { PredictOptions, Prediction, Target } from '../../core/target.js';
import { openEndpoint, prepareEndpointShared, type OpenAIShared } from './endpoint.js';
import { RequestRefusedError } from './failures.js';
import type { Limiter } from './limiter.js';
import { createLogprobsBuffer, LogprobsNotice } from './logprobs-notice.js';
import { modelOf, resolveOpenAIOptions, type OpenAIOptions } from './options.js';
import { parseAnswer } from './parse.js';
import { renderMessages } from './prompt.js';
import { estimateTokens } from './usage.js';

export type { OpenAIShared } from './endpoint.js';

export interface OpenAITarget extends Target {
  readonly options: OpenAIOptions;
  readonly limiter: Limiter;
}

/** Runs in the main thread before any worker starts, so a missing key fails the campaign up front (exit 2). */
export function prepareOpenAIShared(spec: string, options: Readonly<Record<string, unknown>>): OpenAIShared {
  modelOf(spec);
  return prepareEndpointShared(spec, resolveOpenAIOptions(options));
}

/** `shared`: the limiter the campaign's workers share; absent, this target gets a limiter of its own. */
export function createOpenAITarget(
  spec: string,
  rawOptions: Readonly<Record<string, unknown>>,
  shared?: OpenAIShared,
): OpenAITarget {
  const model = modelOf(spec);
  const o = resolveOpenAIOptions(rawOptions);
  const endpoint = openEndpoint(spec, o, shared);
  const ownNotes = shared?.endpoint === o.baseURL ? shared.logprobs : undefined;
  const notice = new LogprobsNotice(ownNotes ?? createLogprobsBuffer(), o.baseURL);
  /** Verification re-queries per request key, so the k-th re-query of a text is cache sample k. */
  const freshCounts = new Map<string, number>();

  async function ask(text: string, fresh: boolean, tokenLogprobs: boolean): Promise<Prediction> {
    const body = requestBody(model, o, text, tokenLogprobs);
    let sample = 0;
    if (fresh) {
      const key = endpoint.keyOf(body);
      sample = (freshCounts.get(key) ?? 0) + 1;
      freshCounts.set(key, sample);
    }
    const estimated = estimateTokens(text.length + o.prompt.length + (o.system?.length ?? 0), o.maxTokens);
    const { answer, usage } = await endpoint.complete(body, estimated, sample);
    if (tokenLogprobs && (answer.tokens ?? null) === null) notice.mark('absent', 'no logprobs.content');
    return { ...parseAnswer(o.answer, o.labels, answer), usage };
  }

  async function predictOne(text: string, fresh: boolean, wanted: boolean): Promise<Prediction> {
    const tokenLogprobs = wanted && o.answer === 'text' && o.logprobs !== 'off' && notice.state() !== 'refused';
    try {
      return await ask(text, fresh, tokenLogprobs);
    } catch (err) {
      if (!tokenLogprobs || !refusesLogprobs(err)) throw err;
      notice.mark('refused', (err as Error).message.replace(`${o.baseURL}: `, ''));
      return ask(text, fresh, false);
    }
  }

  return {
    id: spec,
    labels: o.labels,
    options: o,
    limiter: endpoint.limiter,
    async predict(texts: readonly string[], options?: PredictOptions): Promise<Prediction[]> {
      const fresh = options?.fresh === true;
      const wanted = options?.tokenLogprobs === true;
      const settled = await Promise.allSettled(texts.map((t) => predictOne(t, fresh, wanted)));
      // An outage outranks any one request's failure; otherwise the first failure in input order, deterministically.
      const abort = settled.find((s) => s.status === 'rejected' && s.reason instanceof CampaignAbortError);
      const failure = abort ?? settled.find((s) => s.status === 'rejected');
      if (failure !== undefined) throw (failure as PromiseRejectedResult).reason;
      return settled.map((s) => (s as PromiseFulfilledResult<Prediction>).value);
    },
  };
}

/** An endpoint's 400 (or 422) naming logprobs: it does not support them. */
function refusesLogprobs(err: unknown): boolean {
  return (
    err instanceof RequestRefusedError && (err.status === 400 || err.status === 422) && /logprob/i.test(err.message)
  );
}

/**
 * Everything that determines the answer; this object is also the cache key's payload. `tokenLogprobs`: a `text`
 * answer asked with its tokens' logprobs.
 */
function requestBody(
  model: string,
  o: OpenAIOptions,
  text: string,
  tokenLogprobs: boolean,
): ChatCompletionCreateParamsNonStreaming {
  const body: ChatCompletionCreateParamsNonStreaming = {
    model,
    messages: renderMessages(o, text),
    temperature: o.temperature,
    max_tokens: o.maxTokens,
  };
  if (o.seed !== null) body.seed = o.seed;
  if (o.answer === 'logprobs' || tokenLogprobs) {
    body.logprobs = true;
    body.top_logprobs = o.topLogprobs;
  }
  if (o.answer === 'json') body.response_format = { type: 'json_object' };
  return body;
}
