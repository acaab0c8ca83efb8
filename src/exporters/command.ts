/** @module `quiver export`: a campaign folder -> one regression-suite file in the chosen format. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { incompleteWarning, loadCampaign } from '../report/campaign-data.js';
import { writeFileAtomic } from '../storage/atomic.js';
import { exportInput, getExporter } from './index.js';

export interface ExportFlags {
  readonly format: string;
  readonly out?: string;
  readonly controls?: boolean;
  readonly predict?: string;
  readonly provider?: string;
  readonly apiBaseUrl?: string;
}

export async function exportCommand(dir: string, flags: ExportFlags): Promise<void> {
  const exporter = getExporter(flags.format);
  const campaign = loadCampaign(dir);
  process.stderr.write(incompleteWarning('export', campaign));
  const input = exportInput(campaign.config, campaign, campaign.records, {
    controls: flags.controls === true,
    predictModule: flags.predict ?? './predict.js',
    ...(flags.provider === undefined ? {} : { provider: flags.provider }),
    ...(flags.apiBaseUrl === undefined ? {} : { apiBaseUrl: flags.apiBaseUrl }),
  });
  const text = exporter.render(input);
  const adversarial = input.cases.filter((c) => c.kind === 'adversarial').length;
  const controls = input.cases.length - adversarial;
  if (flags.out === undefined || flags.out === '-') {
    process.stdout.write(text);
    return;
  }
  try {
    mkdirSync(dirname(flags.out), { recursive: true });
    writeFileAtomic(flags.out, text);
  } catch (err) {
    throw new ConfigError(`cannot write ${flags.out}: ${(err as Error).message}`);
  }
  const what = exporter.name === 'junit' ? `${campaign.records.length} example outcomes` : `${adversarial} adversarial case(s)${flags.controls ? ` + ${controls} control(s)` : ''}`;
  process.stderr.write(`quiver export: ${what} from ${campaign.name} -> ${flags.out} (${exporter.name})\n`);
}
