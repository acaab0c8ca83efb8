/** @module The result of a check before its search margin is attached: pass, promptfoo's score and a reason. */

export interface Check {
  readonly pass: boolean;
  readonly score: number;
  readonly reason: string;
  /** A margin from the assertion itself (similarity, distance, numeric field, script score); absent: the fallback. */
  readonly margin?: number;
  readonly error?: string;
}

export function passFail(pass: boolean, failReason: string): Check {
  return { pass, score: pass ? 1 : 0, reason: pass ? 'Assertion passed' : failReason };
}

export function clamp01(x: number): number {
  return Number.isNaN(x) ? 1 : Math.min(1, Math.max(0, x));
}

/** `not ` when the assertion is inverted, for reasons worded like promptfoo's. */
export function notWord(inverse: boolean): string {
  return inverse ? 'not ' : '';
}
