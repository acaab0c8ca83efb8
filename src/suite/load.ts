/**
 * @module The suite a finished assertion campaign ran, read again for export and replay: the same file, checked
 * against the digest and prompts campaign.json recorded, so a record's index still names its (test, prompt,
 * provider) run.
 */
import type { CampaignConfig, SuiteInfo } from '../contracts/campaign.js';
import type { Example } from '../contracts/record.js';
import { ConfigError } from '../core/errors.js';
import { evalCells, type EvalCell, type Suite } from '../promptfoo-config/index.js';
import { readSuiteSource, suiteRuns, testsDigest, type SuiteSource } from './plan.js';
import type { TargetRef } from './targets.js';

export interface CampaignSuite {
  readonly info: SuiteInfo;
  readonly suite: Suite;
  /** In plan order: a record's `index` is its run here (and in `examples`). */
  readonly runs: readonly EvalCell[];
  readonly examples: readonly Example[];
  readonly targets: readonly TargetRef[];
}

export function suiteSourceOf(config: CampaignConfig): SuiteSource | undefined {
  const info = config.suite;
  if (info === undefined) return undefined;
  if (info.kind === 'promptfoo') return { kind: 'promptfoo', file: info.file };
  const target = config.attack.suite?.targets[0];
  if (target === undefined || info.promptFile === null)
    throw new ConfigError(`campaign.json: a native-tests campaign needs "suite.promptFile" and "attack.suite.targets"`);
  return { kind: 'quiver-tests', file: info.file, promptFile: info.promptFile, target };
}

/** `who`: the command, for messages. Null for a label campaign. */
export function readCampaignSuite(config: CampaignConfig, who: string): CampaignSuite | null {
  const source = suiteSourceOf(config);
  if (source === undefined || config.suite === undefined) return null;
  const info = config.suite;
  let suite: Suite;
  try {
    suite = readSuiteSource(source);
  } catch (err) {
    throw new ConfigError(
      `${who} reads the campaign's tests again from ${info.file} (relative to where quiver run ran): ` +
        (err as Error).message,
      { cause: err },
    );
  }
  const digest = testsDigest(suite);
  const prompts = suite.prompts.map((p) => ({ label: p.label, template: p.template }));
  if (digest !== info.testsSha256 || JSON.stringify(prompts) !== JSON.stringify(info.prompts)) {
    const what =
      digest !== info.testsSha256
        ? `its tests' digest is ${digest.slice(0, 12)}…, the campaign's ${info.testsSha256.slice(0, 12)}…`
        : "its prompts differ from the campaign's";
    throw new ConfigError(`${info.file} changed since the campaign ran (${what}); ${who} needs the tests as they were`);
  }
  const { examples, targets } = suiteRuns(suite, source, info.perturbVar);
  if (JSON.stringify(targets) !== JSON.stringify(config.attack.suite?.targets ?? [])) {
    throw new ConfigError(
      `${info.file}: its providers changed since the campaign ran (campaign.json: attack.suite.targets); ` +
        `${who} needs the tests as they were`,
    );
  }
  return { info, suite, runs: evalCells(suite), examples, targets };
}
