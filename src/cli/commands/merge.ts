/** @module `quiver merge`: its options and the command (the merge itself is campaign/merge.ts, loaded lazily). */
import type { Command } from 'commander';
import { on, text } from '../../options/parsers.js';
import { defineOptions, withDefaults } from '../../options/table.js';
import { addTableOptions } from '../commander-options.js';

const mergeOptionTable = defineOptions({
  out: { arg: 'dir', type: text, required: true, description: 'the merged campaign folder' },
  json: { type: on, description: 'print the merged summary.json to stdout' },
  allowIncomplete: {
    type: on,
    description: 'merge even if shards are missing or unfinished (the summary then says remaining)',
  },
});

export function registerMerge(program: Command): void {
  const cmd = program
    .command('merge')
    .description('combine the folders of a sharded campaign (--shard i/n) into one')
    .argument('<dirs...>', 'campaign folders, one per shard');
  const given = addTableOptions(cmd, mergeOptionTable);
  cmd.action(async (dirs: string[]) => {
    const flags = withDefaults(mergeOptionTable, given());
    const { mergeCampaigns } = await import('../../campaign/merge.js');
    const { renderSummaryTable } = await import('../../progress/summary-table.js');
    const merged = mergeCampaigns(dirs, flags.out, { allowIncomplete: flags.allowIncomplete === true });
    if (merged.gaps.length > 0) {
      process.stderr.write(
        `quiver merge: warning: the merged campaign is incomplete (${merged.summary.remaining} example(s) ` +
          `remaining): ${merged.gaps.join('; ')}\n`,
      );
    }
    process.stdout.write(
      flags.json ? `${JSON.stringify(merged.summary, null, 2)}\n` : renderSummaryTable(merged.summary, merged.outDir),
    );
  });
}
