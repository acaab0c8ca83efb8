/**
 * @module Which examples a campaign attacks: the first `limit` valid examples, then this shard's share (a stable
 * hash of the id, so shards never overlap and need no coordination), minus those already done (resume).
 */
import type { Shard } from '../contracts/campaign.js';
import type { Example } from '../contracts/record.js';
import { ConfigError } from '../core/errors.js';
import { readExamples } from './dataset.js';
import type { DatasetSpec } from './dataset-format.js';

/** FNV-1a (32-bit) of the id: stable across machines and Node versions. */
export function shardOf(id: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % count;
}

export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || !(count >= 1 && index >= 0 && index < count)) {
    throw new ConfigError(`--shard must be i/n with 0 <= i < n (e.g. 0/4), got "${value}"`);
  }
  return { index, count };
}

export interface PlanSpec {
  readonly dataset: DatasetSpec;
  readonly labels: readonly string[];
  readonly limit: number | null;
  readonly shard: Shard | null;
  /** An assertion campaign's test runs, in suite order: planned instead of the dataset's examples. */
  readonly runs?: readonly Example[];
}

export async function* plannedExamples(plan: PlanSpec, done: ReadonlySet<string> = new Set()): AsyncGenerator<Example> {
  for await (const ex of plan.runs ?? readExamples(plan.dataset, plan.labels)) {
    if (plan.limit !== null && ex.index >= plan.limit) return;
    if (plan.shard !== null && shardOf(ex.id, plan.shard.count) !== plan.shard.index) continue;
    if (!done.has(ex.id)) yield ex;
  }
}

/** The planned examples' ids with their dataset index, in plan order; its size is the number planned. */
export async function plannedIds(plan: PlanSpec): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for await (const ex of plannedExamples(plan)) ids.set(ex.id, ex.index);
  return ids;
}
