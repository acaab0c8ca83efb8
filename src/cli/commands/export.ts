/** @module `quiver export`: a campaign folder -> one regression-suite file in the chosen format (exporters load lazily). */
import type { Command } from 'commander';
import { writeOutputFile } from '../output-file.js';

export interface ExportFlags {
  readonly format: string;
  readonly out?: string;
  readonly controls?: boolean;
  readonly predict?: string;
  readonly provider?: string;
  readonly apiBaseUrl?: string;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export a campaign\'s verified adversarial cases as a regression suite')
    .argument('<dir>', 'campaign folder')
    .requiredOption(
      '--format <format>',
      'promptfoo, promptfoo-csv, promptfoo-jsonl, jsonl (Quiver suite, for quiver replay), csv, node-test, vitest, junit',
    )
    .option('--out <file>', 'output file (default: stdout)')
    .option('--controls', 'also export the originals the model kept right, as controls expected to pass')
    .option('--predict <module>', 'node-test/vitest: the module exporting predict(texts), as imported from the test file', './predict.js')
    .option('--provider <id>', 'promptfoo: provider id (default: openai:chat:<model>)')
    .option('--api-base-url <url>', 'promptfoo: OpenAI-compatible base URL, e.g. http://127.0.0.1:PORT/v1 from quiver serve (assertion campaigns: for every provider of the suite)')
    .action(async (dir: string, flags: Record<string, unknown>) => {
      await exportCommand(dir, flags as never);
    });
}

async function exportCommand(dir: string, flags: ExportFlags): Promise<void> {
  const { getExporter } = await import('../../exporters/index.js');
  const { incompleteWarning, loadCampaign } = await import('../../storage/campaign-data.js');
  const { campaignExportInput } = await import('../../storage/campaign-export.js');
  const exporter = getExporter(flags.format);
  const campaign = loadCampaign(dir);
  // An assertion campaign's cases are its tests: they are read again from its suite, as they were.
  const input = campaignExportInput(
    campaign,
    exporter,
    {
      controls: flags.controls === true,
      predictModule: flags.predict ?? './predict.js',
      ...(flags.provider === undefined ? {} : { provider: flags.provider }),
      ...(flags.apiBaseUrl === undefined ? {} : { apiBaseUrl: flags.apiBaseUrl }),
    },
    'quiver export',
  );
  process.stderr.write(incompleteWarning('export', campaign));
  const text = exporter.render(input);
  const adversarial = input.cases.filter((c) => c.kind === 'adversarial').length;
  const controls = input.cases.length - adversarial;
  if (flags.out === undefined || flags.out === '-') {
    process.stdout.write(text);
    return;
  }
  writeOutputFile(flags.out, text);
  const what = exporter.name === 'junit' ? `${campaign.records.length} example outcomes` : `${adversarial} adversarial case(s)${flags.controls ? ` + ${controls} control(s)` : ''}`;
  process.stderr.write(`quiver export: ${what} from ${campaign.name} -> ${flags.out} (${exporter.name})\n`);
}
