/** @module Goal registry: a plain-data spec (crosses the worker boundary) to a Goal. */
import type { GoalSpec } from '../contracts/campaign.js';
import type { Goal } from '../core/goal.js';
import { targetedGoal } from './targeted.js';
import { untargetedGoal } from './untargeted.js';

export function createGoal(spec: GoalSpec): Goal {
  return spec.name === 'targeted' ? targetedGoal(spec.targetLabel) : untargetedGoal();
}
