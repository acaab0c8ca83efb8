/**
 * @module The warm piscina pool for a campaign. Under tsx (development, tests) workers load the TypeScript entry and
 * need the tsx loader; the shipped CLI runs compiled JavaScript.
 */
import { Piscina } from 'piscina';
import type { AttackTask, AttackTaskResult, WorkerData } from './protocol.js';

export function workerEntryUrl(): URL {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./entry${ext}`, import.meta.url);
}

export function createAttackPool(workers: number, workerData: WorkerData): Piscina<AttackTask, AttackTaskResult> {
  const entry = workerEntryUrl();
  const execArgv = entry.pathname.endsWith('.ts') && !process.execArgv.join(' ').includes('tsx')
    ? [...process.execArgv, '--import', 'tsx']
    : [...process.execArgv];
  return new Piscina<AttackTask, AttackTaskResult>({
    filename: entry.href,
    minThreads: workers,
    maxThreads: workers,
    // One example's whole search is one task; a few queued per thread keeps threads busy between results.
    maxQueue: 'auto',
    idleTimeout: Infinity,
    execArgv,
    workerData,
  });
}
