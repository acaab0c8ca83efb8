/**
 * @module What a found flip is worth, once the search is over: the validity checks it passed and, with a judge, the
 * judge's verdict. Runs once per example after attackExample, never inside the search. A flip the judge rejects
 * becomes `failed` with reason `judged-invalid`; a judge that fails leaves the flip as it was with the verdict
 * `error` (unjudged), never `valid`. An outage (CampaignAbortError) stops the campaign, as a target's does.
 */
import type { JudgeRecord, ResultRecord } from '../contracts/record.js';
import { CampaignAbortError, errorMessage } from '../core/errors.js';
import { rejects, type Judge, type JudgeReject } from '../core/judge.js';
import { addUsage, zeroUsage } from '../core/target.js';

export interface Assessment {
  /** Names of the campaign's active validity checks (plain data, from src/validity/checks.ts). */
  readonly checks: readonly string[];
  readonly judge?: { readonly judge: Judge; readonly reject: JudgeReject };
}

export const JUDGED_INVALID = 'judged-invalid';

export async function assessFlip(record: ResultRecord, assessment: Assessment): Promise<ResultRecord> {
  if (record.adversarial === null || record.original === null) return record;
  const checks = [...assessment.checks];
  // Only verified flips are worth a judge's time (and money).
  if (assessment.judge === undefined || record.status !== 'succeeded') return { ...record, validity: { checks } };

  const { judge, reject } = assessment.judge;
  let verdict: JudgeRecord;
  try {
    const [a] = await judge.judge([
      { label: record.groundTruth, original: record.original.text, perturbed: record.adversarial.text },
    ]);
    verdict = {
      spec: judge.id,
      verdict: a!.verdict,
      answer: a!.answer ?? null,
      ...(a!.usage === undefined ? {} : { usage: a!.usage }),
    };
  } catch (err) {
    if (err instanceof CampaignAbortError) throw err;
    verdict = { spec: judge.id, verdict: 'error', answer: errorMessage(err) };
  }
  const usage = verdict.usage === undefined ? record.usage : addUsage(record.usage ?? zeroUsage, verdict.usage);
  const judged: ResultRecord = {
    ...record,
    validity: { checks, judge: verdict },
    ...(usage === undefined ? {} : { usage }),
  };
  if (verdict.verdict === 'error' || !rejects(reject, verdict.verdict)) return judged;
  // The edits stay, to show what was rejected; the success-only measures go, as for any failed record.
  const { perturbedWordRatioByPart: _byPart, ...rest } = judged;
  return {
    ...rest,
    status: 'failed',
    reason: JUDGED_INVALID,
    perturbedWordRatio: null,
    flipDistance: null,
    editsBeforeShrink: null,
    minimal: null,
  };
}
