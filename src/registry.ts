/**
 * @module Joins the component registries: builds live attack parts from plain config (in a worker), and checks
 * config names up front (in the main thread) so a typo fails before any work starts.
 */
import { createPerturbation, perturbationDataFiles, perturbationNames } from '../perturbations/index.js';
import { campaignConstraints, compileProtectPatterns, createConstraint } from './constraints/index.js';
import type { AttackConfig } from './contracts/campaign.js';
import { ConfigError, UnknownComponentError } from './core/errors.js';
import type { Constraint } from './core/constraint.js';
import type { Goal } from './core/goal.js';
import type { Perturbation } from './core/perturbation.js';
import type { SearchMethod } from './core/search.js';
import type { Target } from './core/target.js';
import type { AttackParts, AttackSettings } from './engine/attack-example.js';
import type { Assessment } from './engine/assess-flip.js';
import { createGoal } from './goals/index.js';
import { winkAnalyzer } from './nlp/wink-analyzer.js';
import { createSearch, isSearchName, searchNames } from './search/index.js';
import { createJudge, type JudgeShared } from './judges/index.js';
import { createTarget, type TargetShared } from './targets/index.js';
import { validityChecks } from './validity/checks.js';

/** `targetShared`: what the campaign's main thread prepared; absent, the target prepares its own (one-off runs). */
export async function buildAttackParts(config: AttackConfig, targetShared?: TargetShared): Promise<AttackParts> {
  return attackPartsWith(config, await createTarget(config.target, config.targetOptions, targetShared));
}

/**
 * A library caller's own component objects, used in the caller's thread (live objects cannot be rebuilt from plain
 * config in a worker): perturbations and constraints join the named ones, a search or goal replaces the named one.
 */
export interface OwnComponents {
  readonly perturbations?: readonly Perturbation[];
  readonly constraints?: readonly Constraint[];
  readonly search?: SearchMethod;
  readonly goal?: Goal;
}

/** The attack parts of `config` around a target that already exists (a library caller's own Target object). */
export function attackPartsWith(config: AttackConfig, target: Target, own: OwnComponents = {}): AttackParts {
  return {
    target,
    goal: own.goal ?? createGoal(config.goal),
    perturbations: [
      ...config.perturbations.map((p) => createPerturbation(p.name, p.options)),
      ...(own.perturbations ?? []),
    ],
    constraints: [
      ...campaignConstraints(
        {
          maxPerturbRatio: config.maxPerturbRatio,
          protect: compileProtect(config.protect),
          posConsistency: config.posConsistency ?? true,
        },
        config.constraints ?? [],
      ),
      ...(own.constraints ?? []),
    ],
    search: own.search ?? createSearch(config.search.name, { ...config.search.options }),
    analyzer: winkAnalyzer,
  };
}

/** The per-example settings of the engine, from plain config. */
export function attackSettings(config: AttackConfig): AttackSettings {
  return {
    seed: config.seed,
    maxQueries: config.maxQueries ?? Infinity,
    maxPerturbRatio: config.maxPerturbRatio,
    stabilitySamples: config.stabilitySamples,
    verifyRepeats: config.verifyRepeats,
    ...(config.input === undefined ? {} : { input: config.input }),
    ...(config.exampleTimeoutMs == null ? {} : { timeLimitMs: config.exampleTimeoutMs }),
  };
}

/** What each flip is assessed with after its search: the campaign's validity checks and its judge, if any. */
export async function buildAssessment(config: AttackConfig, judgeShared?: JudgeShared): Promise<Assessment> {
  const checks = validityChecks(config);
  if (config.judge === undefined) return { checks };
  return { checks, judge: { judge: await createJudge(config.judge, judgeShared), reject: config.judge.reject } };
}

/** Data files the attack's components read, which a campaign's workers share (src/nlp/shared-files.ts). */
export function attackDataFiles(config: AttackConfig): string[] {
  return perturbationDataFiles(config.perturbations.map((p) => p.name));
}

/** Throws ConfigError for unknown names or invalid values; does not load any model. */
export function checkAttackConfig(config: AttackConfig, own: OwnComponents = {}): void {
  if (own.search === undefined && !isSearchName(config.search.name))
    throw new UnknownComponentError('search', config.search.name, searchNames);
  if (config.perturbations.length + (own.perturbations?.length ?? 0) === 0)
    throw new ConfigError('--perturb: at least one perturbation family is needed');
  for (const p of config.perturbations) {
    if (!(perturbationNames as readonly string[]).includes(p.name))
      throw new UnknownComponentError('perturbation', p.name, perturbationNames);
    createPerturbation(p.name, p.options); // validates options; data files load lazily, on first use
  }
  if (!(config.maxPerturbRatio > 0 && config.maxPerturbRatio <= 1)) {
    throw new ConfigError(`--max-perturb-ratio must be in (0, 1], got ${config.maxPerturbRatio}`);
  }
  compileProtect(config.protect);
  for (const c of config.constraints ?? []) createConstraint(c.name, c.options); // validates options
  if (own.search === undefined) createSearch(config.search.name, { ...config.search.options }); // validates options
}

export function compileProtect(patterns: readonly string[]): RegExp[] {
  return compileProtectPatterns(patterns, (p) => `--protect ${JSON.stringify(p)}`);
}
