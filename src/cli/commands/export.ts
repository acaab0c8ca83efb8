/** @module Definition of `quiver export` (flags and help); the implementation loads only when the command runs. */
import type { Command } from 'commander';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export a campaign\'s verified adversarial cases as a regression suite')
    .argument('<dir>', 'campaign folder')
    .requiredOption(
      '--format <format>',
      'promptfoo, promptfoo-csv, promptfoo-jsonl, jsonl (Quiver suite, for quiver replay), csv, node-test, vitest, junit',
    )
    .option('--out <file>', 'output file (default: stdout)')
    .option('--controls', 'also export the originals the model kept right, as controls expected to pass')
    .option('--predict <module>', 'node-test/vitest: the module exporting predict(texts), as imported from the test file', './predict.js')
    .option('--provider <id>', 'promptfoo: provider id (default: openai:chat:<model>)')
    .option('--api-base-url <url>', 'promptfoo: OpenAI-compatible base URL, e.g. http://127.0.0.1:PORT/v1 from quiver serve')
    .action(async (dir: string, flags: Record<string, unknown>) => {
      const { exportCommand } = await import('../../exporters/command.js');
      await exportCommand(dir, flags as never);
    });
}
