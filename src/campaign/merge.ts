/**
 * @module `quiver merge`: combines the folders of a sharded campaign into one, in dataset order, with a summary
 * computed from all records. Refuses folders that ran a different campaign, repeat a shard, overlap or hold records
 * of another campaign, and, unless allowed, shards that are missing or did not finish (the merge would look
 * complete). The result is written to a temporary folder next to the destination and renamed at the end, so a
 * merge killed half-way never leaves a partial campaign under the destination's name.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import type { CampaignConfig } from '../contracts/campaign.js';
import type { ResultRecord } from '../contracts/record.js';
import { ConfigError } from '../core/errors.js';
import { summarize, type Summary } from '../metrics/summary.js';
import { writeJsonAtomic } from '../storage/atomic.js';
import { incompleteness, plannedOf, readWrittenProgress } from '../storage/completeness.js';
import { JsonlWriter } from '../storage/jsonl-writer.js';
import { forEachLatestRecord } from '../storage/results-file.js';
import { createRunDir, runDir } from '../storage/run-dir.js';
import { checkRecords } from './existing-records.js';
import { campaignIdOf, identityDiff, readCampaignConfig } from './resume.js';

export interface MergeOutcome {
  readonly summary: Summary;
  readonly outDir: string;
  readonly missingShards: number[];
  /** What makes the merged campaign incomplete (only with `allowIncomplete`); empty when it is complete. */
  readonly gaps: readonly string[];
}

export interface MergeOptions {
  /** Merge missing or unfinished shards anyway; the summary then says `remaining` and why (`stopReason`). */
  readonly allowIncomplete?: boolean;
}

export function mergeCampaigns(dirs: readonly string[], outDir: string, options: MergeOptions = {}): MergeOutcome {
  if (dirs.length === 0) throw new ConfigError('quiver merge: name at least one campaign folder');
  const configs = dirs.map((d) => readCampaignConfig(d));
  const first = configs[0]!;
  const seenShards = new Map<number, string>();
  configs.forEach((c, k) => {
    const diff = identityDiff({ ...first, shard: null }, { ...c, shard: null });
    if (diff.length > 0)
      throw new ConfigError(`${dirs[k]} ran a different campaign than ${dirs[0]}: ${diff.join('; ')}`);
    if ((c.shard?.count ?? null) !== (first.shard?.count ?? null)) {
      throw new ConfigError(
        `${dirs[k]} splits the dataset into ${c.shard?.count ?? 1} shard(s), ${dirs[0]} ` +
          `into ${first.shard?.count ?? 1}`,
      );
    }
    const index = c.shard?.index ?? 0;
    if (seenShards.has(index)) throw new ConfigError(`${dirs[k]} and ${seenShards.get(index)} are both shard ${index}`);
    seenShards.set(index, dirs[k]!);
  });
  const records: ResultRecord[] = [];
  const ids = new Map<string, string>();
  const gaps: string[] = [];
  dirs.forEach((d, k) => {
    const results = runDir(d).results;
    const examples = existsSync(results) ? checkRecords(results, campaignIdOf(configs[k]!), null).size : 0;
    const why = incompleteness(d, configs[k]!, examples);
    if (why !== null) gaps.push(`${d}: ${why}`);
    if (examples === 0) return;
    forEachLatestRecord(results, (r) => {
      const other = ids.get(r.id);
      if (other !== undefined) throw new ConfigError(`example "${r.id}" is in both ${other} and ${d}`);
      ids.set(r.id, d);
      records.push(r);
    });
  });
  records.sort((a, b) => a.index - b.index);
  const count = first.shard?.count ?? 1;
  const missingShards = [...Array(count).keys()].filter((i) => !seenShards.has(i));
  if (missingShards.length > 0) gaps.push(`shard(s) ${missingShards.join(', ')} of ${count} missing`);
  if (gaps.length > 0 && options.allowIncomplete !== true) {
    throw new ConfigError(
      `quiver merge: the merged campaign would be incomplete: ${gaps.join('; ')}; finish them (quiver run --resume ` +
        `DIR) or merge anyway with --allow-incomplete`,
    );
  }

  // Every shard present with a summary: their planned counts add up; otherwise the whole dataset's up to the limit.
  const shardPlans = dirs.map((d, k) => plannedOf(configs[k]!, readWrittenProgress(d)));
  const merged: CampaignConfig & { mergedFrom: readonly string[] } = {
    ...first,
    shard: null,
    campaignId: campaignIdOf(first),
    mergedFrom: [...dirs],
  };
  const planned =
    missingShards.length === 0 && shardPlans.every((n) => n !== null)
      ? shardPlans.reduce((a, b) => a! + b!, 0)!
      : plannedOf(merged, null)!;
  const summary: Summary = {
    ...summarize(records),
    remaining: Math.max(0, planned - records.length),
    ...(gaps.length > 0 ? { stopReason: `merged with --allow-incomplete: ${gaps.join('; ')}` } : {}),
  };
  writeMerged(outDir, merged, records, summary);
  return { summary, outDir, missingShards, gaps };
}

/** Writes the merged folder under a temporary name next to `outDir`, then renames it into place. */
function writeMerged(outDir: string, config: CampaignConfig, records: readonly ResultRecord[], summary: Summary): void {
  const dest = outDir.replace(/\/+$/, '');
  createRunDir(dest); // refuses a folder that holds a campaign, creates the parent
  const tmp = `${dest}.merging-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    const out = createRunDir(tmp);
    writeJsonAtomic(out.campaign, config);
    const writer = new JsonlWriter(out.results);
    try {
      for (const r of records) writer.append(r);
    } finally {
      writer.close();
    }
    writeJsonAtomic(out.summary, summary);
    // Replaces the empty destination folder in one step: it holds the whole merge or nothing.
    renameSync(tmp, dest);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(`cannot write the merged campaign to ${dest}: ${(err as Error).message}`, { cause: err });
  }
}
