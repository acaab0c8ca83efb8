/**
 * @module Judge registry: `openai:<model>` (an OpenAI-compatible endpoint) and `module:<path>` (a user's module).
 * Checks a judge configuration in the main thread, prepares what every worker shares, and builds a judge in a
 * worker. Each kind loads only when used.
 */
import type { JudgeConfig } from '../contracts/campaign.js';
import { ConfigError, UnknownComponentError } from '../core/errors.js';
import { judgeRejectLevels, type Judge } from '../core/judge.js';
import { OPENAI_PREFIX } from '../targets/openai/options.js';
import { judgeModuleFile, MODULE_PREFIX } from './module.js';

export const judgeSpecs: readonly string[] = Object.freeze([`${OPENAI_PREFIX}<model>`, `${MODULE_PREFIX}<path>`]);

/** Validates spec, options and reject level without loading a module or calling an endpoint. */
export async function checkJudgeConfig(config: JudgeConfig): Promise<void> {
  if (!(judgeRejectLevels as readonly string[]).includes(config.reject)) {
    throw new ConfigError(`--judge-reject must be one of ${judgeRejectLevels.join(', ')}, got "${config.reject}"`);
  }
  if (config.spec.startsWith(OPENAI_PREFIX)) {
    const { judgeModelOf, resolveOpenAIJudgeOptions } = await import('./openai-options.js');
    judgeModelOf(config.spec);
    resolveOpenAIJudgeOptions(config.options);
    return;
  }
  if (config.spec.startsWith(MODULE_PREFIX)) {
    if (Object.keys(config.options).length > 0) throw new ConfigError(`--judge ${config.spec}: a module judge takes no options`);
    judgeModuleFile(config.spec);
    return;
  }
  throw new UnknownComponentError('judge', config.spec, judgeSpecs);
}

/** Prepared once in the main thread for every worker (the endpoint's limiter, shared with the target's when equal). */
export async function prepareJudgeShared(config: JudgeConfig, targetShared: unknown): Promise<unknown> {
  if (!config.spec.startsWith(OPENAI_PREFIX)) return undefined;
  const { prepareOpenAIJudgeShared } = await import('./openai.js');
  return prepareOpenAIJudgeShared(config.spec, config.options, targetShared);
}

export async function createJudge(config: JudgeConfig, shared?: unknown): Promise<Judge> {
  if (config.spec.startsWith(OPENAI_PREFIX)) return (await import('./openai.js')).createOpenAIJudge(config.spec, config.options, shared);
  if (config.spec.startsWith(MODULE_PREFIX)) return (await import('./module.js')).createModuleJudge(config.spec);
  throw new UnknownComponentError('judge', config.spec, judgeSpecs);
}
