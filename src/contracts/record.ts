/** @module The plain-data records Quiver writes (results.jsonl lines) and reads back. Later tools rely on these. */
import type { Edit } from '../core/attack-text.js';

/** An edit as recorded; with a prompt template it also names the part it touched. */
export type RecordedEdit = Edit & { readonly part?: 'prompt' | 'example' };
import type { JudgeVerdict } from '../core/judge.js';
import type { FailedAssertion, Usage } from '../core/target.js';

/**
 * Version of the result record. 2 added `campaignId` and `validity`. Version-1 records (with neither) are still read
 * and resumed; their missing `validity` means unknown, not "no check passed".
 */
export const SCHEMA_VERSION = 2;

export type ResultStatus = 'succeeded' | 'failed' | 'skipped' | 'errored';

export interface PredictionRecord {
  /** The text under attack: the example, or in an assertion campaign the perturbed var's value. */
  readonly text: string;
  /** The predicted label; in an assertion campaign the test's verdict, `pass` or `fail`. */
  readonly label: string;
  readonly scores: Readonly<Record<string, number>>;
  /** Assertion campaigns: the model's output (the text its assertions checked). */
  readonly output?: string;
  /** Assertion campaigns: the assertion the output failed, or null when the test passed. */
  readonly failed?: FailedAssertion | null;
  /**
   * Assertion campaigns: the search signal behind each assertion's margin on this output, in the test's order (e.g.
   * `expected-logprob`, `output-distance`; src/assertions/README.md).
   */
  readonly signals?: readonly string[];
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

/** A dataset example as read from a JSONL line, or one run of an assertion test (`test` set). */
export interface Example {
  readonly id: string;
  readonly index: number;
  /** The text under attack (in an assertion campaign, the perturbed var's value). */
  readonly text: string;
  /** The expected label (in an assertion campaign, `pass`: the test passes). */
  readonly label: string;
  /** Assertion campaigns: the test this example runs. */
  readonly test?: TestRun;
}

/**
 * One (test, prompt, provider) run of an assertion campaign, as plain data: what a worker needs to render the prompt
 * around a perturbed var, call the target and check the output.
 */
export interface TestRun {
  /** Where the test is written in its suite (e.g. `tests[3]`), for messages. */
  readonly where: string;
  /** The test's vars as written (the perturbed var holds the original text). */
  readonly vars: Readonly<Record<string, unknown>>;
  /** The prompt with the test's prefix and suffix, rendered around the vars literally. */
  readonly template: string;
  /** Index into the campaign's `attack.suite.targets`. */
  readonly target: number;
  /**
   * The assertions (defaultTest's first), as written, each with its file, place and the folder its files resolve
   * in.
   */
  readonly assert: readonly TestAssertion[];
  /** promptfoo's test `threshold` (a weighted score the test must reach instead of every assertion passing). */
  readonly threshold: number | null;
}

export interface TestAssertion {
  readonly spec: unknown;
  readonly file: string;
  readonly where: string;
  readonly baseDir: string;
}
