/**
 * @module Continuing a campaign from its folder: the configuration comes from campaign.json, which must match the
 * requested campaign on every field that decides results (its campaign id digests them). A torn last line of
 * results.jsonl (a crash mid-write) is cut off; which records count is decided in existing-records.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { CampaignConfig } from '../contracts/campaign.js';
import { ConfigError } from '../core/errors.js';
import { checkCampaignFile } from './campaign-file.js';
import { cutTornTail } from '../storage/results-file.js';
import { runDir } from '../storage/run-dir.js';

export interface ExistingCampaign {
  readonly config: CampaignConfig;
  /** Bytes of a torn last line that were cut off (0 when the file was intact). */
  readonly repairedBytes: number;
}

/** campaign.json of `dir`, checked field by field (it may have been edited by hand). */
export function readCampaignConfig(dir: string): CampaignConfig {
  const path = runDir(dir).campaign;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    // A folder whose campaign was stopped during start-up (before campaign.json): nothing to resume yet, and the
    // original command, run again, starts it there.
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && existsSync(dir)) {
      throw new ConfigError(
        `${dir} holds no campaign.json: its campaign was stopped before it started; run the original quiver run ` +
          `command again (same --out)`,
      );
    }
    throw new ConfigError(`cannot read ${path}: ${(err as Error).message}`);
  }
  return checkCampaignFile(path, raw);
}

/** The campaign in `dir`, or null when the folder holds none. Repairs a torn last line of results.jsonl. */
export function openExisting(dir: string): ExistingCampaign | null {
  const rd = runDir(dir);
  if (!existsSync(rd.campaign)) {
    if (existsSync(rd.results))
      throw new ConfigError(`${dir} has results.jsonl but no campaign.json; refusing to touch it`);
    return null;
  }
  const config = readCampaignConfig(dir);
  const repairedBytes = existsSync(rd.results) ? cutTornTail(rd.results) : 0;
  return { config, repairedBytes };
}

/**
 * Target options that change only how answers are fetched (caching, pacing, retries, pricing, where the prompt file
 * lived), never what they are: a resumed campaign may change them. hf: `batchSize` and `threads` only pace the model:
 * texts are never padded, so predictions do not depend on them.
 */
const FETCH_ONLY_OPTIONS = new Set([
  'cacheDir',
  'concurrency',
  'rpm',
  'tpm',
  'timeoutMs',
  'retries',
  'breakerMs',
  'price',
  'promptFile',
  'apiKeyEnv',
  'batchSize',
  'threads',
]);

function resultShaping(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([k]) => !FETCH_ONLY_OPTIONS.has(k)));
}

/** What decides a judge's verdicts: its spec, the options that shape its answers, and which verdicts reject. */
function judgeIdentity(judge: CampaignConfig['attack']['judge']): unknown {
  return judge === undefined ? null : { spec: judge.spec, options: resultShaping(judge.options), reject: judge.reject };
}

/**
 * The search, with a prior trained on the campaign's own dataset (run-request.ts) named as that, not by its path: the
 * dataset's digest is its identity, so a moved checkout or another machine's shard still has the same campaign.
 */
function searchIdentity(c: CampaignConfig): unknown {
  const search = c.attack.search;
  const prior = search.options.prior;
  if (typeof prior !== 'object' || prior === null || !('train' in prior)) return search;
  if (prior.train !== c.dataset.path) return search;
  return { ...search, options: { ...search.options, prior: { ...prior, train: '<the campaign dataset>' } } };
}

/** Fields that decide what a campaign computes, by name; a resumed campaign must match on all of them. */
function identityFields(c: CampaignConfig): [string, unknown][] {
  return [
    ['target', c.attack.target],
    ['target options', resultShaping(c.attack.targetOptions)],
    ['goal', c.attack.goal],
    ['search', searchIdentity(c)],
    ['perturbations', c.attack.perturbations],
    ['max-perturb-ratio', c.attack.maxPerturbRatio],
    ['protect', c.attack.protect],
    ['constraints', c.attack.constraints ?? []],
    ['pos-consistency', c.attack.posConsistency ?? true],
    ['seed', c.attack.seed],
    ['max-queries', c.attack.maxQueries],
    ['stability-samples', c.attack.stabilitySamples],
    ['verify', c.attack.verifyRepeats],
    ['prompt scope', c.attack.input ?? null],
    ['judge', judgeIdentity(c.attack.judge)],
    ['dataset (sha256)', c.dataset.sha256],
    ['dataset format', c.dataset.format],
    ['dataset fields', c.dataset.fields],
    ['skip-invalid', c.dataset.skipInvalid],
    ['label-map', c.dataset.labelMap ?? null],
    ['max-words', c.dataset.maxWords],
    ['max-chars', c.dataset.maxChars],
    ['example-timeout', c.attack.exampleTimeoutMs ?? null],
    ['limit', c.limit],
    ['shard', c.shard],
    // Only in assertion campaigns, so a label campaign's identity (and its id) stays what it was.
    ...(c.suite === undefined && c.attack.suite === undefined ? [] : suiteIdentity(c)),
  ];
}

/** What decides an assertion campaign's results beyond the tests' digest: its prompts, perturbed var and targets. */
function suiteIdentity(c: CampaignConfig): [string, unknown][] {
  const targets = (c.attack.suite?.targets ?? []).map((t) => ({ spec: t.spec, options: resultShaping(t.options) }));
  return [
    ['suite', c.suite === undefined ? null : { kind: c.suite.kind, perturbVar: c.suite.perturbVar }],
    ['prompts', c.suite?.prompts ?? null],
    ['suite targets', targets],
  ];
}

export function identityDiff(stored: CampaignConfig, requested: CampaignConfig): string[] {
  const now = identityFields(requested);
  return identityFields(stored)
    .map(([name, a], k) => [name, a, now[k]![1]] as const)
    .filter(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b))
    .map(([name, a, b]) => `${name}: ${JSON.stringify(a)} in the campaign, ${JSON.stringify(b)} now`);
}

/**
 * The campaign's id: the first 16 hex digits of the SHA-256 of its identity fields without the shard, so the shards
 * of one campaign (and their merge) share it, and two folders share it only if their records are interchangeable.
 * A campaign keeps the id stored in its campaign.json, so a later change to this digest never orphans its records.
 */
export function campaignIdOf(config: CampaignConfig): string {
  if (config.campaignId !== undefined) return config.campaignId;
  const fields = identityFields(config).filter(([name]) => name !== 'shard');
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 16);
}
