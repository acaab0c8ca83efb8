/**
 * @module Options of the `openai:<model>` judge: the endpoint options the `openai:` target has, plus the rubric prompt
 * and sampling. Plain JSON, validated here without loading the SDK (the CLI resolves them in the main thread).
 */
import { ConfigError } from '../core/errors.js';
import {
  endpointOptionKeys,
  int,
  num,
  OPENAI_PREFIX,
  resolveEndpointOptions,
  str,
  type EndpointOptions,
} from '../targets/openai/options.js';
import { DEFAULT_JUDGE_PROMPT, judgePromptProblem } from './rubric.js';

export interface OpenAIJudgeOptions extends EndpointOptions {
  /** The rubric template: `{{label}}`, `{{original}}`, `{{perturbed}}`. */
  readonly prompt: string;
  readonly temperature: number;
  readonly maxTokens: number;
}

export const URL_FLAG = '--judge-base-url';
export const KEY_FLAG = '--judge-api-key-env';

export function judgeModelOf(spec: string): string {
  const model = spec.slice(OPENAI_PREFIX.length);
  if (!spec.startsWith(OPENAI_PREFIX) || model.trim() === '')
    throw new ConfigError(`--judge "${spec}" needs a model name, e.g. openai:gpt-4o-mini`);
  return model;
}

/** Fills defaults and validates; pure but for OPENAI_BASE_URL when no base URL is given. */
export function resolveOpenAIJudgeOptions(raw: Readonly<Record<string, unknown>>): OpenAIJudgeOptions {
  const known = new Set([...endpointOptionKeys, 'prompt', 'promptFile', 'temperature', 'maxTokens']);
  for (const k of Object.keys(raw)) if (!known.has(k)) throw new ConfigError(`openai judge: unknown option "${k}"`);
  const prompt = raw.prompt === undefined ? DEFAULT_JUDGE_PROMPT : str(raw.prompt, '--judge-prompt');
  const problem = judgePromptProblem(prompt);
  if (problem !== null) throw new ConfigError(`--judge-prompt: ${problem}`);
  return {
    ...resolveEndpointOptions(raw, URL_FLAG, KEY_FLAG),
    prompt,
    temperature: num(raw.temperature ?? 0, 'judge temperature', 0, 2),
    // A verdict word and one sentence of reason.
    maxTokens: int(raw.maxTokens ?? 96, 'judge maxTokens', 1, 100_000),
  };
}
