/**
 * @module `openai:<model>` as a judge: one chat request per flip with the rubric prompt, through the same endpoint
 * machinery as the `openai:` target (client, shared limiter, answer cache, usage and cost), so a re-run replays the
 * verdicts without a request and budgets count what judging spent.
 */
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { Judge, JudgeAnswer, JudgeItem } from '../core/judge.js';
import type { TargetOptions, TargetShared } from '../targets/driver.js';
import { openEndpoint, prepareEndpointShared, type OpenAIShared } from '../targets/openai/endpoint.js';
import { estimateTokens } from '../targets/openai/usage.js';
import type { JudgeShared } from './shared.js';
import { judgeModelOf, KEY_FLAG, resolveOpenAIJudgeOptions } from './openai-options.js';
import { parseVerdict, renderJudgePrompt } from './rubric.js';

/**
 * The limiter every worker's judge shares. The same endpoint as the target's shares the target's limiter, so the
 * concurrency and rate caps hold for both together.
 */
export function prepareOpenAIJudgeShared(
  spec: string,
  options: TargetOptions,
  targetShared: TargetShared,
): OpenAIShared {
  judgeModelOf(spec);
  const o = resolveOpenAIJudgeOptions(options);
  const shared = prepareEndpointShared(`--judge ${spec}`, o, KEY_FLAG); // checks the key variable in either case
  return targetShared.kind === 'openai-limiter' && targetShared.endpoint === o.baseURL ? targetShared : shared;
}

export function createOpenAIJudge(spec: string, options: TargetOptions, shared: JudgeShared): Judge {
  const model = judgeModelOf(spec);
  const o = resolveOpenAIJudgeOptions(options);
  const endpoint = openEndpoint(`--judge ${spec}`, o, shared.kind === 'openai-limiter' ? shared : undefined, KEY_FLAG);

  async function judgeOne(item: JudgeItem): Promise<JudgeAnswer> {
    const content = renderJudgePrompt(o.prompt, item);
    const body: ChatCompletionCreateParamsNonStreaming = {
      model,
      messages: [{ role: 'user', content }],
      temperature: o.temperature,
      max_tokens: o.maxTokens,
    };
    const { answer, usage } = await endpoint.complete(body, estimateTokens(content.length, o.maxTokens), 0);
    const verdict = parseVerdict(answer.content);
    if (verdict === null) {
      const excerpt = answer.content === null ? 'no content' : JSON.stringify(answer.content.slice(0, 200));
      throw new Error(`judge ${spec}: no verdict (valid, questionable, invalid) in the answer (answer: ${excerpt})`);
    }
    return { verdict, answer: answer.content ?? '', usage };
  }

  return {
    id: spec,
    judge: (items) => Promise.all(items.map(judgeOne)),
  };
}
