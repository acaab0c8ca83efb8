/**
 * @module Protected-spans constraint (`--protect`): words overlapping a pattern match in the original are never edited
 * or moved.
 */
import type { Constraint } from '../core/constraint.js';
import { protectConstraint } from './protect.js';

/** The regex-only form of the `protect` constraint, under its historical name. */
export function protectedSpansConstraint(patterns: readonly RegExp[]): Constraint {
  return protectConstraint({ patterns }, 'protected-spans');
}
