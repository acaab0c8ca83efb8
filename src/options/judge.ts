/**
 * @module `--judge` and its options -> the campaign's plain JudgeConfig. An `openai:` judge reaches its endpoint as the
 * `openai:` target does: `--judge-base-url` and `--judge-api-key-env` default to the target's `--base-url` and
 * `--api-key-env` when the target is `openai:` too (else $OPENAI_BASE_URL or OpenAI, and OPENAI_API_KEY), and it
 * shares `--cache-dir`/`--no-cache`, `--prices` (by the judge's model name), `--timeout-ms`, `--retries`,
 * `--breaker-ms` and the rate options. Files are read here, so campaign.json holds the judge prompt itself.
 */
import { resolve } from 'node:path';
import type { AttackConfig, CampaignField, JudgeConfig } from '../contracts/campaign.js';
import { ConfigError } from '../core/errors.js';
import { judgeRejectLevels, type JudgeReject } from '../core/judge.js';
import { resolveOpenAIJudgeOptions } from '../judges/openai-options.js';
import { DEFAULT_BASE_URL, OPENAI_PREFIX } from '../targets/openai/options.js';
import { oneOf, text } from './parsers.js';
import { defineOptions, flagOf, keysOf, type GivenOptions } from './table.js';
import {
  cacheDirOf,
  isEndpointOption,
  readText,
  tablePrice,
  targetOptionTable,
  type TargetOptionValues,
} from './target.js';

const config: readonly CampaignField[] = ['attack.judge'];

/** What a campaign holds of its judge; with --resume, a judge option typed must agree with it. */
type Judged = { readonly attack: Pick<AttackConfig, 'judge'> };

/** `openaiOnly`: refused with a `module:` judge. */
export const judgeOptionTable = defineOptions({
  judge: {
    arg: 'spec',
    type: text,
    description: 'ask a judge about every verified flip: openai:<model> or module:<path> (exporting judge(items))',
    identity: (c: Judged) => c.attack.judge?.spec ?? null,
    config,
  },
  judgePrompt: {
    arg: 'file',
    type: text,
    description:
      'judge rubric template; {{label}}, {{original}} and {{perturbed}} are replaced (default: the built-in rubric)',
    identity: (c: Judged) => c.attack.judge?.options.prompt ?? null,
    config,
  },
  judgeReject: {
    arg: 'verdict',
    type: oneOf(judgeRejectLevels),
    description: 'least verdict that rejects a flip (default invalid; preset release: questionable)',
    identity: (c: Judged) => c.attack.judge?.reject ?? null,
    config,
  },
  judgeBaseUrl: {
    arg: 'url',
    type: text,
    description:
      "openai: judge's endpoint (default: the openai: target's --base-url, else $OPENAI_BASE_URL, else OpenAI)",
    openaiOnly: true,
    identity: (c: Judged) => c.attack.judge?.options.baseURL ?? null,
    config,
  },
  judgeApiKeyEnv: {
    arg: 'name',
    type: text,
    description: "openai: judge's key variable (default: the openai: target's --api-key-env, else OPENAI_API_KEY)",
    openaiOnly: true,
    identity: (c: Judged) => c.attack.judge?.options.apiKeyEnv ?? null,
    config,
  },
});

export type JudgeOptionValues = GivenOptions<typeof judgeOptionTable>;
type JudgeKey = keyof typeof judgeOptionTable;

const flags = (keys: readonly JudgeKey[]): string => keys.map((k) => flagOf(k)).join(', ');

/** Undefined without `--judge`; `presetReject` is the preset's level when the user gave none. */
export function judgeOf(
  o: JudgeOptionValues & TargetOptionValues & { readonly target: string },
  targetOptions: Readonly<Record<string, unknown>>,
  presetReject: JudgeReject | undefined,
): JudgeConfig | undefined {
  const spec = o.judge;
  if (spec === undefined) {
    const stray = keysOf(judgeOptionTable).filter((k) => k !== 'judge' && o[k] !== undefined);
    if (stray.length > 0) throw new ConfigError(`${flags(stray)} ${stray.length === 1 ? 'needs' : 'need'} --judge`);
    return undefined;
  }
  const reject = o.judgeReject ?? presetReject ?? 'invalid';
  const prompt =
    o.judgePrompt === undefined
      ? {}
      : { prompt: readText(o.judgePrompt, '--judge-prompt'), promptFile: resolve(o.judgePrompt) };
  if (!spec.startsWith(OPENAI_PREFIX)) {
    const given = keysOf(judgeOptionTable).filter(
      (k) => ('openaiOnly' in judgeOptionTable[k] || k === 'judgePrompt') && o[k] !== undefined,
    );
    if (given.length > 0)
      throw new ConfigError(
        `${flags(given)} only ${given.length === 1 ? 'applies' : 'apply'} to openai:<model> judges, not ${spec}`,
      );
    return { spec, options: {}, reject };
  }
  const fromTarget = (key: string): unknown => (o.target.startsWith(OPENAI_PREFIX) ? targetOptions[key] : undefined);
  const raw: Record<string, unknown> = {
    baseURL: o.judgeBaseUrl ?? fromTarget('baseURL') ?? process.env.OPENAI_BASE_URL ?? DEFAULT_BASE_URL,
    apiKeyEnv: o.judgeApiKeyEnv ?? fromTarget('apiKeyEnv') ?? 'OPENAI_API_KEY',
    cacheDir: cacheDirOf(o),
    price: tablePrice(spec.slice(OPENAI_PREFIX.length), o.prices),
    ...prompt,
  };
  // The endpoint options copied as they are (concurrency, rate limits, timeouts, retries, breaker).
  for (const key of keysOf(targetOptionTable)) {
    const entry = targetOptionTable[key];
    if (isEndpointOption(key) && 'into' in entry && o[key] !== undefined) raw[entry.into] = o[key];
  }
  // Resolved here, as the target's options are: campaign.json holds the whole rubric and the endpoint actually used.
  const options = {
    ...resolveOpenAIJudgeOptions(raw),
    ...(prompt.promptFile === undefined ? {} : { promptFile: prompt.promptFile }),
  };
  return { spec, options, reject };
}
