/** @module `quiver report`: a campaign folder -> one self-contained HTML file. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { writeFileAtomic } from '../storage/atomic.js';
import { incompleteWarning, loadCampaign } from './campaign-data.js';
import { renderCampaignHtml } from './campaign-report.js';

export interface ReportFlags {
  readonly html: string;
}

export async function reportCommand(dir: string, flags: ReportFlags): Promise<void> {
  const campaign = loadCampaign(dir);
  process.stderr.write(incompleteWarning('report', campaign));
  const text = renderCampaignHtml(campaign);
  try {
    mkdirSync(dirname(flags.html), { recursive: true });
    writeFileAtomic(flags.html, text);
  } catch (err) {
    throw new ConfigError(`cannot write ${flags.html}: ${(err as Error).message}`);
  }
  process.stderr.write(`quiver report: ${campaign.records.length} examples -> ${flags.html} (${(text.length / 1024).toFixed(0)} KiB)\n`);
}
