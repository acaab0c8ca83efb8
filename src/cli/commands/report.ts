/** @module `quiver report`: a campaign folder -> one self-contained HTML file (the report modules load lazily). */
import type { Command } from 'commander';
import { writeOutputFile } from '../output-file.js';

export interface ReportFlags {
  readonly html: string;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write a self-contained HTML report of a campaign (charts and a searchable table of examples)')
    .argument('<dir>', 'campaign folder')
    .requiredOption('--html <file>', 'HTML file to write')
    .action(async (dir: string, flags: Record<string, unknown>) => {
      await reportCommand(dir, flags as never);
    });
}

async function reportCommand(dir: string, flags: ReportFlags): Promise<void> {
  const { incompleteWarning, loadCampaign } = await import('../../storage/campaign-data.js');
  const { renderCampaignHtml } = await import('../../report/campaign-report.js');
  const campaign = loadCampaign(dir);
  process.stderr.write(incompleteWarning('report', campaign));
  const text = renderCampaignHtml(campaign);
  writeOutputFile(flags.html, text);
  process.stderr.write(`quiver report: ${campaign.records.length} examples -> ${flags.html} (${(text.length / 1024).toFixed(0)} KiB)\n`);
}
