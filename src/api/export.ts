/**
 * @module `exportCampaign(campaign, format)` of the package API: a campaign's flips as a regression-suite file's
 * text.
 */
import { getExporter, type ExportOptions } from '../exporters/index.js';
import { loadCampaign, type CampaignData } from '../storage/campaign-data.js';
import { campaignExportInput } from '../storage/campaign-export.js';

/**
 * The text of `format` (promptfoo, promptfoo-csv, promptfoo-jsonl, jsonl, csv, node-test, vitest, junit; see
 * `exporters`) for a campaign folder or a campaign already loaded with `loadCampaign`. Options as `quiver export`'s
 * flags: controls (robust originals too), predictModule (node-test, vitest), provider and apiBaseUrl (promptfoo). An
 * assertion campaign reads its suite again (promptfoo, jsonl, csv and junit formats).
 */
export function exportCampaign(
  campaign: string | CampaignData,
  format: string,
  options: Partial<ExportOptions> = {},
): string {
  const exporter = getExporter(format);
  const c = typeof campaign === 'string' ? loadCampaign(campaign) : campaign;
  return exporter.render(
    campaignExportInput(c, exporter, { controls: false, predictModule: './predict.js', ...options }, 'exportCampaign'),
  );
}
