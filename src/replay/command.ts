/**
 * @module `quiver replay`: the CI gate. Exit codes: 0 when regressions <= --max-regressions; 1 when they exceed it
 * (or on an unexpected failure such as a target error, reported as "unexpected error"); 2 for usage, suite or
 * configuration errors.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { targetOptionsFromFlags } from '../cli/target-flags.js';
import { writeFileAtomic } from '../storage/atomic.js';
import { createTarget, isHfSpec, prepareTargetShared } from '../targets/index.js';
import { gateFor, renderReplayJUnit, renderReplayTable, replayJson } from './render.js';
import { replaySuite } from './replay.js';
import { readSuite } from './suite.js';

export interface ReplayFlags {
  readonly target: string;
  readonly maxRegressions: number;
  readonly junit?: string;
  readonly json?: boolean;
  readonly batchSize: number;
}

export async function replayCommand(suitePath: string, flags: ReplayFlags): Promise<void> {
  const suite = readSuite(suitePath);
  // --batch-size is replay's texts per predict call; an hf: target also takes it as its model batch.
  const { batchSize, ...rest } = flags as unknown as Record<string, unknown>;
  const options = targetOptionsFromFlags(isHfSpec(flags.target) ? flags as unknown as Record<string, unknown> : rest);
  const target = await createTarget(flags.target, options, await prepareTargetShared(flags.target, options));
  let result;
  try {
    result = await replaySuite(suite.cases, target, flags.batchSize);
  } finally {
    await target.close?.();
  }
  const gate = gateFor(result, flags.maxRegressions);
  if (flags.junit !== undefined) {
    try {
      mkdirSync(dirname(flags.junit), { recursive: true });
      writeFileAtomic(flags.junit, renderReplayJUnit(suite, result));
    } catch (err) {
      throw new ConfigError(`cannot write ${flags.junit}: ${(err as Error).message}`);
    }
  }
  if (flags.json) process.stdout.write(JSON.stringify(replayJson(suite, result, gate), null, 2) + '\n');
  else process.stdout.write(renderReplayTable(suite, result, gate));
  // The gate decides the exit code without throwing: the report above is the message.
  if (!gate.passed) process.exitCode = 1;
}
