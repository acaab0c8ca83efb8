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
    required: true,
    description: 'model to replay against, as in quiver run (local:wink, openai:<model>, module:<path>...)',
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
  const suite = readSuite(suitePath);
  // --batch-size is replay's texts per predict call; an hf: target also takes it as its model batch.
  const { batchSize: _batchSize, ...others } = flags;
  const options = targetOptionsOf(flags.target, isHfSpec(flags.target) ? flags : others);
  const target = await createTarget(flags.target, options, await prepareTargetShared(flags.target, options));
  let result: ReplayResult;
  try {
    result = await replaySuite(suite.cases, target, flags.batchSize);
  } finally {
    await target.close?.();
  }
  const gate = gateFor(result, flags.maxRegressions);
  if (flags.junit !== undefined) writeOutputFile(flags.junit, renderReplayJUnit(suite, result));
  if (flags.json) process.stdout.write(`${JSON.stringify(replayJson(suite, result, gate), null, 2)}\n`);
  else process.stdout.write(renderReplayTable(suite, result, gate));
  // The gate decides the exit code without throwing: the report above is the message.
  if (!gate.passed) process.exitCode = 1;
}
