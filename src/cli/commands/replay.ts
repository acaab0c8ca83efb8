/**
 * @module `quiver replay`: the CI gate. Exit codes: 0 when regressions <= --max-regressions; 1 when they exceed it
 * (or on an unexpected failure such as a target error, reported as "unexpected error"); 2 for usage, suite or
 * configuration errors. The replay modules and the target load only when the command runs.
 */
import type { Command } from 'commander';
import { integer, on, text } from '../../options/parsers.js';
import type { ReplayResult } from '../../replay/replay.js';
import { defineOptions, withDefaults, type OptionsOf } from '../../options/table.js';
import { targetOptionsOf, targetOptionTable } from '../../options/target.js';
import { addTableOptions } from '../commander-options.js';
import { writeOutputFile } from '../output-file.js';

/**
 * Replay's own --batch-size (texts per predict call) replaces the target option of that name, which hf: targets read.
 */
const { batchSize: _modelBatchSize, ...targetOptions } = targetOptionTable;

/** The options of `quiver replay`, each declared once; the target options are those of `quiver run`. */
export const replayOptionTable = defineOptions({
  target: {
    arg: 'spec',
    type: text,
    description:
      'model to replay against, as in quiver run (local:wink, openai:<model>, module:<path>...); ' +
      "an assertion campaign's cases default to their own targets",
  },
  maxRegressions: { arg: 'n', type: integer(0), default: 0, description: 'controls allowed to fail before exiting 1' },
  junit: {
    arg: 'file',
    type: text,
    description: 'also write JUnit XML (regressions are failures, still-failing cases skipped)',
  },
  batchSize: { arg: 'n', type: integer(1), default: 64, description: 'texts per predict call' },
  json: { type: on, description: 'print the results as JSON instead of the table' },
  ...targetOptions,
});

export type ReplayFlags = OptionsOf<typeof replayOptionTable>;

export function registerReplay(program: Command): void {
  const cmd = program
    .command('replay')
    .description('re-run a Quiver suite (quiver export --format jsonl) against a target: the CI regression gate')
    .argument('<suite>', 'suite file (JSONL)');
  const given = addTableOptions(cmd, replayOptionTable);
  cmd.action(async (suite: string) => {
    await replayCommand(suite, withDefaults(replayOptionTable, given()));
  });
}

async function replayCommand(suitePath: string, flags: ReplayFlags): Promise<void> {
  const { createTarget, isHfSpec, prepareTargetShared } = await import('../../targets/index.js');
  const { gateFor, renderReplayJUnit, renderReplayTable, replayJson } = await import('../../replay/render.js');
  const { replaySuite } = await import('../../replay/replay.js');
  const { readSuite } = await import('../../replay/suite.js');
  const { ConfigError } = await import('../../core/errors.js');
  const suite = readSuite(suitePath);
  const spec = flags.target;
  if (spec === undefined && suite.cases.some((c) => c.test === undefined)) {
    throw new ConfigError(`--target is required: ${suitePath} holds labelled cases, which name no target of their own`);
  }
  // --batch-size is replay's texts per predict call; an hf: target also takes it as its model batch.
  const { batchSize: _batchSize, ...others } = flags;
  let target = null;
  if (spec !== undefined) {
    const options = targetOptionsOf(spec, isHfSpec(spec) ? flags : others);
    target = await createTarget(spec, options, await prepareTargetShared(spec, options));
  }
  // An assertion case's own target, built once per spec and options.
  const { builtTargets } = await import('../../targets/built-targets.js');
  const models = builtTargets();
  let result: ReplayResult;
  try {
    result = await replaySuite(suite.cases, target, flags.batchSize, (ref) => models.get(ref));
  } finally {
    await target?.close?.();
    await models.close();
  }
  const gate = gateFor(result, flags.maxRegressions);
  if (flags.junit !== undefined) writeOutputFile(flags.junit, renderReplayJUnit(suite, result));
  if (flags.json) process.stdout.write(`${JSON.stringify(replayJson(suite, result, gate), null, 2)}\n`);
  else process.stdout.write(renderReplayTable(suite, result, gate));
  // The gate decides the exit code without throwing: the report above is the message.
  if (!gate.passed) process.exitCode = 1;
}
