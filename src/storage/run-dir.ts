/** @module The layout of one campaign folder: campaign.json, results.jsonl, summary.json. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../core/errors.js';

export interface RunDir {
  readonly dir: string;
  readonly campaign: string;
  readonly results: string;
  readonly summary: string;
}

export function runDir(dir: string): RunDir {
  return {
    dir,
    campaign: join(dir, 'campaign.json'),
    results: join(dir, 'results.jsonl'),
    summary: join(dir, 'summary.json'),
  };
}

/** Creates the folder; refuses one that already holds a campaign, so no earlier results are ever overwritten. */
export function createRunDir(dir: string): RunDir {
  const rd = runDir(dir);
  if (existsSync(rd.campaign) || existsSync(rd.results)) {
    throw new ConfigError(
      `${dir} already holds a campaign; choose another --out (earlier results are never overwritten)`,
    );
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new ConfigError(`cannot create output folder ${dir}: ${(err as Error).message}`);
  }
  return rd;
}
