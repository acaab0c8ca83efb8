/** @module `quiver compare`: campaign folders -> comparison tables, JSON and (optionally) the multi-model HTML report. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { Target } from '../core/target.js';
import { incompleteWarning, loadCampaign, type CampaignData } from '../report/campaign-data.js';
import { writeFileAtomic } from '../storage/atomic.js';
import { createTarget, prepareTargetShared } from '../targets/index.js';
import { compareCampaigns } from './compare.js';
import { renderComparison } from './render.js';

export interface CompareFlags {
  readonly json?: boolean;
  readonly html?: string;
  readonly intersection?: boolean;
  /** Commander's --no-transfer. */
  readonly transfer: boolean;
}

export async function compareCommand(dirs: readonly string[], flags: CompareFlags): Promise<void> {
  if (dirs.length < 2) throw new ConfigError('compare needs at least two campaign folders');
  const campaigns = dirs.map(loadCampaign);
  for (const c of campaigns) process.stderr.write(incompleteWarning('compare', c));
  // Each target is built once, from the campaign's own recorded configuration, and closed at the end.
  const targets = new Map<string, Promise<Target>>();
  const targetFor = (c: CampaignData): Promise<Target> => {
    const { target, targetOptions } = c.config.attack;
    const key = JSON.stringify([target, targetOptions ?? {}]);
    let t = targets.get(key);
    if (t === undefined) {
      t = (async () => createTarget(target, targetOptions ?? {}, await prepareTargetShared(target, targetOptions ?? {})))();
      targets.set(key, t);
    }
    return t;
  };
  let comparison;
  try {
    comparison = await compareCampaigns(campaigns, { intersection: flags.intersection === true, ...(flags.transfer ? { targetFor } : {}) });
  } finally {
    for (const t of targets.values()) await (await t.catch(() => undefined))?.close?.();
  }
  if (flags.html !== undefined) {
    const { renderCompareHtml } = await import('../report/compare-report.js');
    write(flags.html, renderCompareHtml(comparison, campaigns));
    process.stderr.write(`quiver compare: report written to ${flags.html}\n`);
  }
  if (flags.json) process.stdout.write(JSON.stringify(comparison, null, 2) + '\n');
  else process.stdout.write(renderComparison(comparison));
}

function write(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, text);
  } catch (err) {
    throw new ConfigError(`cannot write ${path}: ${(err as Error).message}`);
  }
}
