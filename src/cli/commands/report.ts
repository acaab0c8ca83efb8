/** @module Definition of `quiver report` (flags and help); the implementation loads only when the command runs. */
import type { Command } from 'commander';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write a self-contained HTML report of a campaign (charts and a searchable table of examples)')
    .argument('<dir>', 'campaign folder')
    .requiredOption('--html <file>', 'HTML file to write')
    .action(async (dir: string, flags: Record<string, unknown>) => {
      const { reportCommand } = await import('../../report/command.js');
      await reportCommand(dir, flags as never);
    });
}
