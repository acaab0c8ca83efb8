/** @module Definition of `quiver run` (flags and help); the implementation loads only when the command runs. */
import { Option, type Command } from 'commander';
import { collect, parseFraction, parseInteger, parseList } from '../options.js';

export function registerRun(program: Command): void {
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
    .option('--verify <k>', 're-query each flip K times; it counts only if it holds every time', parseInteger('--verify', 1), 1)
    .option('--out <dir>', 'campaign folder (default: runs/<timestamp>-<target>)')
    .addOption(new Option('--json', 'print summary.json to stdout instead of the table'))
    .action(async (flags) => {
      const { runCommand } = await import('../run-command.js');
      await runCommand(flags);
    });
}
