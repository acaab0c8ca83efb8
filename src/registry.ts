/**
 * @module Joins the component registries: builds live attack parts from plain config (in a worker), and checks
 * config names up front (in the main thread) so a typo fails before any work starts.
 */
import { createPerturbation, perturbationNames } from '../perturbations/index.js';
import { campaignConstraints, createOptionalConstraint } from './constraints/index.js';
import type { AttackConfig } from './contracts/campaign.js';
import { ConfigError, UnknownComponentError } from './core/errors.js';
import { compilePatterns } from './core/patterns.js';
import type { AttackParts } from './engine/attack-example.js';
import type { Assessment } from './engine/assess-flip.js';
import { createGoal } from './goals/index.js';
import { winkAnalyzer } from './nlp/wink-analyzer.js';
import { createSearch, isSearchName, searchNames } from './search/index.js';
import { createJudge } from './judges/index.js';
import { createTarget } from './targets/index.js';
import { validityChecks } from './validity/checks.js';

export async function buildAttackParts(config: AttackConfig, targetShared?: unknown): Promise<AttackParts> {
  return {
    target: await createTarget(config.target, config.targetOptions, targetShared),
    goal: createGoal(config.goal),
    perturbations: config.perturbations.map((p) => createPerturbation(p.name, p.options)),
    constraints: campaignConstraints(
      { maxPerturbRatio: config.maxPerturbRatio, protect: compileProtect(config.protect), posConsistency: config.posConsistency ?? true },
      config.constraints ?? [],
    ),
    search: createSearch(config.search.name, { ...config.search.options }),
    analyzer: winkAnalyzer,
  };
}

/** What each flip is assessed with after its search: the campaign's validity checks and its judge, if any. */
export async function buildAssessment(config: AttackConfig, judgeShared?: unknown): Promise<Assessment> {
  const checks = validityChecks(config);
  if (config.judge === undefined) return { checks };
  return { checks, judge: { judge: await createJudge(config.judge, judgeShared), reject: config.judge.reject } };
}

/** Throws ConfigError for unknown names or invalid values; does not load any model. */
export function checkAttackConfig(config: AttackConfig): void {
  if (!isSearchName(config.search.name)) throw new UnknownComponentError('search', config.search.name, searchNames);
  if (config.perturbations.length === 0) throw new ConfigError('--perturb: at least one perturbation family is needed');
  for (const p of config.perturbations) {
    if (!(perturbationNames as readonly string[]).includes(p.name)) throw new UnknownComponentError('perturbation', p.name, perturbationNames);
    createPerturbation(p.name, p.options); // validates options; data files load lazily, on first use
  }
  if (!(config.maxPerturbRatio > 0 && config.maxPerturbRatio <= 1)) {
    throw new ConfigError(`--max-perturb-ratio must be in (0, 1], got ${config.maxPerturbRatio}`);
  }
  compileProtect(config.protect);
  for (const c of config.constraints ?? []) createOptionalConstraint(c.name, c.options); // validates options
  createSearch(config.search.name, { ...config.search.options }); // validates options
}

export function compileProtect(patterns: readonly string[]): RegExp[] {
  return compilePatterns(patterns, (p) => `--protect ${JSON.stringify(p)}`);
}
