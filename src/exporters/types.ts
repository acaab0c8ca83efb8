/** @module What every exporter receives and returns: plain data in, file text out (no I/O). */
import type { CampaignConfig } from '../contracts/campaign.js';
import type { ResultRecord } from '../contracts/record.js';
import type { Edit } from '../core/attack-text.js';

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
}

export interface Exporter {
  readonly name: string;
  readonly description: string;
  /** Suggested file extension, without the dot. */
  readonly extension: string;
  render(input: ExportInput): string;
}
