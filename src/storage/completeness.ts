/**
 * @module Whether a campaign folder holds a complete campaign, from the folder alone: its summary.json says how
 * many examples were planned and why a run stopped, the lock says whether one is running. Merge refuses incomplete
 * shards and export, report and compare warn, since a partial campaign otherwise reads like a finished one.
 */
import { readFileSync } from 'node:fs';
import type { CampaignConfig } from '../contracts/campaign.js';
import { lockOwner } from './lock.js';
import { runDir } from './run-dir.js';

/** The part of summary.json that says how far the campaign got. */
export interface WrittenProgress {
  readonly examples: number;
  readonly remaining?: number;
  readonly stopReason?: string;
}

export function readWrittenProgress(dir: string): WrittenProgress | null {
  try {
    const s = JSON.parse(readFileSync(runDir(dir).summary, 'utf8')) as WrittenProgress;
    return typeof s?.examples === 'number' ? s : null;
  } catch {
    return null;
  }
}

/**
 * Planned examples: from the summary (examples + remaining, fixed for a campaign), else, without a shard, the
 * dataset's valid examples up to the limit; null when unknown (a shard without a summary).
 */
export function plannedOf(config: CampaignConfig, written: WrittenProgress | null): number | null {
  if (written?.remaining !== undefined) return written.examples + written.remaining;
  return config.shard === null ? Math.min(config.limit ?? Infinity, config.dataset.examples) : null;
}

/**
 * Why the campaign in `dir` is incomplete, or null when it is complete; `records` counts its examples with a record.
 */
export function incompleteness(dir: string, config: CampaignConfig, records: number): string | null {
  const pid = lockOwner(dir);
  if (pid !== null) return `it is still running (process ${pid})`;
  const written = readWrittenProgress(dir);
  if (written === null) return 'it has no summary.json (it was killed before the end)';
  const planned = plannedOf(config, written);
  const stopped = written.stopReason === undefined ? '' : ` (stopped: ${written.stopReason})`;
  if (planned !== null && records < planned) return `${records} of ${planned} planned examples have a record${stopped}`;
  return written.stopReason === undefined ? null : `it stopped: ${written.stopReason}`;
}
