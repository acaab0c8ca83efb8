/** @module Which records become regression cases: verified flips always, robust originals as controls on request. */
import type { CampaignConfig } from '../contracts/campaign.js';
import type { ResultRecord } from '../contracts/record.js';
import type { CampaignSuite } from '../suite/load.js';
import type { CaseTest, ExportInput, ExportOptions, Provenance, SuiteCase } from './types.js';

/**
 * Adversarial cases are the `succeeded` records (flips that reproduced on re-query). Controls are `failed` records
 * whose original the model labelled right and whose search found no flip at all: a flip that did not reproduce
 * (`unverified`, `unstable`) says the model wavers there, so it makes a poor control.
 */
export function selectCases(records: readonly ResultRecord[], controls: boolean, suite?: CampaignSuite): SuiteCase[] {
  const out: SuiteCase[] = [];
  for (const r of records) {
    const test = suite === undefined ? {} : { test: caseTest(r, suite) };
    if (r.status === 'succeeded' && r.adversarial !== null && r.original !== null) {
      out.push({
        ...test,
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
        ...test,
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

/** The test of an assertion campaign's record: its run in the suite (the record's index), read again. */
function caseTest(r: ResultRecord, suite: CampaignSuite): CaseTest {
  const example = suite.examples[r.index];
  if (example?.test === undefined || example.id !== r.id)
    throw new Error(`internal: record ${r.id} (index ${r.index}) is not a run of ${suite.info.file}`);
  const success = r.status === 'succeeded';
  return {
    run: example.test,
    perturbVar: suite.info.perturbVar,
    target: suite.targets[example.test.target]!,
    originalOutput: r.original?.output ?? '',
    recordedOutput: (success ? r.adversarial?.output : r.original?.output) ?? '',
    failed: success ? (r.adversarial?.failed ?? null) : null,
  };
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
  suite?: CampaignSuite,
): ExportInput {
  return {
    config,
    provenance: provenanceOf(config, campaign.name, campaign.id),
    records,
    cases: selectCases(records, options.controls, suite),
    options,
    ...(suite === undefined ? {} : { suite }),
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
  const what = c.test?.failed != null ? `fails ${c.test.failed.type}` : `flips ${c.expected} to ${c.recorded}`;
  return `adversarial ${c.id}: ${familiesOf(c)} (${n} edit${n === 1 ? '' : 's'}) ${what}`;
}
