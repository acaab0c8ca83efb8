#!/usr/bin/env node
/**
 * @module The `quiver` command line. Commands load their implementation lazily so `quiver --help` stays fast; this is
 * the only place that decides exit codes (2 for usage and input errors, 1 for anything unexpected).
 */
import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../src/core/errors.js';
import { collect, parseFraction, parseInteger, parseList } from '../src/cli/options.js';

const program = new Command('quiver')
  .description('Robustness search for NLP and LLM software: finds minimal perturbations that flip a model’s output.')
  .exitOverride()
  .showHelpAfterError('(run quiver <command> --help for usage)');

program
  .command('run')
  .description('run a robustness campaign (with no options: the bundled demo reviews against local:wink)')
  .option('--target <spec>', 'model under test: local:wink, local:afinn, local:vader, module:<path>', 'local:wink')
  .option('--dataset <file>', 'JSONL dataset of {"id"?, "text", "label"} (default: bundled demo reviews)')
  .option('--search <name>', 'search method: abs, greedy-wir', 'abs')
  .option('--ranking <name>', 'word-importance ranking for WIR searches: weighted-saliency, unk, delete, random')
  .option('--perturb <list>', 'comma-separated perturbation families', parseList, ['typo', 'synonym', 'reorder', 'rare-word'])
  .option('--seed <n>', 'campaign seed: all randomness flows from it', parseInteger('--seed', 0), 42)
  .option('--workers <n>', 'worker threads (default: available cores)', parseInteger('--workers', 1))
  .option('--limit <n>', 'attack only the first N examples', parseInteger('--limit', 1))
  .option('--max-queries <n>', 'texts sent to the target per example (default: unlimited)', parseInteger('--max-queries', 1))
  .option('--max-perturb-ratio <x>', 'largest share of words an adversarial example may change', parseFraction('--max-perturb-ratio'), 0.25)
  .option('--protect <regex>', 'never edit words overlapping this regular expression (repeatable)', collect, [])
  .option('--target-label <label>', 'targeted attack: succeed only when the model predicts this label')
  .option('--stability-samples <n>', 'random perturbations per example for the stability score', parseInteger('--stability-samples', 0), 20)
  .option('--out <dir>', 'campaign folder (default: runs/<timestamp>-<target>)')
  .addOption(new Option('--json', 'print summary.json to stdout instead of the table'))
  .action(async (flags) => {
    const { runCommand } = await import('../src/cli/run-command.js');
    await runCommand(flags);
  });

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = exitCodeFor(err);
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    // Commander has already printed its message; help and version are not failures.
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof ConfigError) {
    process.stderr.write(`quiver: error: ${err.message}\n`);
    return 2;
  }
  process.stderr.write(`quiver: unexpected error: ${err instanceof Error ? (process.env.QUIVER_DEBUG ? err.stack : err.message) : String(err)}\n`);
  return 1;
}
