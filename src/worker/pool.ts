/**
 * @module The warm piscina pool for a campaign. The shipped CLI runs compiled JavaScript; from TypeScript sources
 * (tsx: development, benchmarks) workers start from a small bootstrap that registers tsx inside the thread.
 */
import { setFlagsFromString } from 'node:v8';
import { Piscina } from 'piscina';
import type { AttackTask, AttackTaskResult, WorkerData } from './protocol.js';

const fromSources = import.meta.url.endsWith('.ts');

export function workerEntryUrl(): URL {
  return new URL(fromSources ? './dev-entry.mjs' : './entry.js', import.meta.url);
}

/** The parent's Node flags minus tsx's own loader flags (the bootstrap registers tsx itself). */
function workerExecArgv(): string[] {
  if (!fromSources) return [...process.execArgv];
  const out: string[] = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const arg = process.execArgv[i]!;
    const value = process.execArgv[i + 1] ?? '';
    if ((arg === '--require' || arg === '--import' || arg === '-r') && /tsx/.test(value)) i++;
    else if (!/^--(require|import)=.*tsx/.test(arg)) out.push(arg);
  }
  return out;
}

/**
 * `examplesPerWorker` examples run at once in each worker for I/O-bound targets, whose searches wait on requests.
 * For CPU-bound targets (`examplesPerWorker` 1) each worker is still sent two examples and attacks them one after the
 * other: the next example is already in the thread when one ends, instead of a round trip through the main thread,
 * which left a worker idle about a tenth of the time with sub-millisecond models (experiments/results/bench.md).
 */
export function createAttackPool(
  workers: number,
  workerData: WorkerData,
  examplesPerWorker = 1,
): Piscina<AttackTask, AttackTaskResult> {
  const oneAtATime = examplesPerWorker === 1;
  keepAllocationsYoung();
  return new Piscina<AttackTask, AttackTaskResult>({
    filename: workerEntryUrl().href,
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: oneAtATime ? 2 : examplesPerWorker,
    // A task is a batch of examples' whole searches. The campaign bounds how many it submits (twice what runs at
    // once), so piscina's own queue limit must not reject them.
    maxQueue: Infinity,
    idleTimeout: Infinity,
    execArgv: workerExecArgv(),
    workerData: { ...workerData, oneAtATime, poolSize: workers },
  });
}

/**
 * Turns off V8's allocation-site pretenuring, process-wide, before the workers start (only ever off, so no isolate
 * sees it change back). While a worker warms up (lexicons loading, caches filling, slow first examples) many of the
 * engine's allocation sites see their objects survive, and V8 may then allocate from those sites straight into the
 * old generation for the rest of the run, although in steady state nearly all of those objects die young (5-10 %
 * survival in --trace-pretenuring-statistics). Such runs scavenge 4-5 ms at a time instead of ~1 ms and spend about
 * a fifth of their time in GC: 19-23 µs of Quiver work per text instead of 13-15 (experiments/bench/profile.ts
 * local:afinn, one thread). Which way a run went was chance, and made the benchmark swing between runs. With
 * pretenuring off (`npm run bench -- 872 3000`, same code otherwise): 2 workers ÷ 1 went from 1.67 to 1.78 for
 * local:wink and from 1.42 to 1.59 for local:afinn, and peak RSS with 2 workers from 748 to 559 MB (wink).
 */
export function keepAllocationsYoung(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
