/**
 * @module Progress on stderr: a redrawn bar with counts and ETA on a terminal, plain lines at most every few seconds
 * otherwise (logs, nohup, CI), so a long campaign never looks like a hang and never floods a log.
 */
import type { Budgets } from '../contracts/campaign.js';
import type { Progress, Reporter } from './reporter.js';

export interface ProgressOptions {
  readonly stream: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean; columns?: number };
  readonly plainIntervalMs: number;
}

export function progressReporter(options: Partial<ProgressOptions> = {}): Reporter {
  const stream = options.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  const plainIntervalMs = options.plainIntervalMs ?? 5000;
  let lastDraw = 0;
  let budgets: Budgets | undefined;
  let waitingOn: (() => string | null) | undefined;
  return {
    onStart(info) {
      budgets = info.budgets;
      waitingOn = info.waitingOn;
      const resumed = info.alreadyDone > 0 ? ` (resuming: ${info.alreadyDone} already done)` : '';
      stream.write(
        `quiver: attacking ${info.total} examples with ${info.search} against ${info.target} on ${info.workers} worker(s) -> ${info.outDir}${resumed}\n`,
      );
    },
    onResult(_record, p) {
      const now = Date.now();
      const last = p.done === p.total;
      if (tty) {
        if (!last && now - lastDraw < 100) return;
        lastDraw = now;
        stream.write(`\r${bar(p, stream.columns ?? 80, budgets, waitingOn?.())}\x1b[K${last ? '\n' : ''}`);
      } else if (last || now - lastDraw >= plainIntervalMs) {
        lastDraw = now;
        stream.write(`${line(p, budgets, waitingOn?.())}\n`);
      }
    },
  };
}

export function line(p: Progress, budgets?: Budgets, waiting?: string | null): string {
  const queries = budgets?.maxTotalQueries != null ? `${p.queries}/${budgets.maxTotalQueries} queries` : `${p.queries} queries`;
  const elapsed = budgets?.maxTimeMs != null ? `${formatDuration(p.elapsedMs)}/${formatDuration(budgets.maxTimeMs)}` : formatDuration(p.elapsedMs);
  const rate = p.elapsedMs > 0 ? ` (${Math.round((p.queries / p.elapsedMs) * 1000)}/s)` : '';
  return (
    `${p.done}/${p.total} done · ${p.succeeded} flipped · ${p.failed} robust · ${p.skipped} skipped · ${p.errored} errored` +
    ` · ${queries}${rate} · ${elapsed} elapsed · ETA ${eta(p)}` +
    (waiting ? ` · ${waiting}` : '')
  );
}

function bar(p: Progress, columns: number, budgets?: Budgets, waiting?: string | null): string {
  const text = line(p, budgets, waiting);
  const width = Math.max(10, Math.min(30, columns - text.length - 4));
  const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}`;
}

function eta(p: Progress): string {
  if (p.done >= p.total) return '0s';
  if (p.doneThisRun === 0) return '?';
  return formatDuration((p.elapsedMs / p.doneThisRun) * (p.total - p.done));
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
