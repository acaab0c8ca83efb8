/**
 * @module Options that configure a target (endpoint, prompt, answer parsing, rate limits...) and their mapping into the
 * campaign's plain `targetOptions`. Secrets never pass through here: only the name of the variable holding a key.
 * Files named by options (prompt, system prompt, price table) are read here, in the main thread, so campaign.json
 * holds their content and a campaign is reproducible from it alone.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CampaignField } from '../contracts/campaign.js';
import { ConfigError } from '../core/errors.js';
import { isHfSpec } from '../targets/index.js';
import {
  answerModes,
  logprobsModes,
  DEFAULT_BASE_URL,
  OPENAI_PREFIX,
  resolveOpenAIOptions,
  type Price,
} from '../targets/openai/options.js';
import { atLeast, integer, list, off, oneOf, text } from './parsers.js';
import { defineOptions, flagOf, keysOf, type GivenOptions } from './table.js';

/** Every target option lands in the campaign's targetOptions (never in the resume identity: see resume.ts). */
const config: readonly CampaignField[] = ['attack.targetOptions'];

/**
 * `applies`: the target kind an option belongs to (given with another target, it is refused). `endpoint`: how an
 * endpoint is reached, paced and priced; with an `openai:` judge (`--judge`) such options configure the judge's
 * endpoint too, so they are accepted whatever the target. `into`: the targetOptions key it is copied to as it is.
 */
export const targetOptionTable = defineOptions({
  batchSize: {
    arg: 'n',
    type: integer(1),
    description: 'hf:, local:nn: most texts per model call (default 32)',
    applies: 'hf',
    config,
  },
  threads: {
    arg: 'n',
    type: integer(1),
    description: 'hf:, local:nn: intra-op threads per model session (default: cores / workers, at least 1)',
    applies: 'hf',
    config,
  },
  baseUrl: {
    arg: 'url',
    type: text,
    description: `openai: endpoint (default: $OPENAI_BASE_URL, else ${DEFAULT_BASE_URL})`,
    applies: 'openai',
    config,
  },
  apiKeyEnv: {
    arg: 'name',
    type: text,
    description: 'openai: environment variable holding the API key (default OPENAI_API_KEY)',
    applies: 'openai',
    into: 'apiKeyEnv',
    config,
  },
  prompt: {
    arg: 'file',
    type: text,
    description: 'openai: user-message template file; {{input}} is the text, {{labels}} the label list',
    applies: 'openai',
    config,
  },
  system: {
    arg: 'text',
    type: text,
    description: 'openai: system prompt, or @FILE to read it from a file',
    applies: 'openai',
    config,
  },
  labels: {
    arg: 'list',
    type: list,
    description: 'openai: comma-separated labels (default negative,positive)',
    applies: 'openai',
    into: 'labels',
    config,
  },
  answer: {
    arg: 'mode',
    type: oneOf(answerModes),
    description: 'openai: answer parsing (default logprobs)',
    applies: 'openai',
    into: 'answer',
    config,
  },
  logprobs: {
    arg: 'mode',
    type: oneOf(logprobsModes),
    description:
      'openai: --answer text: ask for token logprobs for assertions that can use them (expected-logprob signal), ' +
      'or off (default auto)',
    applies: 'openai',
    into: 'logprobs',
    config,
  },
  temperature: {
    arg: 'x',
    type: atLeast(0),
    description: 'openai: sampling temperature (default 0)',
    applies: 'openai',
    into: 'temperature',
    config,
  },
  llmSeed: {
    arg: 'n',
    type: integer(0),
    description: 'openai: seed sent with each request',
    applies: 'openai',
    into: 'seed',
    config,
  },
  answerMaxTokens: {
    arg: 'n',
    type: integer(1),
    description: 'openai: answer length cap (default: enough for the answer mode)',
    applies: 'openai',
    into: 'maxTokens',
    config,
  },
  concurrency: {
    arg: 'n',
    type: integer(1),
    description: 'openai: requests in flight, across all workers (default 8)',
    applies: 'openai',
    endpoint: true,
    into: 'concurrency',
    config,
  },
  rpm: {
    arg: 'n',
    type: atLeast(0.001),
    description: 'openai: requests per minute, across all workers (default: adapt to 429s)',
    applies: 'openai',
    endpoint: true,
    into: 'rpm',
    config,
  },
  tpm: {
    arg: 'n',
    type: atLeast(1),
    description: 'openai: tokens per minute, across all workers',
    applies: 'openai',
    endpoint: true,
    into: 'tpm',
    config,
  },
  timeoutMs: {
    arg: 'n',
    type: integer(1),
    description: 'openai: per-request timeout, answer body included (default 60000)',
    applies: 'openai',
    endpoint: true,
    into: 'timeoutMs',
    config,
  },
  retries: {
    arg: 'n',
    type: integer(0),
    description: 'openai: retries after a transient failure (default 6; 429s get 4x)',
    applies: 'openai',
    endpoint: true,
    into: 'retries',
    config,
  },
  breakerMs: {
    arg: 'n',
    type: integer(100),
    description: 'openai: stop the campaign when no request succeeds for this long (default 10000)',
    applies: 'openai',
    endpoint: true,
    into: 'breakerMs',
    config,
  },
  cacheDir: {
    arg: 'dir',
    type: text,
    description: 'openai: response cache folder (default $XDG_CACHE_HOME/quiver/llm or ~/.cache/quiver/llm)',
    applies: 'openai',
    endpoint: true,
    config,
  },
  cache: {
    negate: true,
    type: off,
    default: true,
    description: 'openai: do not read or write the response cache',
    applies: 'openai',
    endpoint: true,
    config,
  },
  priceIn: { arg: 'usd', type: atLeast(0), description: 'openai: USD per 1M prompt tokens', applies: 'openai', config },
  priceOut: {
    arg: 'usd',
    type: atLeast(0),
    description: 'openai: USD per 1M completion tokens',
    applies: 'openai',
    config,
  },
  prices: {
    arg: 'file',
    type: text,
    description: 'openai: JSON price table {"<model>": {"in": USD/1M, "out": USD/1M}}',
    applies: 'openai',
    endpoint: true,
    config,
  },
  train: {
    arg: 'file',
    type: text,
    description: 'local:nb: labelled JSONL file to train the naive Bayes baseline on',
    applies: 'nb',
    config,
  },
  holdout: {
    arg: 'x',
    type: atLeast(0),
    description: 'local:nb: share of the training file held out from training, by a hash of the id (default 0.2)',
    applies: 'nb',
    config,
  },
});

export type TargetOptionValues = GivenOptions<typeof targetOptionTable>;
type TargetKey = keyof typeof targetOptionTable;

/** Options of one target kind that were given (a negated switch counts when switched off). */
function given(
  o: TargetOptionValues,
  applies: 'openai' | 'hf' | 'nb',
  skip: (key: TargetKey) => boolean = () => false,
): TargetKey[] {
  return keysOf(targetOptionTable).filter((k) => {
    const spec = targetOptionTable[k];
    return (
      spec.applies === applies &&
      !skip(k) &&
      o[k] !== undefined &&
      o[k] !== ('default' in spec ? spec.default : undefined)
    );
  });
}

const flags = (keys: readonly TargetKey[]): string => keys.map((k) => flagOf(k, targetOptionTable[k])).join(', ');

/** Options of how an endpoint is reached (`endpoint: true`), which an openai: judge shares. */
export function isEndpointOption(key: TargetKey): boolean {
  return 'endpoint' in targetOptionTable[key];
}

/** `local:nb` trains on a labelled file; the path is resolved here so workers in any folder find it. */
function nbOptions(target: string, o: TargetOptionValues): Record<string, unknown> | null {
  const nb = given(o, 'nb');
  if (target !== 'local:nb') {
    if (nb.length > 0) throw new ConfigError(`${flags(nb)} only apply to the local:nb target, not ${target}`);
    return null;
  }
  if (o.train === undefined) throw new ConfigError('local:nb needs --train FILE: a labelled JSONL file to train on');
  return { train: resolve(o.train), ...(o.holdout === undefined ? {} : { holdout: o.holdout }) };
}

/** `hf:<dir>` and `local:nn`: batch size and threads of the model session. */
function hfOptions(target: string, o: TargetOptionValues): Record<string, unknown> | null {
  const hf = given(o, 'hf');
  if (!isHfSpec(target)) {
    if (hf.length > 0) throw new ConfigError(`${flags(hf)} only apply to hf:<dir> and local:nn targets, not ${target}`);
    return null;
  }
  return Object.fromEntries(hf.map((k) => [k, o[k]]));
}

/** The target's plain options from the given target options; `judge`: the `--judge` spec, if any. */
export function targetOptionsOf(target: string, o: TargetOptionValues, judge?: string): Record<string, unknown> {
  const nb = nbOptions(target, o);
  if (nb !== null) return nb;
  const hf = hfOptions(target, o);
  if (hf !== null) {
    const stray = given(o, 'openai', (k) => k === 'cache');
    if (stray.length > 0) throw new ConfigError(`${flags(stray)} only apply to openai:<model> targets, not ${target}`);
    return hf;
  }
  const openaiJudge = judge?.startsWith(OPENAI_PREFIX);
  if (!target.startsWith(OPENAI_PREFIX)) {
    const stray = given(o, 'openai', (k) => openaiJudge === true && isEndpointOption(k));
    if (stray.length > 0)
      throw new ConfigError(
        `${flags(stray)} ${stray.length === 1 ? 'applies' : 'apply'} only to openai:<model> targets, not ${target}`,
      );
    return {};
  }
  const model = target.slice(OPENAI_PREFIX.length);
  const raw: Record<string, unknown> = {
    // Resolved here so campaign.json names the endpoint actually used, whatever each worker's environment says.
    baseURL: o.baseUrl ?? process.env.OPENAI_BASE_URL ?? DEFAULT_BASE_URL,
    cacheDir: cacheDirOf(o),
    price: priceFor(model, o),
  };
  for (const key of keysOf(targetOptionTable)) {
    const spec = targetOptionTable[key];
    if ('into' in spec && o[key] !== undefined) raw[spec.into] = o[key];
  }
  if (o.prompt !== undefined) {
    raw.prompt = readText(o.prompt, '--prompt');
    raw.promptFile = resolve(o.prompt);
  }
  if (o.system !== undefined)
    raw.system = o.system.startsWith('@') ? readText(o.system.slice(1), '--system') : o.system;
  const options = resolveOpenAIOptions(raw);
  if (options.answer === 'label') {
    process.stderr.write(
      'quiver: note: --answer label gives one-hot scores, so the search runs hard-label (no confidence to follow); ' +
        'logprobs, aorta or json give it scores\n',
    );
  }
  return { ...options, ...(raw.promptFile === undefined ? {} : { promptFile: raw.promptFile }) };
}

/** The response cache folder (`--cache-dir`, else the user's cache), or null with `--no-cache`. */
export function cacheDirOf(o: TargetOptionValues): string | null {
  return o.cache === false ? null : resolve(o.cacheDir ?? defaultCacheDir());
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
function priceFor(model: string, o: TargetOptionValues): Price {
  const table = tablePrice(model, o.prices);
  return { inputPerMTok: o.priceIn ?? table.inputPerMTok, outputPerMTok: o.priceOut ?? table.outputPerMTok };
}

/** The entry for the model in the `--prices` file (0 when there is no file or no entry). */
export function tablePrice(model: string, prices: string | undefined): Price {
  let table: Price = { inputPerMTok: 0, outputPerMTok: 0 };
  if (prices !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readText(prices, '--prices'));
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      throw new ConfigError(`--prices ${prices}: not valid JSON`);
    }
    const entry = (parsed as Record<string, { in?: unknown; out?: unknown }> | null)?.[model];
    if (entry !== undefined) {
      if (typeof entry.in !== 'number' || typeof entry.out !== 'number') {
        throw new ConfigError(`--prices ${prices}: "${model}" needs numbers "in" and "out" (USD per 1M tokens)`);
      }
      table = { inputPerMTok: entry.in, outputPerMTok: entry.out };
    } else {
      process.stderr.write(`quiver: note: --prices ${prices} has no entry for "${model}"; its cost counts as 0\n`);
    }
  }
  return table;
}
