/**
 * @module The attack parts of one test run, in a worker: the campaign's parts with the target replaced by the run's
 * checked target (its provider's target, the prompt around the perturbed var, its assertions). Each provider's target
 * is built once per thread and shared by every run on it.
 */
import type { AttackConfig } from '../contracts/campaign.js';
import type { Example } from '../contracts/record.js';
import type { Target } from '../core/target.js';
import type { AttackParts } from '../engine/attack-example.js';
import { createTarget, type TargetShared } from '../targets/index.js';
import { checkedTarget, compileTestRun } from './checked-target.js';

export type PartsFor = (example: Example) => Promise<AttackParts>;

/** `base`: the campaign's parts, whose target is the suite's first (`attack.target`). */
export function suitePartsFor(config: AttackConfig, base: AttackParts, shared: TargetShared | undefined): PartsFor {
  const suite = config.suite;
  const targets = new Map<number, Promise<Target>>([[0, Promise.resolve(base.target)]]);
  const targetOf = (k: number): Promise<Target> => {
    let t = targets.get(k);
    if (t === undefined) {
      const ref = suite?.targets[k];
      if (ref === undefined)
        throw new Error(`internal: a test run names target ${k}, the suite has ${suite?.targets.length ?? 0}`);
      t = createTarget(ref.spec, ref.options, shared);
      targets.set(k, t);
    }
    return t;
  };
  return async (example) => {
    const run = example.test;
    if (suite === undefined || run === undefined) return base;
    const model = await targetOf(run.target);
    return { ...base, target: checkedTarget(model, run, suite.perturbVar, example.text, await compileTestRun(run)) };
  };
}
