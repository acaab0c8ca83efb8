/**
 * @module `quiver export`: a campaign folder -> one regression-suite file in the chosen format (exporters load lazily).
 */
import type { Command } from 'commander';
import { on, text } from '../../options/parsers.js';
import { defineOptions, withDefaults, type OptionsOf } from '../../options/table.js';
import { addTableOptions } from '../commander-options.js';
import { writeOutputFile } from '../output-file.js';

/** The options of `quiver export`, each declared once. */
const exportOptionTable = defineOptions({
  format: {
    arg: 'format',
    type: text,
    required: true,
    description:
      'promptfoo, promptfoo-csv, promptfoo-jsonl, jsonl (Quiver suite, for quiver replay), csv, node-test, vitest, ' +
      'junit',
  },
  out: { arg: 'file', type: text, description: 'output file (default: stdout)' },
  controls: { type: on, description: 'also export the originals the model kept right, as controls expected to pass' },
  predict: {
    arg: 'module',
    type: text,
    default: './predict.js',
    description: 'node-test/vitest: the module exporting predict(texts), as imported from the test file',
  },
  provider: { arg: 'id', type: text, description: 'promptfoo: provider id (default: openai:chat:<model>)' },
  apiBaseUrl: {
    arg: 'url',
    type: text,
    description:
      'promptfoo: OpenAI-compatible base URL, e.g. http://127.0.0.1:PORT/v1 from quiver serve ' +
      '(assertion campaigns: for every provider of the suite)',
  },
});

type ExportFlags = OptionsOf<typeof exportOptionTable>;

export function registerExport(program: Command): void {
  const cmd = program
    .command('export')
    .description("export a campaign's verified adversarial cases as a regression suite")
    .argument('<dir>', 'campaign folder');
  const given = addTableOptions(cmd, exportOptionTable);
  cmd.action(async (dir: string) => {
    await exportCommand(dir, withDefaults(exportOptionTable, given()));
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
      predictModule: flags.predict,
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
  const what =
    exporter.name === 'junit'
      ? `${campaign.records.length} example outcomes`
      : `${adversarial} adversarial case(s)${flags.controls ? ` + ${controls} control(s)` : ''}`;
  process.stderr.write(`quiver export: ${what} from ${campaign.name} -> ${flags.out} (${exporter.name})\n`);
}
