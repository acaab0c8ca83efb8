/** @module `quiver status`: its options and the command (the status itself is campaign/status.ts, loaded lazily). */
import type { Command } from 'commander';
import { on } from '../../options/parsers.js';
import { defineOptions } from '../../options/table.js';
import { addTableOptions } from '../commander-options.js';

const statusOptionTable = defineOptions({
  json: { type: on, description: 'print the status as JSON' },
});

export function registerStatus(program: Command): void {
  const cmd = program
    .command('status')
    .description('where a running or finished campaign stands, from its folder')
    .argument('<dir>', 'campaign folder');
  const given = addTableOptions(cmd, statusOptionTable);
  cmd.action(async (dir: string) => {
    const { campaignStatus, renderStatus } = await import('../../campaign/status.js');
    const status = campaignStatus(dir);
    process.stdout.write(given().json ? `${JSON.stringify(status, null, 2)}\n` : renderStatus(status));
  });
}
