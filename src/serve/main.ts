/**
 * @module `quiver serve`: builds the local model, starts the server, prints exactly one line on stdout
 * (`quiver serve: listening on http://127.0.0.1:PORT/v1`, for tools and tests to parse), and stops gracefully on
 * SIGINT or SIGTERM. Everything else goes to stderr.
 */
import { ConfigError } from '../core/errors.js';
import { createTarget } from '../targets/index.js';
import { answerStyles, type AnswerStyle } from './answer.js';
import type { JudgeRule } from './judge-rule.js';
import { startServer, type ServeOptions } from './server.js';
import { bundledEmbeddings, TASK_SPEC, taskModels } from './task-models.js';

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
