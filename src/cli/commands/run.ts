/**
 * @module `quiver run`: its options (declared once, in campaign/run-options.ts) and the command itself (options -> a
 * RunRequest -> runCampaign or the dry-run estimate, with terminal reporting). The heavy modules load only when the
 * command runs, so `quiver --help` stays fast.
 */
import type { Command } from 'commander';
import { runOptionTable, type RunInput } from '../../campaign/run-options.js';
import { withDefaults } from '../../options/table.js';
import { addTableOptions } from '../commander-options.js';

export function registerRun(program: Command): void {
  const cmd = program
    .command('run')
    .description('run a robustness campaign (with no options: the bundled demo reviews against local:wink)');
  const given = addTableOptions(cmd, runOptionTable);
  cmd.action(async () => {
    await runCommand(given());
  });
}

async function runCommand(input: RunInput): Promise<void> {
  const { runRequest } = await import('../../campaign/run-request.js');
  const request = runRequest(input);
  const o = withDefaults(runOptionTable, input);
  if (o.dryRun) {
    const { estimateCampaign, renderEstimate } = await import('../../campaign/estimate.js');
    const estimate = await estimateCampaign(request, o.pilot);
    process.stdout.write(o.json ? `${JSON.stringify(estimate, null, 2)}\n` : renderEstimate(estimate));
    return;
  }
  const { runCampaign } = await import('../../campaign/run.js');
  const { fanOut } = await import('../../progress/reporter.js');
  const { progressReporter } = await import('../../progress/progress.js');
  const { renderSummaryTable } = await import('../../progress/summary-table.js');
  const outcome = await runCampaign(request, fanOut([progressReporter()]));
  if (o.json) process.stdout.write(`${JSON.stringify(outcome.summary, null, 2)}\n`);
  else process.stdout.write(renderSummaryTable(outcome.summary, outcome.outDir));
  if (outcome.stopKind === 'interrupted') process.exitCode = 130;
  if (outcome.stopKind === 'aborted') {
    process.stderr.write(
      `quiver: stopped: ${outcome.stopReason}\nquiver: resume with: quiver run --resume ${outcome.outDir}\n`,
    );
    process.exitCode = 3;
  }
}
