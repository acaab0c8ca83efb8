/**
 * @module `attackExample(target, text, options)` of the package API: one text attacked in this thread, as a campaign
 * attacks each example (search, shrink to a minimal edit set, verify, stability), without a dataset or a folder.
 * Takes a target spec or your own Target object, and your own perturbation, constraint, search and goal objects
 * besides (or instead of) the named ones.
 */
import type { ResultRecord } from '../contracts/record.js';
import type { Constraint } from '../core/constraint.js';
import { ConfigError } from '../core/errors.js';
import type { Goal } from '../core/goal.js';
import type { Perturbation } from '../core/perturbation.js';
import type { SearchMethod } from '../core/search.js';
import type { Target } from '../core/target.js';
import { attackExample as attackWithParts } from '../engine/attack-example.js';
import { assessFlip } from '../engine/assess-flip.js';
import {
  attackPartsWith,
  attackSettings,
  buildAssessment,
  checkAttackConfig,
  type OwnComponents,
} from '../registry.js';
import { createTarget } from '../targets/index.js';
import { attackConfigOf, type AttackOptions, type ComponentSpec } from './campaign.js';

export interface AttackExampleOptions extends Omit<AttackOptions, 'perturbations' | 'search' | 'constraints'> {
  /**
   * The label the model should give the text. Default: the model's own answer on it, so any change of answer is a
   * flip (and nothing is skipped).
   */
  readonly label?: string;
  /** The example's id in the record (default `example`). */
  readonly id?: string;
  /** Settings of a target given by spec (prompt, labels, baseURL...). */
  readonly targetOptions?: Readonly<Record<string, unknown>>;
  /** Named families and/or your own Perturbation objects (default: typo, synonym, reorder, rare-word). */
  readonly perturbations?: readonly (ComponentSpec | Perturbation)[];
  /** A named search or your own SearchMethod (default `abs`). */
  readonly search?: ComponentSpec | SearchMethod;
  /** Opt-in named constraints and/or your own Constraint objects, added to the default constraints. */
  readonly constraints?: readonly (ComponentSpec | Constraint)[];
  /** Your own Goal instead of the untargeted (or `targetLabel`) one. */
  readonly goal?: Goal;
}

/**
 * Attacks `text` and resolves with its result record: `status` `succeeded` with the verified `adversarial` text,
 * its `edits` and the `stability` score; `failed` when no flip was found (or it did not reproduce); `skipped` when
 * the model already disagrees with `label`; `errored` when the target threw (the message is in `reason`).
 * A target given by spec is loaded for this call and closed after it; your own Target object is never closed.
 */
export async function attackExample(
  target: string | Target,
  text: string,
  options: AttackExampleOptions = {},
): Promise<ResultRecord> {
  if (typeof text !== 'string') throw new ConfigError('attackExample: text must be a string');
  const targetOptions = options.targetOptions ?? {};
  const live = typeof target === 'string' ? await createTarget(target, targetOptions) : target;
  try {
    const { named, own } = splitComponents(options);
    const { perturbations: _p, search: _s, constraints: _c, ...plain } = options;
    const config = attackConfigOf(live.id, targetOptions, { ...plain, ...named });
    checkAttackConfig(config, own);
    const label = options.label ?? (await live.predict([text]))[0]?.label;
    if (label === undefined || !live.labels.includes(label)) {
      throw new ConfigError(
        `attackExample: label ${JSON.stringify(label)} is not a label of ${live.id} (${live.labels.join(', ')})`,
      );
    }
    const example = { id: options.id ?? 'example', index: 0, text, label };
    const record = await attackWithParts(attackPartsWith(config, live, own), attackSettings(config), example);
    return assessFlip(record, await buildAssessment(config));
  } finally {
    if (typeof target === 'string') await live.close?.();
  }
}

/** Named components go into the plain config (absent ones take its defaults); objects are used as they are. */
function splitComponents(o: AttackExampleOptions): {
  named: Pick<AttackOptions, 'perturbations' | 'search' | 'constraints'>;
  own: OwnComponents;
} {
  const named: { perturbations?: ComponentSpec[]; search?: ComponentSpec; constraints?: ComponentSpec[] } = {};
  const own: { perturbations?: Perturbation[]; search?: SearchMethod; constraints?: Constraint[]; goal?: Goal } = {};
  if (o.perturbations !== undefined) {
    named.perturbations = o.perturbations.filter((p): p is ComponentSpec => !isPerturbation(p));
    own.perturbations = o.perturbations.filter(isPerturbation);
  }
  if (o.constraints !== undefined) {
    named.constraints = o.constraints.filter((c): c is ComponentSpec => !isConstraint(c));
    own.constraints = o.constraints.filter(isConstraint);
  }
  if (o.search !== undefined) {
    if (isSearchMethod(o.search)) own.search = o.search;
    else named.search = o.search;
  }
  if (o.goal !== undefined) own.goal = o.goal;
  return { named, own };
}

function isPerturbation(p: ComponentSpec | Perturbation): p is Perturbation {
  return typeof p === 'object' && p !== null && typeof (p as Perturbation).candidates === 'function';
}

function isConstraint(c: ComponentSpec | Constraint): c is Constraint {
  if (typeof c !== 'object' || c === null) return false;
  const { allowsIndex, allowsCandidate } = c as Constraint;
  return typeof allowsIndex === 'function' || typeof allowsCandidate === 'function';
}

function isSearchMethod(s: ComponentSpec | SearchMethod): s is SearchMethod {
  return typeof s === 'object' && s !== null && typeof (s as SearchMethod).search === 'function';
}
