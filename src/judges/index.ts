/**
 * @module Judge registry: one map from spec pattern to driver, `openai:<model>` (an OpenAI-compatible endpoint) and
 * `module:<path>` (a user's module). Checks a judge configuration in the main thread, prepares what every worker
 * shares, and builds a judge in a worker. Each kind loads only when used.
 */
import type { JudgeConfig } from '../contracts/campaign.js';
import { ConfigError, UnknownComponentError } from '../core/errors.js';
import { judgeRejectLevels, type Judge } from '../core/judge.js';
import { noShared, type TargetOptions, type TargetShared } from '../targets/driver.js';
import { MODULE_PREFIX } from '../targets/module.js';
import { OPENAI_PREFIX } from '../targets/openai/options.js';
import { findBySpec } from '../targets/spec-map.js';
import { judgeModuleFile } from './module.js';
import type { JudgeShared } from './shared.js';

export type { JudgeShared } from './shared.js';

interface JudgeDriver {
  /** Validates spec and options without loading a module or calling an endpoint. */
  check(spec: string, options: TargetOptions): Promise<void>;
  /** Main thread, once per campaign, after the target's shared state. */
  prepareShared(spec: string, options: TargetOptions, targetShared: TargetShared): Promise<JudgeShared>;
  create(spec: string, options: TargetOptions, shared: JudgeShared): Promise<Judge>;
}

const judgeDrivers: Readonly<Record<string, JudgeDriver>> = Object.freeze({
  [`${OPENAI_PREFIX}<model>`]: {
    async check(spec, options) {
      const { judgeModelOf, resolveOpenAIJudgeOptions } = await import('./openai-options.js');
      judgeModelOf(spec);
      resolveOpenAIJudgeOptions(options);
    },
    prepareShared: async (spec, options, targetShared) =>
      (await import('./openai.js')).prepareOpenAIJudgeShared(spec, options, targetShared),
    create: async (spec, options, shared) => (await import('./openai.js')).createOpenAIJudge(spec, options, shared),
  },
  [`${MODULE_PREFIX}<path>`]: {
    async check(spec, options) {
      if (Object.keys(options).length > 0) throw new ConfigError(`--judge ${spec}: a module judge takes no options`);
      judgeModuleFile(spec);
    },
    prepareShared: async () => noShared,
    create: async (spec) => (await import('./module.js')).createModuleJudge(spec),
  },
} satisfies Record<string, JudgeDriver>);

export const judgeSpecs: readonly string[] = Object.freeze(Object.keys(judgeDrivers));

function judgeDriver(spec: string): JudgeDriver {
  const driver = findBySpec(judgeDrivers, spec);
  if (driver === undefined) throw new UnknownComponentError('judge', spec, judgeSpecs);
  return driver;
}

/** Validates spec, options and reject level without loading a module or calling an endpoint. */
export async function checkJudgeConfig(config: JudgeConfig): Promise<void> {
  if (!(judgeRejectLevels as readonly string[]).includes(config.reject)) {
    throw new ConfigError(`--judge-reject must be one of ${judgeRejectLevels.join(', ')}, got "${config.reject}"`);
  }
  await judgeDriver(config.spec).check(config.spec, config.options);
}

/** Prepared once in the main thread for every worker (the endpoint's limiter, shared with the target's when equal). */
export function prepareJudgeShared(config: JudgeConfig, targetShared: TargetShared): Promise<JudgeShared> {
  return judgeDriver(config.spec).prepareShared(config.spec, config.options, targetShared);
}

/** Builds the judge in a worker, with the shared state the campaign prepared (or, when none is given, its own). */
export async function createJudge(config: JudgeConfig, shared?: JudgeShared): Promise<Judge> {
  const { spec, options } = config;
  const driver = judgeDriver(spec);
  return driver.create(spec, options, shared ?? (await driver.prepareShared(spec, options, noShared)));
}
