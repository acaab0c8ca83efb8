/** @module Definition of `quiver merge`. */
import type { Command } from 'commander';

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('combine the folders of a sharded campaign (--shard i/n) into one')
    .argument('<dirs...>', 'campaign folders, one per shard')
    .requiredOption('--out <dir>', 'the merged campaign folder')
    .option('--json', 'print the merged summary.json to stdout')
    .option('--allow-incomplete', 'merge even if shards are missing or unfinished (the summary then says remaining)')
    .action(async (dirs: string[], flags: { out: string; json?: boolean; allowIncomplete?: boolean }) => {
      const { mergeCampaigns } = await import('../../campaign/merge.js');
      const { renderSummaryTable } = await import('../../progress/summary-table.js');
      const merged = mergeCampaigns(dirs, flags.out, { allowIncomplete: flags.allowIncomplete === true });
      if (merged.gaps.length > 0) {
        process.stderr.write(`quiver merge: warning: the merged campaign is incomplete (${merged.summary.remaining} example(s) remaining): ${merged.gaps.join('; ')}\n`);
      }
      process.stdout.write(flags.json ? JSON.stringify(merged.summary, null, 2) + '\n' : renderSummaryTable(merged.summary, merged.outDir));
    });
}
