/**
 * @module Loads a finished (or still running) campaign folder for export, compare and report: config, records, summary.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { CampaignConfig } from '../contracts/campaign.js';
import type { ResultRecord } from '../contracts/record.js';
import { ConfigError } from '../core/errors.js';
import { summarize, type Summary } from '../metrics/summary.js';
import { incompleteness } from './completeness.js';

export interface CampaignData {
  /** The folder as given. */
  readonly dir: string;
  /** Its last path segment: how the campaign is named in exports and reports. */
  readonly name: string;
  /** First 12 hex digits of the SHA-256 of campaign.json: the same id means the same configuration and start. */
  readonly id: string;
  readonly config: CampaignConfig;
  readonly records: readonly ResultRecord[];
  readonly summary: Summary;
}

export function loadCampaign(dir: string): CampaignData {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ConfigError(`${dir}: not a campaign folder`);
  const campaignPath = resolve(dir, 'campaign.json');
  const resultsPath = resolve(dir, 'results.jsonl');
  if (!existsSync(campaignPath)) throw new ConfigError(`${dir}: no campaign.json (not a campaign folder?)`);
  if (!existsSync(resultsPath)) throw new ConfigError(`${dir}: no results.jsonl yet`);
  const raw = readFileSync(campaignPath, 'utf8');
  let config: CampaignConfig;
  try {
    config = JSON.parse(raw) as CampaignConfig;
  } catch (err) {
    throw new ConfigError(`${campaignPath}: not valid JSON: ${(err as Error).message}`);
  }
  if (config?.type !== 'campaign' || typeof config.attack?.target !== 'string') {
    throw new ConfigError(`${campaignPath}: not a Quiver campaign configuration`);
  }
  const records = parseResults(resultsPath, readFileSync(resultsPath, 'utf8'));
  return {
    dir,
    name: basename(resolve(dir)),
    id: createHash('sha256').update(raw).digest('hex').slice(0, 12),
    config,
    records,
    summary: summarize(records),
  };
}

/**
 * The stderr warning for a campaign that is not complete (records fewer than planned, a run that stopped, no
 * summary, or still running), or '' when it is: its figures would otherwise read like a finished campaign's.
 */
export function incompleteWarning(command: string, c: CampaignData): string {
  const why = incompleteness(c.dir, c.config, c.records.length);
  return why === null
    ? ''
    : `quiver ${command}: warning: ${c.dir} is incomplete: ${why}; its figures cover only the examples with a record\n`;
}

/**
 * Result lines; a torn last line (a campaign still running, or killed mid-write) is left out, a corrupt line
 * anywhere else is an error naming file and line. The last record of an example counts (`--retry-errored` appends
 * a newer one), in the place of its first.
 */
export function parseResults(path: string, text: string): ResultRecord[] {
  const lines = text.split('\n');
  const lastFull = text.endsWith('\n') ? lines.length : lines.length - 1;
  const out = new Map<string, ResultRecord>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch (err) {
      if (i >= lastFull) break;
      throw new ConfigError(`${path}:${i + 1}: corrupt record: ${(err as Error).message}`);
    }
    if ((r as ResultRecord)?.type !== 'result') continue;
    out.set((r as ResultRecord).id, r as ResultRecord);
  }
  return [...out.values()];
}
