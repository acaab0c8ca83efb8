/**
 * @module `exportCampaign(campaign, format)` of the package API: a campaign's flips as a regression-suite file's text.
 */
import { exportInput, getExporter, type ExportOptions } from '../exporters/index.js';
import { loadCampaign, type CampaignData } from '../storage/campaign-data.js';

/**
 * The text of `format` (promptfoo, promptfoo-csv, promptfoo-jsonl, jsonl, csv, node-test, vitest, junit; see
 * `exporters`) for a campaign folder or a campaign already loaded with `loadCampaign`. Options as `quiver export`'s
 * flags: controls (robust originals too), predictModule (node-test, vitest), provider and apiBaseUrl (promptfoo).
 */
export function exportCampaign(
  campaign: string | CampaignData,
  format: string,
  options: Partial<ExportOptions> = {},
): string {
  const exporter = getExporter(format);
  const c = typeof campaign === 'string' ? loadCampaign(campaign) : campaign;
  return exporter.render(
    exportInput(c.config, c, c.records, { controls: false, predictModule: './predict.js', ...options }),
  );
}
