/**
 * @module `quiver compare`: campaign folders -> comparison tables, JSON and (optionally) the multi-model HTML report.
 * The comparison modules load only when the command runs.
 */
import type { Command } from 'commander';
import type { Comparison } from '../../compare/compare.js';
import { ConfigError } from '../../core/errors.js';
import type { Target } from '../../core/target.js';
import { off, on, text } from '../../options/parsers.js';
import { defineOptions, withDefaults, type OptionsOf } from '../../options/table.js';
import type { CampaignData } from '../../storage/campaign-data.js';
import { addTableOptions } from '../commander-options.js';
import { writeOutputFile } from '../output-file.js';

const compareOptionTable = defineOptions({
  json: { type: on, description: 'print the comparison as JSON instead of tables' },
  html: {
    arg: 'file',
    type: text,
    description: 'also write a self-contained HTML report with the transferability heat map',
  },
  intersection: { type: on, description: 'compare on the examples all campaigns share when their datasets differ' },
  transfer: {
    negate: true,
    type: off,
    default: true,
    description: "skip the transferability matrix (it queries every model on the others' adversarial examples)",
  },
});

type CompareFlags = OptionsOf<typeof compareOptionTable>;

export function registerCompare(program: Command): void {
  const cmd = program
    .command('compare')
    .description('compare campaigns of several models (or prompt variants) on the same examples')
    .argument('<dirs...>', 'two or more campaign folders');
  const given = addTableOptions(cmd, compareOptionTable);
  cmd.action(async (dirs: string[]) => {
    await compareCommand(dirs, withDefaults(compareOptionTable, given()));
  });
}

async function compareCommand(dirs: readonly string[], flags: CompareFlags): Promise<void> {
  if (dirs.length < 2) throw new ConfigError('compare needs at least two campaign folders');
  const { incompleteWarning, loadCampaign } = await import('../../storage/campaign-data.js');
  const { builtTargets } = await import('../../targets/built-targets.js');
  const { compareCampaigns } = await import('../../compare/compare.js');
  const { answersFromTargets } = await import('../../compare/transfer.js');
  const { renderComparison } = await import('../../compare/render.js');
  const { readCampaignSuite } = await import('../../suite/load.js');
  const { answerRuns } = await import('../../suite/answers.js');
  const campaigns = dirs.map(loadCampaign);
  for (const c of campaigns) process.stderr.write(incompleteWarning('compare', c));
  // Each target is built once, from the campaign's own recorded configuration, and closed at the end.
  const targets = builtTargets();
  const targetFor = (c: CampaignData): Promise<Target> =>
    targets.get({ spec: c.config.attack.target, options: c.config.attack.targetOptions ?? {} });
  // An assertion campaign answers another's adversarial vars with its own run of each test (prompt, target,
  // assertions).
  const labelAnswers = answersFromTargets(targetFor);
  const answers = async (c: CampaignData, items: readonly { id: string; text: string }[]): Promise<string[]> => {
    const suite = readCampaignSuite(c.config, 'quiver compare');
    if (suite === null) return labelAnswers(c, items);
    const outputs = new Map(
      c.records.flatMap((r) => (r.original?.output === undefined ? [] : [[r.id, r.original.output] as const])),
    );
    return answerRuns(suite, outputs, (ref) => targets.get(ref), items);
  };
  let comparison: Comparison;
  try {
    comparison = await compareCampaigns(campaigns, {
      intersection: flags.intersection === true,
      ...(flags.transfer ? { answers } : {}),
    });
  } finally {
    await targets.close();
  }
  if (flags.html !== undefined) {
    const { renderCompareHtml } = await import('../../report/compare-report.js');
    writeOutputFile(flags.html, renderCompareHtml(comparison, campaigns));
    process.stderr.write(`quiver compare: report written to ${flags.html}\n`);
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(comparison, null, 2)}\n`);
  else process.stdout.write(renderComparison(comparison));
}
