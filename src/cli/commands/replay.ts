/**
 * @module Definition of `quiver replay` (flags and help); the implementation loads only when the command runs.
 * Exit codes: 0 gate passed, 1 regressions over --max-regressions (or an unexpected error), 2 usage/suite errors.
 */
import type { Command } from 'commander';
import { parseInteger } from '../options.js';
import { addTargetFlags } from '../target-flags.js';

export function registerReplay(program: Command): void {
  const cmd = program
    .command('replay')
    .description('re-run a Quiver suite (quiver export --format jsonl) against a target: the CI regression gate')
    .argument('<suite>', 'suite file (JSONL)')
    .requiredOption('--target <spec>', 'model to replay against, as in quiver run (local:wink, openai:<model>, module:<path>...)')
    .option('--max-regressions <n>', 'controls allowed to fail before exiting 1', parseInteger('--max-regressions', 0), 0)
    .option('--junit <file>', 'also write JUnit XML (regressions are failures, still-failing cases skipped)')
    .option('--batch-size <n>', 'texts per predict call', parseInteger('--batch-size', 1), 64)
    .option('--json', 'print the results as JSON instead of the table');
  addTargetFlags(cmd).action(async (suite: string, flags: Record<string, unknown>) => {
    const { replayCommand } = await import('../../replay/command.js');
    await replayCommand(suite, flags as never);
  });
}
