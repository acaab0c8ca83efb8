/** @module `quiver run`: flags -> a RunRequest -> runCampaign, with terminal reporting. */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { runCampaign } from '../campaign/run.js';
import type { AttackConfig } from '../contracts/campaign.js';
import { fanOut } from '../reporters/reporter.js';
import { progressReporter } from '../reporters/progress.js';
import { renderSummaryTable } from '../reporters/summary-table.js';
import { packageRoot } from '../version.js';

export interface RunFlags {
  target: string;
  dataset?: string;
  search: string;
  perturb: string[];
  seed: number;
  workers?: number;
  limit?: number;
  maxQueries?: number;
  maxPerturbRatio: number;
  protect: string[];
  targetLabel?: string;
  stabilitySamples: number;
  verify: number;
  ranking?: string;
  out?: string;
  json?: boolean;
}

export const demoDataset = join(packageRoot, 'experiments', 'data', 'demo-reviews.jsonl');
export const defaultPerturbations = ['typo', 'synonym', 'reorder', 'rare-word'];

export async function runCommand(flags: RunFlags): Promise<void> {
  const attack: AttackConfig = {
    target: flags.target,
    targetOptions: {},
    goal: flags.targetLabel === undefined ? { name: 'untargeted' } : { name: 'targeted', targetLabel: flags.targetLabel },
    search: { name: flags.search, options: flags.ranking === undefined ? {} : { ranking: flags.ranking } },
    perturbations: flags.perturb,
    maxPerturbRatio: flags.maxPerturbRatio,
    protect: flags.protect,
    seed: flags.seed,
    maxQueries: flags.maxQueries ?? null,
    stabilitySamples: flags.stabilitySamples,
    verifyRepeats: flags.verify,
  };
  const outDir = flags.out ?? join('runs', `${timestamp()}-${flags.target.replace(/[^A-Za-z0-9._-]+/g, '-')}`);
  const reporters = [progressReporter()];
  const { summary, outDir: dir } = await runCampaign(
    {
      attack,
      datasetPath: flags.dataset ?? demoDataset,
      limit: flags.limit ?? null,
      workers: flags.workers ?? availableParallelism(),
      outDir,
    },
    fanOut(reporters),
  );
  if (flags.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  else process.stdout.write(renderSummaryTable(summary, dir));
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
}
