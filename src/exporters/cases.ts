/** @module Which records become regression cases: verified flips always, robust originals as controls on request. */
import type { CampaignConfig } from '../contracts/campaign.js';
import type { ResultRecord } from '../contracts/record.js';
import type { ExportInput, ExportOptions, Provenance, SuiteCase } from './types.js';

/**
 * Adversarial cases are the `succeeded` records (flips that reproduced on re-query). Controls are `failed` records
 * whose original the model labelled right and whose search found no flip at all: a flip that did not reproduce
 * (`unverified`, `unstable`) says the model wavers there, so it makes a poor control.
 */
export function selectCases(records: readonly ResultRecord[], controls: boolean): SuiteCase[] {
  const out: SuiteCase[] = [];
  for (const r of records) {
    if (r.status === 'succeeded' && r.adversarial !== null && r.original !== null) {
      out.push({
        kind: 'adversarial',
        id: r.id,
        index: r.index,
        text: r.adversarial.text,
        original: r.original.text,
        expected: r.groundTruth,
        recorded: r.adversarial.label,
        edits: r.edits,
        flipDistance: r.flipDistance,
        stability: r.stability,
      });
    } else if (controls && isControl(r)) {
      out.push({
        kind: 'control',
        id: r.id,
        index: r.index,
        text: r.original!.text,
        original: r.original!.text,
        expected: r.groundTruth,
        recorded: r.original!.label,
        edits: [],
        flipDistance: null,
        stability: r.stability,
      });
    }
  }
  return out;
}

export function isControl(r: ResultRecord): boolean {
  return r.status === 'failed' && r.adversarial === null && r.original !== null && r.original.label === r.groundTruth;
}

export function provenanceOf(config: CampaignConfig, campaign: string, campaignId: string): Provenance {
  return {
    campaign,
    campaignId,
    model: config.attack.target,
    targetOptions: config.attack.targetOptions ?? {},
    seed: config.attack.seed,
    date: config.createdAt,
    dataset: { path: config.dataset.path, sha256: config.dataset.sha256 },
    quiverVersion: config.quiverVersion,
  };
}

export function exportInput(
  config: CampaignConfig,
  campaign: { readonly name: string; readonly id: string },
  records: readonly ResultRecord[],
  options: ExportOptions,
): ExportInput {
  return {
    config,
    provenance: provenanceOf(config, campaign.name, campaign.id),
    records,
    cases: selectCases(records, options.controls),
    options,
  };
}

/** "typo+synonym": the perturbation families of a case, in first-use order. */
export function familiesOf(c: SuiteCase): string {
  return [...new Set(c.edits.map((e) => e.family))].join('+');
}

/** A short, stable, human-readable case title. */
export function caseTitle(c: SuiteCase): string {
  if (c.kind === 'control') return `control ${c.id}: ${c.expected}`;
  const n = c.flipDistance ?? c.edits.length;
  return `adversarial ${c.id}: ${familiesOf(c)} (${n} edit${n === 1 ? '' : 's'}) flips ${c.expected} to ${c.recorded}`;
}
