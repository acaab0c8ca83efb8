/**
 * @module Flags that configure a target (endpoint, prompt, answer parsing, rate limits...) and their mapping into the
 * campaign's plain `targetOptions`. Secrets never pass through here: only the name of the variable holding a key.
 * Files named by flags (prompt, system prompt, price table) are read here, in the main thread, so campaign.json
 * holds their content and a campaign is reproducible from it alone.
 */
import { Option, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { isHfSpec } from '../targets/index.js';
import { answerModes, DEFAULT_BASE_URL, OPENAI_PREFIX, resolveOpenAIOptions, type Price } from '../targets/openai/options.js';
import { parseInteger, parseList } from './parsers.js';

function parseNumber(flag: string, min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min) throw new ConfigError(`${flag} must be a number >= ${min}, got "${value}"`);
    return n;
  };
}

/** Flag (camelCase key) -> its spelling, for "only applies to openai:" errors. */
const LLM_FLAGS: Readonly<Record<string, string>> = {
  baseUrl: '--base-url', apiKeyEnv: '--api-key-env', prompt: '--prompt', system: '--system', labels: '--labels',
  answer: '--answer', temperature: '--temperature', llmSeed: '--llm-seed', answerMaxTokens: '--answer-max-tokens',
  concurrency: '--concurrency', rpm: '--rpm', tpm: '--tpm', timeoutMs: '--timeout-ms', retries: '--retries',
  breakerMs: '--breaker-ms', cacheDir: '--cache-dir', priceIn: '--price-in', priceOut: '--price-out', prices: '--prices',
};

export function addTargetFlags(cmd: Command): Command {
  // `quiver replay` has its own --batch-size (texts per predict call), which hf: targets take as theirs too.
  if (!cmd.options.some((o) => o.long === '--batch-size')) {
    cmd.option('--batch-size <n>', 'hf:, local:nn: most texts per model call (default 32)', parseInteger('--batch-size', 1));
  }
  return cmd
    .option('--threads <n>', 'hf:, local:nn: intra-op threads per model session (default: cores / workers, at least 1)', parseInteger('--threads', 1))
    .option('--base-url <url>', `openai: endpoint (default: $OPENAI_BASE_URL, else ${DEFAULT_BASE_URL})`)
    .option('--api-key-env <name>', 'openai: environment variable holding the API key (default OPENAI_API_KEY)')
    .option('--prompt <file>', 'openai: user-message template file; {{input}} is the text, {{labels}} the label list')
    .option('--system <text>', 'openai: system prompt, or @FILE to read it from a file')
    .option('--labels <list>', 'openai: comma-separated labels (default negative,positive)', parseList)
    .addOption(new Option('--answer <mode>', 'openai: answer parsing (default logprobs)').choices([...answerModes]))
    .option('--temperature <x>', 'openai: sampling temperature (default 0)', parseNumber('--temperature', 0))
    .option('--llm-seed <n>', 'openai: seed sent with each request', parseInteger('--llm-seed', 0))
    .option('--answer-max-tokens <n>', 'openai: answer length cap (default: enough for the answer mode)', parseInteger('--answer-max-tokens', 1))
    .option('--concurrency <n>', 'openai: requests in flight, across all workers (default 8)', parseInteger('--concurrency', 1))
    .option('--rpm <n>', 'openai: requests per minute, across all workers (default: adapt to 429s)', parseNumber('--rpm', 0.001))
    .option('--tpm <n>', 'openai: tokens per minute, across all workers', parseNumber('--tpm', 1))
    .option('--timeout-ms <n>', 'openai: per-request timeout, answer body included (default 60000)', parseInteger('--timeout-ms', 1))
    .option('--retries <n>', 'openai: retries after a transient failure (default 6; 429s get 4x)', parseInteger('--retries', 0))
    .option('--breaker-ms <n>', 'openai: stop the campaign when no request succeeds for this long (default 10000)', parseInteger('--breaker-ms', 100))
    .option('--cache-dir <dir>', 'openai: response cache folder (default $XDG_CACHE_HOME/quiver/llm or ~/.cache/quiver/llm)')
    .option('--no-cache', 'openai: do not read or write the response cache')
    .option('--price-in <usd>', 'openai: USD per 1M prompt tokens', parseNumber('--price-in', 0))
    .option('--price-out <usd>', 'openai: USD per 1M completion tokens', parseNumber('--price-out', 0))
    .option('--prices <file>', 'openai: JSON price table {"<model>": {"in": USD/1M, "out": USD/1M}}')
    .option('--train <file>', 'local:nb: labelled JSONL file to train the naive Bayes baseline on')
    .option('--holdout <x>', 'local:nb: share of the training file held out from training, by a hash of the id (default 0.2)', parseNumber('--holdout', 0));
}

/** `local:nb` trains on a labelled file; the path is resolved here so workers in any folder find it. */
function nbOptions(target: string, flags: Readonly<Record<string, unknown>>): Record<string, unknown> | null {
  const given = ['train', 'holdout'].filter((k) => flags[k] !== undefined);
  if (target !== 'local:nb') {
    if (given.length > 0) throw new ConfigError(`${given.map((k) => `--${k}`).join(', ')} only apply to the local:nb target, not ${target}`);
    return null;
  }
  if (typeof flags.train !== 'string') throw new ConfigError('local:nb needs --train FILE: a labelled JSONL file to train on');
  return { train: resolve(flags.train), ...(flags.holdout === undefined ? {} : { holdout: flags.holdout }) };
}

/**
 * Flags of how an endpoint is reached, paced and priced: with an `openai:` judge (`--judge`) they also configure the
 * judge's endpoint, so they are accepted whatever the target.
 */
export const ENDPOINT_FLAGS: ReadonlySet<string> = new Set(['cacheDir', 'cache', 'prices', 'timeoutMs', 'retries', 'breakerMs', 'concurrency', 'rpm', 'tpm']);

/** `hf:<dir>` and `local:nn`: batch size and threads of the model session. */
function hfOptions(target: string, flags: Readonly<Record<string, unknown>>): Record<string, unknown> | null {
  const given = ['batchSize', 'threads'].filter((k) => flags[k] !== undefined);
  if (!isHfSpec(target)) {
    if (given.length > 0) throw new ConfigError(`${given.map((k) => (k === 'batchSize' ? '--batch-size' : '--threads')).join(', ')} only apply to hf:<dir> and local:nn targets, not ${target}`);
    return null;
  }
  return Object.fromEntries(given.map((k) => [k, flags[k]]));
}

export function targetOptionsFromFlags(flags: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const target = typeof flags.target === 'string' ? flags.target : '';
  const nb = nbOptions(target, flags);
  if (nb !== null) return nb;
  const hf = hfOptions(target, flags);
  if (hf !== null) {
    const stray = Object.keys(LLM_FLAGS).filter((k) => flags[k] !== undefined);
    if (stray.length > 0) throw new ConfigError(`${stray.map((k) => LLM_FLAGS[k]).join(', ')} only apply to openai:<model> targets, not ${target}`);
    return hf;
  }
  const openaiJudge = typeof flags.judge === 'string' && flags.judge.startsWith(OPENAI_PREFIX);
  const given = Object.keys(LLM_FLAGS).filter((k) => flags[k] !== undefined && !(openaiJudge && ENDPOINT_FLAGS.has(k)));
  if (flags.cache === false && !openaiJudge) given.push('cache');
  if (!target.startsWith(OPENAI_PREFIX)) {
    if (given.length > 0) {
      const names = given.map((k) => LLM_FLAGS[k] ?? '--no-cache').join(', ');
      throw new ConfigError(`${names} ${given.length === 1 ? 'applies' : 'apply'} only to openai:<model> targets, not ${target}`);
    }
    return {};
  }
  const model = target.slice(OPENAI_PREFIX.length);
  const raw: Record<string, unknown> = {
    // Resolved here so campaign.json names the endpoint actually used, whatever each worker's environment says.
    baseURL: flags.baseUrl ?? process.env.OPENAI_BASE_URL ?? DEFAULT_BASE_URL,
    cacheDir: flags.cache === false ? null : resolve(String(flags.cacheDir ?? defaultCacheDir())),
    price: priceFor(model, flags),
  };
  const copy: [string, string][] = [
    ['apiKeyEnv', 'apiKeyEnv'], ['labels', 'labels'], ['answer', 'answer'], ['temperature', 'temperature'],
    ['llmSeed', 'seed'], ['answerMaxTokens', 'maxTokens'], ['concurrency', 'concurrency'], ['rpm', 'rpm'], ['tpm', 'tpm'],
    ['timeoutMs', 'timeoutMs'], ['retries', 'retries'], ['breakerMs', 'breakerMs'],
  ];
  for (const [flag, key] of copy) if (flags[flag] !== undefined) raw[key] = flags[flag];
  if (typeof flags.prompt === 'string') {
    raw.prompt = readText(flags.prompt, '--prompt');
    raw.promptFile = resolve(flags.prompt);
  }
  if (typeof flags.system === 'string') raw.system = flags.system.startsWith('@') ? readText(flags.system.slice(1), '--system') : flags.system;
  const options = resolveOpenAIOptions(raw);
  if (options.answer === 'label') {
    process.stderr.write(
      'quiver: note: --answer label gives one-hot scores, so the search runs hard-label (no confidence to follow); ' +
        'logprobs, aorta or json give it scores\n',
    );
  }
  return { ...options, ...(raw.promptFile === undefined ? {} : { promptFile: raw.promptFile }) };
}

export function defaultCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'quiver', 'llm');
}

export function readText(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${flag} ${file}: cannot read the file (${(err as Error).message})`);
  }
}

/** --price-in/--price-out win over the --prices table's entry for the model; unknown prices count as 0. */
function priceFor(model: string, flags: Readonly<Record<string, unknown>>): Price {
  const table = tablePrice(model, flags);
  return {
    inputPerMTok: typeof flags.priceIn === 'number' ? flags.priceIn : table.inputPerMTok,
    outputPerMTok: typeof flags.priceOut === 'number' ? flags.priceOut : table.outputPerMTok,
  };
}

/** The --prices table's entry for the model (0 when there is no table or no entry). */
export function tablePrice(model: string, flags: Readonly<Record<string, unknown>>): Price {
  let table: Price = { inputPerMTok: 0, outputPerMTok: 0 };
  if (typeof flags.prices === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readText(flags.prices, '--prices'));
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      throw new ConfigError(`--prices ${flags.prices}: not valid JSON`);
    }
    const entry = (parsed as Record<string, { in?: unknown; out?: unknown }> | null)?.[model];
    if (entry !== undefined) {
      if (typeof entry.in !== 'number' || typeof entry.out !== 'number') {
        throw new ConfigError(`--prices ${flags.prices}: "${model}" needs numbers "in" and "out" (USD per 1M tokens)`);
      }
      table = { inputPerMTok: entry.in, outputPerMTok: entry.out };
    } else {
      process.stderr.write(`quiver: note: --prices ${flags.prices} has no entry for "${model}"; its cost counts as 0\n`);
    }
  }
  return table;
}
