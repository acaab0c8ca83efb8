/** @module `quiver report`: a campaign folder -> one self-contained HTML file (the report modules load lazily). */
import type { Command } from 'commander';
import { text } from '../../options/parsers.js';
import { defineOptions, withDefaults, type OptionsOf } from '../../options/table.js';
import { addTableOptions } from '../commander-options.js';
import { writeOutputFile } from '../output-file.js';

const reportOptionTable = defineOptions({
  html: { arg: 'file', type: text, required: true, description: 'HTML file to write' },
});

export function registerReport(program: Command): void {
  const cmd = program
    .command('report')
    .description('write a self-contained HTML report of a campaign (charts and a searchable table of examples)')
    .argument('<dir>', 'campaign folder');
  const given = addTableOptions(cmd, reportOptionTable);
  cmd.action(async (dir: string) => {
    await reportCommand(dir, withDefaults(reportOptionTable, given()));
  });
}

async function reportCommand(dir: string, flags: OptionsOf<typeof reportOptionTable>): Promise<void> {
  const { incompleteWarning, loadCampaign } = await import('../../storage/campaign-data.js');
  const { renderCampaignHtml } = await import('../../report/campaign-report.js');
  const campaign = loadCampaign(dir);
  process.stderr.write(incompleteWarning('report', campaign));
  const text = renderCampaignHtml(campaign);
  writeOutputFile(flags.html, text);
  process.stderr.write(
    `quiver report: ${campaign.records.length} examples -> ${flags.html} (${(text.length / 1024).toFixed(0)} KiB)\n`,
  );
}
