/** @module The constraint contract, in two stages: pre (which words may be edited) and post (is a candidate valid). */
import type { AttackText } from './attack-text.js';

/** How a perturbation uses its anchor word: `change` edits its content; `move` reorders or inserts around it. */
export type AnchorMode = 'change' | 'move';

export interface ConstraintContext {
  readonly original: AttackText;
}

export interface Constraint {
  readonly name: string;
  /**
   * Pre-stage: may an edit be anchored at current index `index` of `text`? Cheap; runs before generation. `mode` says
   * whether the perturbation asking changes the anchor word itself or only moves words / inserts next to it.
   */
  allowsIndex?(text: AttackText, index: number, ctx: ConstraintContext, mode: AnchorMode): boolean;
  /** Post-stage: is `candidate` (its last edit applied to `parent`) acceptable? */
  allowsCandidate?(candidate: AttackText, parent: AttackText, ctx: ConstraintContext): boolean;
}
