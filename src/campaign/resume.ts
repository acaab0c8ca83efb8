/**
 * @module Continuing a campaign from its folder: the configuration comes from campaign.json, completed examples from
 * results.jsonl. A torn last line (a crash mid-write) is cut off; a corrupt line anywhere else stops everything, since
 * guessing could lose data.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { CampaignConfig } from '../contracts/campaign.js';
import { ConfigError } from '../core/errors.js';
import { cutTornTail, forEachRecord } from '../storage/results-file.js';
import { runDir } from '../storage/run-dir.js';

export interface ExistingCampaign {
  readonly config: CampaignConfig;
  readonly doneIds: Set<string>;
  readonly records: number;
  /** Bytes of a torn last line that were cut off (0 when the file was intact). */
  readonly repairedBytes: number;
}

export function readCampaignConfig(dir: string): CampaignConfig {
  const path = runDir(dir).campaign;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CampaignConfig;
  } catch (err) {
    throw new ConfigError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

/** The campaign in `dir`, or null when the folder holds none. Repairs a torn last line of results.jsonl. */
export function openExisting(dir: string): ExistingCampaign | null {
  const rd = runDir(dir);
  if (!existsSync(rd.campaign)) {
    if (existsSync(rd.results)) throw new ConfigError(`${dir} has results.jsonl but no campaign.json; refusing to touch it`);
    return null;
  }
  const config = readCampaignConfig(dir);
  const doneIds = new Set<string>();
  let records = 0;
  let repairedBytes = 0;
  if (existsSync(rd.results)) {
    repairedBytes = cutTornTail(rd.results);
    forEachRecord(rd.results, (r) => {
      doneIds.add(r.id);
      records++;
    });
  }
  return { config, doneIds, records, repairedBytes };
}

/**
 * Target options that change only how answers are fetched (caching, pacing, retries, pricing, where the prompt file
 * lived), never what they are: a resumed campaign may change them.
 */
const FETCH_ONLY_OPTIONS = new Set(['cacheDir', 'concurrency', 'rpm', 'tpm', 'timeoutMs', 'retries', 'breakerMs', 'price', 'promptFile', 'apiKeyEnv']);

function resultShaping(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([k]) => !FETCH_ONLY_OPTIONS.has(k)));
}

/** What decides a judge's verdicts: its spec, the options that shape its answers, and which verdicts reject. */
function judgeIdentity(judge: CampaignConfig['attack']['judge']): unknown {
  return judge === undefined ? null : { spec: judge.spec, options: resultShaping(judge.options), reject: judge.reject };
}

/** Fields that decide what a campaign computes; a resumed campaign must match on all of them. */
export function identityDiff(stored: CampaignConfig, requested: CampaignConfig): string[] {
  const pairs: [string, unknown, unknown][] = [
    ['target', stored.attack.target, requested.attack.target],
    ['target options', resultShaping(stored.attack.targetOptions), resultShaping(requested.attack.targetOptions)],
    ['goal', stored.attack.goal, requested.attack.goal],
    ['search', stored.attack.search, requested.attack.search],
    ['perturbations', stored.attack.perturbations, requested.attack.perturbations],
    ['max-perturb-ratio', stored.attack.maxPerturbRatio, requested.attack.maxPerturbRatio],
    ['protect', stored.attack.protect, requested.attack.protect],
    ['constraints', stored.attack.constraints ?? [], requested.attack.constraints ?? []],
    ['seed', stored.attack.seed, requested.attack.seed],
    ['max-queries', stored.attack.maxQueries, requested.attack.maxQueries],
    ['stability-samples', stored.attack.stabilitySamples, requested.attack.stabilitySamples],
    ['verify', stored.attack.verifyRepeats, requested.attack.verifyRepeats],
    ['prompt scope', stored.attack.input ?? null, requested.attack.input ?? null],
    ['judge', judgeIdentity(stored.attack.judge), judgeIdentity(requested.attack.judge)],
    ['dataset (sha256)', stored.dataset.sha256, requested.dataset.sha256],
    ['dataset format', stored.dataset.format, requested.dataset.format],
    ['dataset fields', stored.dataset.fields, requested.dataset.fields],
    ['skip-invalid', stored.dataset.skipInvalid, requested.dataset.skipInvalid],
    ['limit', stored.limit, requested.limit],
    ['shard', stored.shard, requested.shard],
  ];
  return pairs
    .filter(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b))
    .map(([name, a, b]) => `${name}: ${JSON.stringify(a)} in the campaign, ${JSON.stringify(b)} now`);
}
