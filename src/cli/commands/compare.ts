/** @module Definition of `quiver compare` (flags and help); the implementation loads only when the command runs. */
import type { Command } from 'commander';

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('compare campaigns of several models (or prompt variants) on the same examples')
    .argument('<dirs...>', 'two or more campaign folders')
    .option('--json', 'print the comparison as JSON instead of tables')
    .option('--html <file>', 'also write a self-contained HTML report with the transferability heat map')
    .option('--intersection', 'compare on the examples all campaigns share when their datasets differ')
    .option('--no-transfer', 'skip the transferability matrix (it queries every model on the others\' adversarial examples)')
    .action(async (dirs: string[], flags: Record<string, unknown>) => {
      const { compareCommand } = await import('../../compare/command.js');
      await compareCommand(dirs, flags as never);
    });
}
