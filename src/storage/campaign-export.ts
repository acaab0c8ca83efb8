/**
 * @module What an exporter renders for a loaded campaign: its records and, for an assertion campaign, its tests read
 * again from its suite (checked unchanged), refusing formats that only hold labelled texts. Shared by `quiver export`
 * and the package API's `exportCampaign`.
 */
import { ConfigError } from '../core/errors.js';
import { exportInput, type Exporter, type ExportInput, type ExportOptions } from '../exporters/index.js';
import { readCampaignSuite } from '../suite/load.js';
import type { CampaignData } from './campaign-data.js';

export function campaignExportInput(
  campaign: CampaignData,
  exporter: Exporter,
  options: ExportOptions,
  who: string,
): ExportInput {
  const suite = readCampaignSuite(campaign.config, who);
  if (suite !== null && exporter.assertionCampaigns !== true) {
    throw new ConfigError(
      `format ${exporter.name} exports labelled texts; ${campaign.dir} is an assertion campaign: ` +
        'export it as promptfoo (its tests with their assertions), jsonl (for quiver replay), csv or junit',
    );
  }
  if (suite !== null && options.provider !== undefined) {
    throw new ConfigError(
      `provider: ${campaign.dir} is an assertion campaign, whose export keeps its suite's providers; ` +
        'point them elsewhere with the API base URL (--api-base-url)',
    );
  }
  return exportInput(campaign.config, campaign, campaign.records, options, suite ?? undefined);
}
