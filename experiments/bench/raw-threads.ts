/**
 * The model alone in N threads at once: each thread replays the same recorded batches in a tight loop (one warm-up
 * pass, then the median of 3), and the figure is the sum of the threads' texts per second. Its ratio for 2 threads over
 * 1 is the most a campaign's 2 workers can gain over 1 on this machine: the model's own share of the work scales no
 * better than that.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createTarget } from '../../src/targets/index.js';
import { median } from './timing.js';

interface Job {
  readonly target: string;
  readonly batches: readonly (readonly string[])[];
  /** Target options (for `hf:` targets, `threads`: a worker here has no pool size to divide the cores by). */
  readonly options?: Readonly<Record<string, unknown>>;
}

/** Texts per second of the model, summed over `threads` threads that all run at the same time. */
export async function rawThroughputInThreads(
  target: string,
  batches: readonly (readonly string[])[],
  threads: number,
  options?: Readonly<Record<string, unknown>>,
): Promise<number> {
  const rates = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<number>((resolve, reject) => {
          const job: Job = { target, batches, ...(options === undefined ? {} : { options }) };
          const w = new Worker(new URL('./raw-threads-entry.mjs', import.meta.url), { workerData: job });
          w.once('message', (rate: number) => void w.terminate().then(() => resolve(rate)));
          w.once('error', reject);
        }),
    ),
  );
  return rates.reduce((a, b) => a + b, 0);
}

async function replay(job: Job): Promise<number> {
  const t = await createTarget(job.target, job.options);
  const texts = job.batches.reduce((n, b) => n + b.length, 0);
  const rates: number[] = [];
  for (let pass = 0; pass < 4; pass++) {
    const start = performance.now();
    for (const b of job.batches) await t.predict(b);
    if (pass > 0) rates.push(texts / ((performance.now() - start) / 1000));
  }
  return median(rates);
}

if (!isMainThread && (workerData as Job | undefined)?.batches !== undefined) {
  parentPort!.postMessage(await replay(workerData as Job));
}
