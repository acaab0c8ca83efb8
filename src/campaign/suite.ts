/**
 * @module An assertion campaign's side of `runCampaign`: the suite planned (src/suite/plan.ts) and folded into the
 * campaign's plain config: the goal becomes `assertions`, the target the first provider's, and the examples the
 * suite's test runs, each perturbed var's text checked like a dataset text.
 */
import type { AttackConfig, CampaignConfig, DatasetInfo, SuiteInfo } from '../contracts/campaign.js';
import { ConfigError } from '../core/errors.js';
import type { DatasetSpec } from './dataset-format.js';
import type { Example } from '../contracts/record.js';
import { SuiteConfigError } from '../promptfoo-config/index.js';
import { planSuite, type SuiteSource } from '../suite/plan.js';
import { textProblem, type TextLimits } from './text-check.js';

export interface SuiteRequest {
  readonly source: SuiteSource;
  /** Absent: the one var every prompt uses. */
  readonly perturbVar?: string;
}

/**
 * Never edited in a perturbed var: e-mail addresses and URLs. Editing one changes a fact of the input (a different
 * address), not its wording, so an extraction test that then fails has found nothing. Numbers need no pattern: no
 * perturbation edits digits.
 */
export const SUITE_PROTECT: readonly string[] = ['[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+', '\\bhttps?://\\S+'];

export interface PlannedSuite {
  readonly attack: AttackConfig;
  readonly info: SuiteInfo;
  readonly examples: readonly Example[];
}

export async function planSuiteCampaign(
  attack: AttackConfig,
  request: SuiteRequest,
  limits: TextLimits,
): Promise<PlannedSuite> {
  const plan = await planSuite(request.source, request.perturbVar);
  for (const e of plan.examples) {
    const problem = textProblem(e.text, limits);
    if (problem !== null)
      throw new SuiteConfigError(
        request.source.file,
        `${e.test!.where}.vars.${plan.info.perturbVar}`,
        `the text to perturb ${problem}`,
      );
  }
  const first = plan.attack.targets[0]!;
  return {
    attack: {
      ...attack,
      target: first.spec,
      targetOptions: first.options,
      goal: { name: 'assertions' },
      protect: [...attack.protect, ...SUITE_PROTECT.filter((p) => !attack.protect.includes(p))],
      suite: plan.attack,
    },
    info: plan.info,
    examples: plan.examples,
  };
}

/** campaign.json's `dataset` block of an assertion campaign: the suite file, its tests' digest and its runs. */
export function suiteDatasetInfo(info: SuiteInfo, runs: number, limits: TextLimits): DatasetInfo {
  return {
    path: info.file,
    format: info.kind,
    fields: { text: info.perturbVar, label: 'assert', id: info.kind === 'promptfoo' ? 'description' : 'id' },
    sha256: info.testsSha256,
    examples: runs,
    skipInvalid: false,
    ...limits,
  };
}

/**
 * The `dataset` of an assertion campaign's request: never read as a dataset (the suite is), it carries the text
 * limits the perturbed vars are checked against.
 */
export function suiteDatasetSpec(request: SuiteRequest, limits: TextLimits): DatasetSpec {
  return {
    path: request.source.file,
    format: 'jsonl',
    fields: { text: request.perturbVar ?? '(prompt var)', label: 'assert', id: 'id' },
    limits,
  };
}

/** The suite a stored assertion campaign ran (for --resume), or undefined for a label campaign. */
export function storedSuiteRequest(stored: CampaignConfig, where: string): SuiteRequest | undefined {
  const info = stored.suite;
  if (info === undefined) return undefined;
  const target = stored.attack.suite?.targets[0];
  if (target === undefined)
    throw new ConfigError(`${where}: field "attack.suite.targets" must list the suite's targets, it is missing`);
  const source =
    info.kind === 'promptfoo'
      ? { kind: 'promptfoo' as const, file: info.file }
      : { kind: 'quiver-tests' as const, file: info.file, promptFile: info.promptFile ?? '', target };
  return { source, perturbVar: info.perturbVar };
}
