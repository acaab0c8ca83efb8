/**
 * @module `quiver merge`: combines the folders of a sharded campaign into one, in dataset order, with a summary
 * computed from all records. Refuses folders that ran a different campaign, repeat a shard, or overlap.
 */
import type { CampaignConfig } from '../contracts/campaign.js';
import type { ResultRecord } from '../contracts/record.js';
import { ConfigError } from '../core/errors.js';
import { summarize, type Summary } from '../metrics/summary.js';
import { writeJsonAtomic } from '../storage/atomic.js';
import { JsonlWriter } from '../storage/jsonl-writer.js';
import { forEachLatestRecord } from '../storage/results-file.js';
import { createRunDir, runDir } from '../storage/run-dir.js';
import { identityDiff, readCampaignConfig } from './resume.js';

export interface MergeOutcome {
  readonly summary: Summary;
  readonly outDir: string;
  readonly missingShards: number[];
}

export function mergeCampaigns(dirs: readonly string[], outDir: string): MergeOutcome {
  if (dirs.length === 0) throw new ConfigError('quiver merge: name at least one campaign folder');
  const configs = dirs.map((d) => readCampaignConfig(d));
  const first = configs[0]!;
  const seenShards = new Map<number, string>();
  configs.forEach((c, k) => {
    const diff = identityDiff({ ...first, shard: null }, { ...c, shard: null });
    if (diff.length > 0) throw new ConfigError(`${dirs[k]} ran a different campaign than ${dirs[0]}: ${diff.join('; ')}`);
    if ((c.shard?.count ?? null) !== (first.shard?.count ?? null)) {
      throw new ConfigError(`${dirs[k]} splits the dataset into ${c.shard?.count ?? 1} shard(s), ${dirs[0]} into ${first.shard?.count ?? 1}`);
    }
    const index = c.shard?.index ?? 0;
    if (seenShards.has(index)) throw new ConfigError(`${dirs[k]} and ${seenShards.get(index)} are both shard ${index}`);
    seenShards.set(index, dirs[k]!);
  });
  const records: ResultRecord[] = [];
  const ids = new Map<string, string>();
  dirs.forEach((d) =>
    forEachLatestRecord(runDir(d).results, (r) => {
      const other = ids.get(r.id);
      if (other !== undefined) throw new ConfigError(`example "${r.id}" is in both ${other} and ${d}`);
      ids.set(r.id, d);
      records.push(r);
    }),
  );
  records.sort((a, b) => a.index - b.index);
  const count = first.shard?.count ?? 1;
  const missingShards = [...Array(count).keys()].filter((i) => !seenShards.has(i));

  const out = createRunDir(outDir);
  const merged: CampaignConfig & { mergedFrom: readonly string[] } = { ...first, shard: null, mergedFrom: [...dirs] };
  writeJsonAtomic(out.campaign, merged);
  const writer = new JsonlWriter(out.results);
  try {
    for (const r of records) writer.append(r);
  } finally {
    writer.close();
  }
  const summary = summarize(records);
  writeJsonAtomic(out.summary, summary);
  return { summary, outDir: out.dir, missingShards };
}
