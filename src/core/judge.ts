/**
 * @module The optional judge, as the engine sees it: asked once per verified flip whether the perturbed text keeps
 * the original's label and meaning. It never takes part in the search.
 */
import type { Usage } from './target.js';

export const judgeVerdicts = ['valid', 'questionable', 'invalid'] as const;
export type JudgeVerdict = (typeof judgeVerdicts)[number];

/** Which verdicts reject a flip: `invalid` only (default), or `questionable` and `invalid`. */
export const judgeRejectLevels = ['invalid', 'questionable'] as const;
export type JudgeReject = (typeof judgeRejectLevels)[number];

export interface JudgeItem {
  /** The label the original text has (its ground truth), which the perturbed text should keep. */
  readonly label: string;
  readonly original: string;
  readonly perturbed: string;
}

export interface JudgeAnswer {
  readonly verdict: JudgeVerdict;
  /** The judge's own words (an LLM's full answer, a module's reason), kept in the record. */
  readonly answer?: string;
  /** What asking cost at a remote endpoint (absent for in-process judges and cached answers). */
  readonly usage?: Usage;
}

export interface Judge {
  /** The spec it was built from, e.g. `openai:gpt-4o-mini`. */
  readonly id: string;
  /** One answer per item, in order. Throws when the judge fails; the caller records the verdict `error`. */
  judge(items: readonly JudgeItem[]): Promise<JudgeAnswer[]>;
  close?(): Promise<void>;
}

export function rejects(reject: JudgeReject, verdict: JudgeVerdict): boolean {
  return verdict === 'invalid' || (reject === 'questionable' && verdict === 'questionable');
}
