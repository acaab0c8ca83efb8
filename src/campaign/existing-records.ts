/**
 * @module Which records already in a campaign's results.jsonl count, checked before anything is appended to it.
 * Every record must belong to this campaign (its `campaignId`) and, when the plan is known, to its plan (an id the
 * plan attacks, at the same dataset index): a results.jsonl copied from another campaign would otherwise pass for
 * finished work. Records from before records carried a campaign id (schema version 1) are kept when they fit the
 * plan: refusing them would strand every campaign started before the change, and the campaign.json they were
 * written under has already been checked against this campaign. Such a record from another target cannot be told
 * apart; one from another dataset, limit or shard can (its id or index does not fit).
 */
import type { ResultRecord, ResultStatus } from '../contracts/record.js';
import { ConfigError } from '../core/errors.js';
import { forEachRecord } from '../storage/results-file.js';

/**
 * The status of the last record of each example (a retried example's newer record supersedes its `errored` one);
 * throws a ConfigError naming file, line, record and what does not match on the first foreign record.
 * `planned` maps the planned ids to their dataset index; null when the dataset is not at hand (merge).
 */
export function checkRecords(
  path: string,
  campaignId: string,
  planned: ReadonlyMap<string, number> | null,
): Map<string, ResultStatus> {
  const latest = new Map<string, ResultStatus>();
  forEachRecord(path, (r, line) => {
    const problem = mismatch(r, campaignId, planned);
    if (problem !== null)
      throw new ConfigError(
        `${path}:${line}: record "${r.id}" ${problem}; refusing to use it (move the file aside to start over)`,
      );
    latest.set(r.id, r.status);
  });
  return latest;
}

function mismatch(r: ResultRecord, campaignId: string, planned: ReadonlyMap<string, number> | null): string | null {
  if (r.type !== 'result') return `is not a result record (type ${JSON.stringify(r.type)})`;
  if (r.campaignId !== undefined && r.campaignId !== campaignId) {
    return (
      `was written by campaign ${r.campaignId}, this folder holds campaign ${campaignId} (another target, ` +
      `configuration or dataset)`
    );
  }
  if (planned === null) return null;
  const index = planned.get(r.id);
  if (index === undefined)
    return 'is not an example this campaign plans (its dataset, --limit and --shard, in campaign.json)';
  if (index !== r.index)
    return `has dataset index ${r.index}, but this campaign's dataset has that id at index ${index}`;
  return null;
}
