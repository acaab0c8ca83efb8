/** @module Goal registry: a plain-data spec (crosses the worker boundary) to a Goal. */
import type { GoalSpec } from '../contracts/campaign.js';
import type { Goal } from '../core/goal.js';
import { assertionGoal } from './assertions.js';
import { targetedGoal } from './targeted.js';
import { untargetedGoal } from './untargeted.js';

export function createGoal(spec: GoalSpec): Goal {
  switch (spec.name) {
    case 'targeted':
      return targetedGoal(spec.targetLabel);
    case 'assertions':
      return assertionGoal();
    case 'untargeted':
      return untargetedGoal();
  }
}
