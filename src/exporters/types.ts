/** @module What every exporter receives and returns: plain data in, file text out (no I/O). */
import type { CampaignConfig, TargetRef } from '../contracts/campaign.js';
import type { ResultRecord, TestRun } from '../contracts/record.js';
import type { Edit } from '../core/attack-text.js';
import type { FailedAssertion } from '../core/target.js';
import type { CampaignSuite } from '../suite/load.js';

/** One regression case: an adversarial input the model got wrong, or an original it got right (a control). */
export interface SuiteCase {
  readonly kind: 'adversarial' | 'control';
  readonly id: string;
  readonly index: number;
  /** The input to send to the model. */
  readonly text: string;
  /** The dataset text the case derives from (the same as `text` for controls). */
  readonly original: string;
  /** The right answer: the dataset label. */
  readonly expected: string;
  /** What the model answered on `text` during the campaign. */
  readonly recorded: string;
  readonly edits: readonly Edit[];
  readonly flipDistance: number | null;
  readonly stability: number | null;
  /** Assertion campaigns: the test the case runs (`text` is its perturbed var's value). */
  readonly test?: CaseTest;
}

/** An assertion case's test: everything needed to render, call and check it without the original suite. */
export interface CaseTest {
  /** The test as the campaign ran it; `run.vars` hold the original text (assertion values render with them). */
  readonly run: TestRun;
  readonly perturbVar: string;
  /** The Quiver target the run's provider resolved to. */
  readonly target: TargetRef;
  /** Output on the original vars, and on `text` during the campaign (the same for controls). */
  readonly originalOutput: string;
  readonly recordedOutput: string;
  /** The assertion `text` failed in the campaign; null for controls. */
  readonly failed: FailedAssertion | null;
}

/** Where the cases come from, written into every export so a case can be traced back to its campaign. */
export interface Provenance {
  readonly campaign: string;
  readonly campaignId: string;
  readonly model: string;
  readonly targetOptions: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly date: string;
  readonly dataset: { readonly path: string; readonly sha256: string };
  readonly quiverVersion: string;
}

export interface ExportOptions {
  /** Also export the originals the search could not flip, as controls expected to pass. */
  readonly controls: boolean;
  /** node-test / vitest: module specifier of the user's predict module, as the generated file imports it. */
  readonly predictModule: string;
  /**
   * promptfoo: provider id, e.g. `openai:chat:my-model` (default: an OpenAI-compatible provider named after the model).
   */
  readonly provider?: string;
  /** promptfoo: OpenAI-compatible base URL, e.g. `quiver serve`'s `http://127.0.0.1:PORT/v1`. */
  readonly apiBaseUrl?: string;
}

export interface ExportInput {
  readonly config: CampaignConfig;
  readonly provenance: Provenance;
  /** Every record of the campaign, in dataset order. */
  readonly records: readonly ResultRecord[];
  /** The cases to export, as `selectCases` picked them. */
  readonly cases: readonly SuiteCase[];
  readonly options: ExportOptions;
  /** Assertion campaigns: the suite read again (prompts, providers, tests as written); absent otherwise. */
  readonly suite?: CampaignSuite;
}

export interface Exporter {
  readonly name: string;
  readonly description: string;
  /** It renders assertion campaigns too (their cases are tests with assertions, not labelled texts). */
  readonly assertionCampaigns?: true;
  /** Suggested file extension, without the dot. */
  readonly extension: string;
  render(input: ExportInput): string;
}
