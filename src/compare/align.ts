/**
 * @module Lines campaigns up example by example. Campaigns compare only on the same examples: the same dataset
 * (SHA-256) and the same example ids, or — when asked — on the ids all of them share with the same text and label.
 */
import type { ResultRecord } from '../contracts/record.js';
import { ConfigError } from '../core/errors.js';
import type { CampaignData } from '../storage/campaign-data.js';

export interface Alignment {
  readonly mode: 'identical' | 'intersection';
  /** Example ids compared, in the first campaign's order. */
  readonly ids: readonly string[];
  /** Per campaign (same order as given): its record for each compared id. */
  readonly records: readonly ReadonlyMap<string, ResultRecord>[];
  /** Per campaign: records left out of the comparison. */
  readonly dropped: readonly number[];
  /** Shared ids left out because the campaigns disagree on their text or label. */
  readonly conflicting: readonly string[];
}

function byId(c: CampaignData): Map<string, ResultRecord> {
  const m = new Map<string, ResultRecord>();
  for (const r of c.records) m.set(r.id, r);
  return m;
}

export function alignCampaigns(campaigns: readonly CampaignData[], intersection: boolean): Alignment {
  if (campaigns.length < 2) throw new ConfigError('compare needs at least two campaign folders');
  const maps = campaigns.map(byId);
  const first = campaigns[0]!;
  const problems: string[] = [];
  campaigns.slice(1).forEach((c, k) => {
    const m = maps[k + 1]!;
    if (c.config.dataset.sha256 !== first.config.dataset.sha256) {
      problems.push(
        `${first.dir} and ${c.dir} ran on different datasets (sha256 ${first.config.dataset.sha256.slice(0, 12)}… ` +
          `vs ${c.config.dataset.sha256.slice(0, 12)}…)`,
      );
    } else {
      const onlyFirst = [...maps[0]!.keys()].filter((id) => !m.has(id)).length;
      const onlyThis = [...m.keys()].filter((id) => !maps[0]!.has(id)).length;
      if (onlyFirst > 0 || onlyThis > 0) {
        problems.push(
          `${first.dir} (${maps[0]!.size} examples) and ${c.dir} (${m.size}) attacked different ` +
            `examples: ${onlyFirst} only in the first, ${onlyThis} only in the second (--limit, --shard or a ` +
            `running campaign?)`,
        );
      }
    }
  });
  if (problems.length === 0) {
    const ids = [...maps[0]!.keys()];
    return { mode: 'identical', ids, records: maps, dropped: campaigns.map(() => 0), conflicting: [] };
  }
  if (!intersection) {
    throw new ConfigError(`${problems.join('; ')}. Compare on the examples they share with --intersection`);
  }
  const ids: string[] = [];
  const conflicting: string[] = [];
  for (const [id, r0] of maps[0]!) {
    const rs = maps.map((m) => m.get(id));
    if (rs.some((r) => r === undefined)) continue;
    const same = rs.every(
      (r) =>
        r!.groundTruth === r0.groundTruth &&
        (r!.original === null || r0.original === null || r!.original.text === r0.original.text),
    );
    if (same) ids.push(id);
    else conflicting.push(id);
  }
  if (ids.length === 0)
    throw new ConfigError('the campaigns share no example (same id, text and label); nothing to compare');
  const keep = new Set(ids);
  const records = maps.map((m) => new Map([...m].filter(([id]) => keep.has(id))));
  return { mode: 'intersection', ids, records, dropped: maps.map((m) => m.size - ids.length), conflicting };
}

/** Robust: the model got the original right and no verified flip was found (as in accuracy under attack). */
export function isRobust(r: ResultRecord): boolean {
  return r.status === 'failed' && r.original !== null && r.original.label === r.groundTruth;
}
