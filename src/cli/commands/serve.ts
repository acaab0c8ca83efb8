/** @module Definition of `quiver serve` (flags and help); the server loads only when the command runs. */
import type { Command } from 'commander';
import { ConfigError } from '../../core/errors.js';
import { parseJudgeRule } from '../../serve/judge-rule.js';
import { parseInteger } from '../options.js';

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
    .option('--model <spec>', 'the model answering: local:wink, local:afinn, local:vader, module:<path>', 'local:wink')
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
      const { serveCommand } = await import('../../serve/main.js');
      await serveCommand(flags as never);
    });
}
