/** @module `quiver status`: where a running or finished campaign stands, read from its folder alone. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { SummaryBuilder, type Summary } from '../metrics/summary.js';
import { incompleteness, plannedOf } from '../storage/completeness.js';
import { lockOwner } from '../storage/lock.js';
import { forEachLatestRecord } from '../storage/results-file.js';
import { runDir } from '../storage/run-dir.js';
import { readCampaignConfig } from './resume.js';

export interface CampaignStatus {
  readonly dir: string;
  readonly state: 'running' | 'finished' | 'stopped' | 'not started';
  readonly pid: number | null;
  readonly target: string;
  readonly search: string;
  readonly done: number;
  /** Planned examples, when known (the summary of a finished run, or the dataset size without sharding). */
  readonly planned: number | null;
  readonly lastRecordAt: string | null;
  readonly stopReason: string | null;
  readonly summary: Summary;
}

export function campaignStatus(dir: string): CampaignStatus {
  const config = readCampaignConfig(dir);
  const rd = runDir(dir);
  const builder = new SummaryBuilder();
  if (existsSync(rd.results)) forEachLatestRecord(rd.results, (r) => builder.add(r));
  const summary = builder.build();
  const written = existsSync(rd.summary) ? (JSON.parse(readFileSync(rd.summary, 'utf8')) as Summary) : null;
  const pid = lockOwner(dir);
  // While a run goes on, its summary.json is the previous run's.
  const planned = plannedOf(config, pid === null ? written : null);
  const state =
    pid !== null
      ? 'running'
      : summary.examples === 0 && written === null
        ? 'not started'
        : incompleteness(dir, config, summary.examples) !== null
          ? 'stopped'
          : 'finished';
  return {
    dir,
    state,
    pid,
    target: config.attack.target,
    search: config.attack.search.name,
    done: summary.examples,
    planned,
    lastRecordAt: existsSync(rd.results) && summary.examples > 0 ? statSync(rd.results).mtime.toISOString() : null,
    stopReason: pid === null ? (written?.stopReason ?? null) : null,
    summary,
  };
}

export function renderStatus(s: CampaignStatus): string {
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
  const lines = [
    `${s.dir}: ${s.state}${s.pid !== null ? ` (pid ${s.pid})` : ''}`,
    `  ${s.target}, ${s.search}: ${s.done}${s.planned !== null ? `/${s.planned}` : ''} examples done`,
    `  ${s.summary.succeeded} flipped, ${s.summary.failed} robust, ${s.summary.skipped} ` +
      `skipped, ${s.summary.errored} errored; attack success rate ${pct(s.summary.attackSuccessRate)}`,
  ];
  if (s.lastRecordAt !== null) lines.push(`  last record written ${s.lastRecordAt}`);
  if (s.stopReason !== null) lines.push(`  stopped: ${s.stopReason} (continue with: quiver run --resume ${s.dir})`);
  return `${lines.join('\n')}\n`;
}
