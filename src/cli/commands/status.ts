/** @module Definition of `quiver status`. */
import type { Command } from 'commander';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('where a running or finished campaign stands, from its folder')
    .argument('<dir>', 'campaign folder')
    .option('--json', 'print the status as JSON')
    .action(async (dir: string, flags: { json?: boolean }) => {
      const { campaignStatus, renderStatus } = await import('../../campaign/status.js');
      const status = campaignStatus(dir);
      process.stdout.write(flags.json ? JSON.stringify(status, null, 2) + '\n' : renderStatus(status));
    });
}
