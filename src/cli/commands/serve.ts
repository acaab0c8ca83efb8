/**
 * @module `quiver serve`: its flags, and the command: builds the local model, starts the server, prints exactly one
 * line on stdout (`quiver serve: listening on http://127.0.0.1:PORT/v1`, for tools and tests to parse), and stops
 * gracefully on SIGINT or SIGTERM. Everything else goes to stderr. The server loads only when the command runs.
 */
import type { Command } from 'commander';
import { ConfigError } from '../../core/errors.js';
import { integer, on, positive, rate, text } from '../../options/parsers.js';
import { defineOptions, withDefaults, type OptionsOf, type ValueType } from '../../options/table.js';
import { answerStyles } from '../../serve/answer.js';
import { parseJudgeRule, type JudgeRule } from '../../serve/judge-rule.js';
import type { ServeOptions } from '../../serve/server.js';
import { addTableOptions } from '../commander-options.js';

/** `--judge-rule VERDICT=WORD`, repeatable. */
const judgeRules: ValueType<JudgeRule[]> = { parse: (value, _flag, previous) => parseJudgeRule(value, previous) };

/** The options of `quiver serve`, each declared once. */
export const serveOptionTable = defineOptions({
  model: {
    arg: 'spec',
    type: text,
    default: 'local:wink',
    description:
      'the model answering: local:wink, local:afinn, local:vader, module:<path>, or task:extract|route|policy|all ' +
      '(the bundled rule-based LLM-feature stand-ins; also serves /v1/embeddings)',
  },
  name: {
    arg: 'id',
    type: text,
    description:
      'model id clients ask for (default: the spec with ":" as "-", e.g. local-wink; the spec itself is accepted too)',
  },
  port: { arg: 'n', type: integer(0), default: 0, description: 'port on 127.0.0.1 (0: a free port)' },
  answer: {
    arg: 'style',
    type: text,
    default: 'auto',
    description: 'answer style: auto (from the request), label, aorta, json, logprobs',
  },
  inputMarker: {
    arg: 'text',
    type: text,
    default: 'Text:',
    description: 'classify the last user message after the first occurrence of this text ("" or absent: all of it)',
  },
  decimals: {
    arg: 'n',
    type: integer(0),
    description: 'round aorta/json scores to N decimals (default: full precision)',
  },
  latencyMs: { arg: 'n', type: integer(0), default: 0, description: 'added latency per completion' },
  jitterMs: { arg: 'n', type: integer(0), default: 0, description: 'extra latency drawn uniformly in [0, N]' },
  errorRate: { arg: 'p', type: rate, default: 0, description: 'share of completions answered 500' },
  dropRate: {
    arg: 'p',
    type: rate,
    default: 0,
    description: 'share of completions whose connection is closed without an answer',
  },
  rateLimitRpm: {
    arg: 'n',
    type: positive,
    description: 'answer 429 with retry-after above N requests per minute (and send x-ratelimit-* headers)',
  },
  rateLimitShare: {
    arg: 'p',
    type: rate,
    default: 0,
    description:
      'share of completions answered 429 (retry-after-ms 200) whatever the rate, as shared gateways do (1: all)',
  },
  noise: {
    arg: 'p',
    type: rate,
    default: 0,
    description: 'share of answers replaced by a random one (mimics sampling)',
  },
  seed: { arg: 'n', type: integer(0), default: 0, description: 'seed of the fault and noise draws' },
  refuseLogprobs: {
    type: on,
    description: 'answer 400 to requests asking for logprobs, as endpoints without logprobs support do',
  },
  apiKeyEnv: {
    arg: 'name',
    type: text,
    description: 'require the key held by this environment variable (401 otherwise)',
  },
  judgeRule: {
    arg: 'verdict=word',
    type: judgeRules,
    description:
      'answer judge rubric requests (quiver run --judge): VERDICT (valid, questionable, invalid, unreadable) when ' +
      'the perturbed text contains WORD, else valid (repeatable; first match wins)',
  },
  verbose: { type: on, description: 'log each request to stderr' },
});

export type ServeFlags = OptionsOf<typeof serveOptionTable>;

export function registerServe(program: Command): void {
  const cmd = program
    .command('serve')
    .description(
      'serve a local model as an OpenAI-compatible API on 127.0.0.1 (/v1/chat/completions, /v1/models), with ' +
        'optional fault injection',
    );
  const given = addTableOptions(cmd, serveOptionTable);
  cmd.action(async () => {
    await serveCommand(withDefaults(serveOptionTable, given()));
  });
}

export async function serveOptions(flags: ServeFlags): Promise<ServeOptions> {
  // The tasks and the vector loader load only when the command runs: importing them (natural's stemmer, the
  // tasks' lexicons) cost every command's start-up, --help included.
  const { bundledEmbeddings, TASK_SPEC, taskModels } = await import('../../serve/task-models.js');
  const answer = answerStyles.find((style) => style === flags.answer);
  if (answer === undefined)
    throw new ConfigError(`--answer must be one of ${answerStyles.join(', ')}, got "${flags.answer}"`);
  if (flags.errorRate + flags.dropRate > 1) throw new ConfigError('--error-rate plus --drop-rate must not exceed 1');
  if (!/^(local|module|task):/.test(flags.model)) {
    throw new ConfigError(
      `--model must be a local model (local:wink, local:afinn, local:vader, module:<path>) or a bundled task ` +
        `(task:extract, task:route, task:policy, task:all), got "${flags.model}"`,
    );
  }
  const textModels = TASK_SPEC.test(flags.model) ? taskModels(flags.model) : [];
  let requiredKey: string | null = null;
  if (flags.apiKeyEnv !== undefined) {
    requiredKey = process.env[flags.apiKeyEnv] ?? '';
    if (requiredKey === '')
      throw new ConfigError(`--api-key-env ${flags.apiKeyEnv}: that environment variable is not set`);
  }
  const served = flags.name ?? flags.model.replace(/[^A-Za-z0-9._-]+/g, '-');
  return {
    port: flags.port,
    answer,
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
    refuseLogprobs: flags.refuseLogprobs === true,
  };
}

export async function serveCommand(flags: ServeFlags): Promise<void> {
  const options = await serveOptions(flags);
  const { TASK_SPEC } = await import('../../serve/task-models.js');
  const { createTarget } = await import('../../targets/index.js');
  const { startServer } = await import('../../serve/server.js');
  const target = TASK_SPEC.test(flags.model) ? null : await createTarget(flags.model);
  const handle = await startServer(target, options);
  process.stdout.write(`quiver serve: listening on ${handle.url}\n`);
  const served =
    target === null
      ? `the rule-based tasks ${(options.textModels ?? []).map((m) => `"${m.names[0]}"`).join(', ')}`
      : `${target.id} as model "${options.modelNames[0]}" (labels: ${target.labels.join(', ')})`;
  process.stderr.write(`quiver serve: ${served}; embeddings as "${options.embeddings?.name}"; stop with Ctrl-C\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await handle.close();
  await target?.close?.();
  process.stderr.write(`quiver serve: stopped on ${signal} after ${handle.stats().requests} requests\n`);
}
