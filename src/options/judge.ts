/**
 * @module `--judge` and its flags -> the campaign's plain JudgeConfig. An `openai:` judge reaches its endpoint as the
 * `openai:` target does: `--judge-base-url` and `--judge-api-key-env` default to the target's `--base-url` and
 * `--api-key-env` when the target is `openai:` too (else $OPENAI_BASE_URL or OpenAI, and OPENAI_API_KEY), and it
 * shares `--cache-dir`/`--no-cache`, `--prices` (by the judge's model name), `--timeout-ms`, `--retries`,
 * `--breaker-ms` and the rate flags. Files are read here, so campaign.json holds the judge prompt itself.
 */
import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import type { JudgeConfig } from '../contracts/campaign.js';
import { ConfigError } from '../core/errors.js';
import { judgeRejectLevels, type JudgeReject } from '../core/judge.js';
import { resolveOpenAIJudgeOptions } from '../judges/openai-options.js';
import { DEFAULT_BASE_URL, OPENAI_PREFIX } from '../targets/openai/options.js';
import { defaultCacheDir, readText, tablePrice } from './target.js';

export function addJudgeFlags(cmd: Command): Command {
  return cmd
    .option('--judge <spec>', 'ask a judge about every verified flip: openai:<model> or module:<path> (exporting judge(items))')
    .option('--judge-prompt <file>', 'judge rubric template; {{label}}, {{original}} and {{perturbed}} are replaced (default: the built-in rubric)')
    .addOption(new Option('--judge-reject <verdict>', 'least verdict that rejects a flip (default invalid; preset release: questionable)').choices([...judgeRejectLevels]))
    .option('--judge-base-url <url>', "openai: judge's endpoint (default: the openai: target's --base-url, else $OPENAI_BASE_URL, else OpenAI)")
    .option('--judge-api-key-env <name>', "openai: judge's key variable (default: the openai: target's --api-key-env, else OPENAI_API_KEY)");
}

const OPENAI_ONLY = { judgeBaseUrl: '--judge-base-url', judgeApiKeyEnv: '--judge-api-key-env' } as const;

/** Undefined without `--judge`; `presetReject` is the preset's level when the user gave none. */
export function judgeFromFlags(
  flags: Readonly<Record<string, unknown>>,
  targetOptions: Readonly<Record<string, unknown>>,
  presetReject: JudgeReject | undefined,
): JudgeConfig | undefined {
  const spec = flags.judge;
  if (typeof spec !== 'string') {
    const stray = ['judgePrompt', 'judgeReject', ...Object.keys(OPENAI_ONLY)].filter((k) => flags[k] !== undefined);
    if (stray.length > 0) throw new ConfigError(`${stray.map(flagName).join(', ')} ${stray.length === 1 ? 'needs' : 'need'} --judge`);
    return undefined;
  }
  const reject = (flags.judgeReject as JudgeReject | undefined) ?? presetReject ?? 'invalid';
  const prompt = typeof flags.judgePrompt === 'string'
    ? { prompt: readText(flags.judgePrompt, '--judge-prompt'), promptFile: resolve(flags.judgePrompt) }
    : {};
  if (!spec.startsWith(OPENAI_PREFIX)) {
    const given = [...Object.keys(OPENAI_ONLY), ...(flags.judgePrompt === undefined ? [] : ['judgePrompt'])].filter((k) => flags[k] !== undefined);
    if (given.length > 0) throw new ConfigError(`${given.map(flagName).join(', ')} only ${given.length === 1 ? 'applies' : 'apply'} to openai:<model> judges, not ${spec}`);
    return { spec, options: {}, reject };
  }
  const fromTarget = (key: string): unknown => (typeof flags.target === 'string' && flags.target.startsWith(OPENAI_PREFIX) ? targetOptions[key] : undefined);
  const raw: Record<string, unknown> = {
    baseURL: flags.judgeBaseUrl ?? fromTarget('baseURL') ?? process.env.OPENAI_BASE_URL ?? DEFAULT_BASE_URL,
    apiKeyEnv: flags.judgeApiKeyEnv ?? fromTarget('apiKeyEnv') ?? 'OPENAI_API_KEY',
    cacheDir: flags.cache === false ? null : resolve(String(flags.cacheDir ?? defaultCacheDir())),
    price: tablePrice(spec.slice(OPENAI_PREFIX.length), flags),
    ...prompt,
  };
  for (const k of ['timeoutMs', 'retries', 'breakerMs', 'concurrency', 'rpm', 'tpm']) if (flags[k] !== undefined) raw[k] = flags[k];
  // Resolved here, as the target's options are: campaign.json holds the whole rubric and the endpoint actually used.
  const options = { ...resolveOpenAIJudgeOptions(raw), ...(prompt.promptFile === undefined ? {} : { promptFile: prompt.promptFile }) };
  return { spec, options, reject };
}

function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
