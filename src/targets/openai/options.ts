/**
 * @module Options of the `openai:<model>` target: plain JSON (they are written to campaign.json and sent to workers),
 * their defaults and validation. They never hold a secret: only the name of the variable that holds the API key.
 */
import { ConfigError } from '../../core/errors.js';
import { INPUT_PLACEHOLDER } from '../../core/prompt-template.js';
import { defaultPrompt } from './prompt.js';

/**
 * How an answer is read: as a label (`label`, `aorta`, `json`, `logprobs`), or kept as the raw text (`text`: for
 * assertion campaigns, which check the output itself; the target then has no labels).
 */
export const answerModes = ['label', 'aorta', 'json', 'logprobs', 'text'] as const;
export type AnswerMode = (typeof answerModes)[number];

/**
 * `text` mode: `auto` asks for token logprobs (`logprobs: true`, `top_logprobs`) for the tests whose assertions can
 * use them (the `expected-logprob` search signal); `off` never asks.
 */
export const logprobsModes = ['auto', 'off'] as const;
export type LogprobsMode = (typeof logprobsModes)[number];

/** USD per million tokens. */
export interface Price {
  readonly inputPerMTok: number;
  readonly outputPerMTok: number;
}

/** How an endpoint is reached and paced: what the `openai:` target and the `openai:` judge share. */
export interface EndpointOptions {
  /** Always explicit: the SDK would otherwise read OPENAI_BASE_URL on its own, in each worker. */
  readonly baseURL: string;
  /** Name of the environment variable holding the API key (read inside the process that calls the endpoint). */
  readonly apiKeyEnv: string;
  /** Requests in flight at once, across every worker thread. */
  readonly concurrency: number;
  /** Requests and tokens per minute, across every worker thread; null = no limit until the endpoint answers 429. */
  readonly rpm: number | null;
  readonly tpm: number | null;
  readonly timeoutMs: number;
  /** Retries of a request after a transient failure (5xx, timeout, dropped connection); 429s get 4x as many. */
  readonly retries: number;
  /** The campaign stops when no request has succeeded for this long while requests keep failing. */
  readonly breakerMs: number;
  /** Response cache folder; null = no cache. */
  readonly cacheDir: string | null;
  readonly price: Price;
}

export interface OpenAIOptions extends EndpointOptions {
  /** User-message template; `{{input}}` is replaced by the text under test, `{{labels}}` by the label list. */
  readonly prompt: string;
  readonly system: string | null;
  /** Empty in `text` mode: the answer is the output, not a label. */
  readonly labels: readonly string[];
  readonly answer: AnswerMode;
  readonly temperature: number;
  /** Passed through as the request's `seed`; null = not sent. */
  readonly seed: number | null;
  readonly maxTokens: number;
  /** `top_logprobs` requested in `logprobs` mode, and in `text` mode when token logprobs are asked for. */
  readonly topLogprobs: number;
  /** `text` mode only (absent otherwise, so other modes' campaign.json is unchanged): whether to ask for logprobs. */
  readonly logprobs?: LogprobsMode;
}

/** The option keys of EndpointOptions (for callers that validate their own options around them). */
export const endpointOptionKeys: readonly string[] = Object.freeze([
  'baseURL',
  'apiKeyEnv',
  'concurrency',
  'rpm',
  'tpm',
  'timeoutMs',
  'retries',
  'breakerMs',
  'cacheDir',
  'price',
]);

export const OPENAI_PREFIX = 'openai:';
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_LABELS: readonly string[] = Object.freeze(['negative', 'positive']);

/** The model name of an `openai:<model>` spec. */
export function modelOf(spec: string): string {
  const model = spec.slice(OPENAI_PREFIX.length);
  if (!spec.startsWith(OPENAI_PREFIX) || model.trim() === '') {
    throw new ConfigError(`target "${spec}" needs a model name, e.g. openai:gpt-4o-mini`);
  }
  return model;
}

/** The labels an `openai:` target will answer with, without building it; validates the spec and options. */
export function openAILabels(spec: string, options: Readonly<Record<string, unknown>>): readonly string[] {
  modelOf(spec);
  return resolveOpenAIOptions(options).labels;
}

/**
 * Fills defaults and validates. Pure: reads no file and no environment variable except OPENAI_BASE_URL when no
 * base URL is given (the CLI resolves it in the main thread, so campaign.json records the endpoint actually used).
 */
export function resolveOpenAIOptions(raw: Readonly<Record<string, unknown>>): OpenAIOptions {
  const known = new Set([
    'baseURL',
    'apiKeyEnv',
    'prompt',
    'system',
    'labels',
    'answer',
    'temperature',
    'seed',
    'maxTokens',
    'topLogprobs',
    'logprobs',
    'concurrency',
    'rpm',
    'tpm',
    'timeoutMs',
    'retries',
    'breakerMs',
    'cacheDir',
    'price',
    'promptFile',
  ]);
  for (const k of Object.keys(raw)) if (!known.has(k)) throw new ConfigError(`openai target: unknown option "${k}"`);

  const answer = (raw.answer ?? 'logprobs') as AnswerMode;
  if (!answerModes.includes(answer)) {
    throw new ConfigError(`--answer must be one of ${answerModes.join(', ')}, got "${String(raw.answer)}"`);
  }
  // Resolved options (campaign.json, a worker's) hold `labels: []` in text mode: resolving them again must work.
  const noLabels = raw.labels === undefined || (Array.isArray(raw.labels) && raw.labels.length === 0);
  if (answer === 'text' && !noLabels)
    throw new ConfigError('--labels: a target in --answer text mode answers free text and has no labels');
  const labels = answer === 'text' ? [] : raw.labels === undefined ? DEFAULT_LABELS : raw.labels;
  const labelsOk =
    Array.isArray(labels) &&
    (answer === 'text' || labels.length >= 2) &&
    labels.every((l) => typeof l === 'string' && l.trim() === l && l !== '');
  if (!labelsOk) throw new ConfigError(`--labels needs at least two non-empty labels, got ${JSON.stringify(labels)}`);
  if (new Set(labels.map((l: string) => l.toLowerCase())).size !== labels.length) {
    throw new ConfigError(`--labels must be distinct (case-insensitively), got ${labels.join(', ')}`);
  }
  const logprobs = (raw.logprobs ?? 'auto') as LogprobsMode;
  if (!logprobsModes.includes(logprobs))
    throw new ConfigError(`--logprobs must be one of ${logprobsModes.join(', ')}, got "${String(raw.logprobs)}"`);
  if (raw.logprobs !== undefined && answer !== 'text')
    throw new ConfigError(
      `--logprobs applies to --answer text (assertion campaigns); --answer ${answer} decides on its own`,
    );
  const prompt = raw.prompt === undefined ? defaultPrompt(answer, labels) : str(raw.prompt, '--prompt');
  if (!prompt.includes(INPUT_PLACEHOLDER))
    throw new ConfigError(`--prompt: the template must contain ${INPUT_PLACEHOLDER}`);
  const endpoint = resolveEndpointOptions(raw, '--base-url', '--api-key-env');
  // Key order as before the endpoint options were split out: campaign.json is compared as JSON when resuming.
  return {
    baseURL: endpoint.baseURL,
    apiKeyEnv: endpoint.apiKeyEnv,
    prompt,
    system: raw.system === undefined || raw.system === null ? null : str(raw.system, '--system'),
    labels: Object.freeze([...(labels as string[])]),
    answer,
    temperature: num(raw.temperature ?? 0, '--temperature', 0, 2),
    seed: raw.seed === undefined || raw.seed === null ? null : int(raw.seed, '--llm-seed', -(2 ** 53), 2 ** 53),
    maxTokens: int(raw.maxTokens ?? defaultMaxTokens(answer, labels.length), '--answer-max-tokens', 1, 1_000_000),
    topLogprobs: int(raw.topLogprobs ?? Math.min(20, Math.max(5, 2 * labels.length)), 'topLogprobs', 1, 20),
    ...(answer === 'text' ? { logprobs } : {}),
    concurrency: endpoint.concurrency,
    rpm: endpoint.rpm,
    tpm: endpoint.tpm,
    timeoutMs: endpoint.timeoutMs,
    retries: endpoint.retries,
    breakerMs: endpoint.breakerMs,
    cacheDir: endpoint.cacheDir,
    price: endpoint.price,
  };
}

/**
 * Fills the endpoint options' defaults and validates them; `urlFlag` and `keyFlag` name the flags in messages. Reads
 * OPENAI_BASE_URL only when no base URL is given.
 */
export function resolveEndpointOptions(
  raw: Readonly<Record<string, unknown>>,
  urlFlag: string,
  keyFlag: string,
): EndpointOptions {
  const baseURL = str(raw.baseURL ?? process.env.OPENAI_BASE_URL ?? DEFAULT_BASE_URL, urlFlag).replace(/\/+$/, '');
  checkBaseURL(baseURL, urlFlag, keyFlag);
  const apiKeyEnv = str(raw.apiKeyEnv ?? 'OPENAI_API_KEY', keyFlag);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(apiKeyEnv)) {
    throw new ConfigError(`${keyFlag} takes the NAME of an environment variable, got "${apiKeyEnv}"`);
  }
  const price = (raw.price ?? { inputPerMTok: 0, outputPerMTok: 0 }) as Price;
  return {
    baseURL,
    apiKeyEnv,
    concurrency: int(raw.concurrency ?? 8, '--concurrency', 1, 10_000),
    rpm: raw.rpm === undefined || raw.rpm === null ? null : num(raw.rpm, '--rpm', 1e-3, 1e9),
    tpm: raw.tpm === undefined || raw.tpm === null ? null : num(raw.tpm, '--tpm', 1, 1e12),
    timeoutMs: int(raw.timeoutMs ?? 60_000, '--timeout-ms', 1, 3_600_000),
    retries: int(raw.retries ?? 6, '--retries', 0, 100),
    breakerMs: int(raw.breakerMs ?? 10_000, '--breaker-ms', 100, 3_600_000),
    cacheDir: raw.cacheDir === undefined || raw.cacheDir === null ? null : str(raw.cacheDir, '--cache-dir'),
    price: {
      inputPerMTok: num(price.inputPerMTok ?? 0, '--price-in', 0, 1e6),
      outputPerMTok: num(price.outputPerMTok ?? 0, '--price-out', 0, 1e6),
    },
  };
}

/**
 * Enough for the answer each mode asks for: one label token for logprobs, a label list for aorta, a small object for
 * json.
 */
function defaultMaxTokens(answer: AnswerMode, labelCount: number): number {
  switch (answer) {
    case 'logprobs':
      return 1;
    case 'label':
      return 8;
    case 'aorta':
      return 16 + 12 * labelCount;
    case 'json':
      return 32 + 16 * labelCount;
    // promptfoo's default for OpenAI chat providers (OPENAI_MAX_TOKENS unset).
    case 'text':
      return 1024;
  }
}

function checkBaseURL(url: string, flag: string, keyFlag: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`${flag} is not a URL: "${url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ConfigError(`${flag} must be http(s), got "${url}"`);
  // The URL is written to campaign.json and the cache: credentials belong in the key variable.
  if (parsed.username !== '' || parsed.password !== '') {
    throw new ConfigError(`${flag} must not contain credentials; put the key in the variable named by ${keyFlag}`);
  }
}

/** True for endpoints on this machine, which accept any key (a placeholder is sent when the variable is unset). */
export function isLoopback(baseURL: string): boolean {
  const host = new URL(baseURL).hostname;
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
}

export function str(v: unknown, flag: string): string {
  if (typeof v !== 'string') throw new ConfigError(`${flag} must be a string, got ${JSON.stringify(v)}`);
  return v;
}

export function num(v: unknown, flag: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new ConfigError(`${flag} must be a number in [${min}, ${max}], got ${JSON.stringify(v)}`);
  }
  return v;
}

export function int(v: unknown, flag: string, min: number, max: number): number {
  if (!Number.isSafeInteger(v)) throw new ConfigError(`${flag} must be a whole number, got ${JSON.stringify(v)}`);
  return num(v, flag, min, max);
}
