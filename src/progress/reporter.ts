/** @module Reporter lifecycle hooks: all optional; the campaign calls them, reporters never compute metrics. */
import type { Budgets } from '../contracts/campaign.js';
import type { ResultRecord } from '../contracts/record.js';
import type { Summary } from '../metrics/summary.js';

export interface Progress {
  readonly done: number;
  /** Done by this run (a resumed campaign's earlier records excluded): the basis of the ETA. */
  readonly doneThisRun: number;
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly skipped: number;
  readonly errored: number;
  readonly queries: number;
  readonly elapsedMs: number;
}

export interface CampaignStart {
  readonly total: number;
  /** Examples completed by earlier runs of a resumed campaign. */
  readonly alreadyDone: number;
  readonly outDir: string;
  readonly target: string;
  readonly search: string;
  readonly workers: number;
  readonly budgets?: Budgets;
  /** What one planned item is: a dataset `example` (absent), or an assertion campaign's `test run`. */
  readonly unit?: 'test run';
  /** What the workers are waiting on (a remote endpoint's limiter), for the progress line. */
  readonly waitingOn?: () => string | null;
}

export interface Reporter {
  onStart?(info: CampaignStart): void;
  onResult?(record: ResultRecord, progress: Progress): void;
  onEnd?(summary: Summary, outDir: string): void;
}

export function fanOut(reporters: readonly Reporter[]): Required<Reporter> {
  return {
    onStart: (i) => {
      for (const r of reporters) r.onStart?.(i);
    },
    onResult: (rec, p) => {
      for (const r of reporters) r.onResult?.(rec, p);
    },
    onEnd: (s, d) => {
      for (const r of reporters) r.onEnd?.(s, d);
    },
  };
}
