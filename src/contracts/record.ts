/** @module The plain-data records Quiver writes (results.jsonl lines) and reads back. Later tools rely on these. */
import type { Edit } from '../core/attack-text.js';

/** An edit as recorded; with a prompt template it also names the part it touched. */
export type RecordedEdit = Edit & { readonly part?: 'prompt' | 'example' };
import type { JudgeVerdict } from '../core/judge.js';
import type { Usage } from '../core/target.js';

/**
 * Version of the result record. 2 added `campaignId` and `validity`. Version-1 records (with neither) are still read
 * and resumed; their missing `validity` means unknown, not "no check passed".
 */
export const SCHEMA_VERSION = 2;

export type ResultStatus = 'succeeded' | 'failed' | 'skipped' | 'errored';

export interface PredictionRecord {
  readonly text: string;
  readonly label: string;
  readonly scores: Readonly<Record<string, number>>;
}

export interface ResultRecord {
  readonly type: 'result';
  readonly schemaVersion: number;
  /** The campaign that wrote the record (campaign.json's `campaignId`); absent in version 1 records. */
  readonly campaignId?: string;
  readonly id: string;
  /** 0-based position of the example in the dataset (after sharding/limit this still names the source line). */
  readonly index: number;
  readonly status: ResultStatus;
  readonly groundTruth: string;
  readonly original: PredictionRecord | null;
  /**
   * The adversarial example, as the last verification re-query saw it. Set for `succeeded`, and for `failed` records
   * whose flip did not reproduce (`reason` "unverified" or "unstable") so they can be inspected; null otherwise.
   */
  readonly adversarial: PredictionRecord | null;
  readonly verification: Verification | null;
  readonly edits: readonly RecordedEdit[];
  /** Edit cost / original word count, for succeeded records; null otherwise. */
  readonly perturbedWordRatio: number | null;
  /** With a prompt template (`--scope`): the same ratio within the prompt's words and within the example's. */
  readonly perturbedWordRatioByPart?: { readonly prompt: number; readonly example: number };
  /** Number of edits in the adversarial example (after shrinking to a 1-minimal set). */
  readonly flipDistance: number | null;
  /** Edits in the adversarial example as the search found it, before shrinking. */
  readonly editsBeforeShrink: number | null;
  /** True when no single edit can be undone without losing the flip. */
  readonly minimal: boolean | null;
  /** Share of random perturbations (same space and budget as the search) that keep the original label. */
  readonly stability: number | null;
  readonly stabilitySamples: number;
  /** Evaluations the search requested (cache hits included) and texts actually sent to the target. */
  readonly queries: number;
  readonly uniqueQueries: number;
  /**
   * Every text sent to the target for this example: the search's (uniqueQueries), stability sampling's and
   * verification's. What --max-total-queries counts. Absent in records written before it existed.
   */
  readonly textsSent?: number;
  readonly wordCount: number;
  /**
   * What the flip is worth: set on every record with an adversarial text (schema 2 and later). Absent when there is no
   * flip to judge.
   */
  readonly validity?: Validity;
  /**
   * Endpoint cost of this example (tokens, USD, latency, retries), the judge's included; absent for in-process models.
   */
  readonly usage?: Usage;
  readonly elapsedMs: number;
  readonly reason?: string;
}

export interface Verification {
  readonly repeats: number;
  /** Share of re-queries of the adversarial text that still flip. */
  readonly flipRate: number;
  /** Share of re-queries of the original that keep its label (measured only when repeats > 1). */
  readonly originalAgreement: number | null;
}

export interface Validity {
  /**
   * Names of the validity checks active in this campaign, which the flip passed (every candidate is filtered by
   * them), e.g. "stopwords", "max-perturb-ratio", "pos-consistency"; see src/validity/checks.ts.
   */
  readonly checks: readonly string[];
  /** Set when the campaign ran a judge and the flip reproduced (it is asked about verified flips only). */
  readonly judge?: JudgeRecord;
}

export interface JudgeRecord {
  readonly spec: string;
  /** `error`: the judge failed (request, parse or module error); the flip stays as it was, unjudged. */
  readonly verdict: JudgeVerdict | 'error';
  /** The judge's answer, or the error message; null when it gave none. */
  readonly answer: string | null;
  /** What judging this flip cost (also counted in the record's `usage`); absent for in-process judges. */
  readonly usage?: Usage;
}

/** A dataset example as read from a JSONL line. */
export interface Example {
  readonly id: string;
  readonly index: number;
  readonly text: string;
  readonly label: string;
}
