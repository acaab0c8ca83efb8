/**
 * @module `quiver serve`: its flags, and the command: builds the local model, starts the server, prints exactly one
 * line on stdout (`quiver serve: listening on http://127.0.0.1:PORT/v1`, for tools and tests to parse), and stops
 * gracefully on SIGINT or SIGTERM. Everything else goes to stderr. The server loads only when the command runs.
 */
import type { Command } from 'commander';
import { ConfigError } from '../../core/errors.js';
import { parseInteger } from '../../options/parsers.js';
import { answerStyles, type AnswerStyle } from '../../serve/answer.js';
import { parseJudgeRule, type JudgeRule } from '../../serve/judge-rule.js';
import type { ServeOptions } from '../../serve/server.js';
import { bundledEmbeddings, TASK_SPEC, taskModels } from '../../serve/task-models.js';

function parseRate(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new ConfigError(`${flag} must be a number in [0, 1], got "${value}"`);
    return n;
  };
}

function parsePositive(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new ConfigError(`${flag} must be a number > 0, got "${value}"`);
    return n;
  };
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve a local model as an OpenAI-compatible API on 127.0.0.1 (/v1/chat/completions, /v1/models), with optional fault injection')
    .option('--model <spec>', 'the model answering: local:wink, local:afinn, local:vader, module:<path>, or task:extract|route|policy|all (the bundled rule-based LLM-feature stand-ins; also serves /v1/embeddings)', 'local:wink')
    .option('--name <id>', 'model id clients ask for (default: the spec with ":" as "-", e.g. local-wink; the spec itself is accepted too)')
    .option('--port <n>', 'port on 127.0.0.1 (0: a free port)', parseInteger('--port', 0), 0)
    .option('--answer <style>', 'answer style: auto (from the request), label, aorta, json, logprobs', 'auto')
    .option('--input-marker <text>', 'classify the last user message after the first occurrence of this text ("" or absent: all of it)', 'Text:')
    .option('--decimals <n>', 'round aorta/json scores to N decimals (default: full precision)', parseInteger('--decimals', 0))
    .option('--latency-ms <n>', 'added latency per completion', parseInteger('--latency-ms', 0), 0)
    .option('--jitter-ms <n>', 'extra latency drawn uniformly in [0, N]', parseInteger('--jitter-ms', 0), 0)
    .option('--error-rate <p>', 'share of completions answered 500', parseRate('--error-rate'), 0)
    .option('--drop-rate <p>', 'share of completions whose connection is closed without an answer', parseRate('--drop-rate'), 0)
    .option('--rate-limit-rpm <n>', 'answer 429 with retry-after above N requests per minute (and send x-ratelimit-* headers)', parsePositive('--rate-limit-rpm'))
    .option('--rate-limit-share <p>', 'share of completions answered 429 (retry-after-ms 200) whatever the rate, as shared gateways do (1: all)', parseRate('--rate-limit-share'), 0)
    .option('--noise <p>', 'share of answers replaced by a random one (mimics sampling)', parseRate('--noise'), 0)
    .option('--seed <n>', 'seed of the fault and noise draws', parseInteger('--seed', 0), 0)
    .option('--api-key-env <name>', 'require the key held by this environment variable (401 otherwise)')
    .option('--judge-rule <verdict=word>', 'answer judge rubric requests (quiver run --judge): VERDICT (valid, questionable, invalid, unreadable) when the perturbed text contains WORD, else valid (repeatable; first match wins)', parseJudgeRule)
    .option('--verbose', 'log each request to stderr')
    .action(async (flags: Record<string, unknown>) => {
      await serveCommand(flags as never);
    });
}

export interface ServeFlags {
  model: string;
  name?: string;
  port: number;
  answer: string;
  inputMarker: string;
  decimals?: number;
  latencyMs: number;
  jitterMs: number;
  errorRate: number;
  dropRate: number;
  rateLimitRpm?: number;
  rateLimitShare: number;
  noise: number;
  seed: number;
  apiKeyEnv?: string;
  verbose?: boolean;
  judgeRule?: JudgeRule[];
}

export function serveOptions(flags: ServeFlags): ServeOptions {
  if (!(answerStyles as readonly string[]).includes(flags.answer)) {
    throw new ConfigError(`--answer must be one of ${answerStyles.join(', ')}, got "${flags.answer}"`);
  }
  if (flags.errorRate + flags.dropRate > 1) throw new ConfigError('--error-rate plus --drop-rate must not exceed 1');
  if (!/^(local|module|task):/.test(flags.model)) {
    throw new ConfigError(`--model must be a local model (local:wink, local:afinn, local:vader, module:<path>) or a bundled task (task:extract, task:route, task:policy, task:all), got "${flags.model}"`);
  }
  const textModels = TASK_SPEC.test(flags.model) ? taskModels(flags.model) : [];
  let requiredKey: string | null = null;
  if (flags.apiKeyEnv !== undefined) {
    requiredKey = process.env[flags.apiKeyEnv] ?? '';
    if (requiredKey === '') throw new ConfigError(`--api-key-env ${flags.apiKeyEnv}: that environment variable is not set`);
  }
  const served = flags.name ?? flags.model.replace(/[^A-Za-z0-9._-]+/g, '-');
  return {
    port: flags.port,
    answer: flags.answer as AnswerStyle,
    marker: flags.inputMarker,
    decimals: flags.decimals ?? null,
    modelNames: [...new Set([served, flags.model])],
    requiredKey,
    verbose: flags.verbose === true,
    judgeRules: flags.judgeRule ?? [],
    textModels,
    embeddings: bundledEmbeddings,
    latencyMs: flags.latencyMs,
    jitterMs: flags.jitterMs,
    errorRate: flags.errorRate,
    dropRate: flags.dropRate,
    rateLimitRpm: flags.rateLimitRpm ?? null,
    rateLimitShare: flags.rateLimitShare,
    noise: flags.noise,
    seed: flags.seed,
  };
}

export async function serveCommand(flags: ServeFlags): Promise<void> {
  const options = serveOptions(flags);
  const { createTarget } = await import('../../targets/index.js');
  const { startServer } = await import('../../serve/server.js');
  const target = TASK_SPEC.test(flags.model) ? null : await createTarget(flags.model);
  const handle = await startServer(target, options);
  process.stdout.write(`quiver serve: listening on ${handle.url}\n`);
  const served = target === null ? `the rule-based tasks ${(options.textModels ?? []).map((m) => `"${m.names[0]}"`).join(', ')}` : `${target.id} as model "${options.modelNames[0]}" (labels: ${target.labels.join(', ')})`;
  process.stderr.write(`quiver serve: ${served}; embeddings as "${bundledEmbeddings.name}"; stop with Ctrl-C\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await handle.close();
  await target?.close?.();
  process.stderr.write(`quiver serve: stopped on ${signal} after ${handle.stats().requests} requests\n`);
}
