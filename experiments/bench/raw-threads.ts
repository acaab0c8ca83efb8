/**
 * The model alone in N threads at once: each thread replays the same recorded batches in a tight loop (one warm-up
 * pass, then the median of 3 timed passes), and the figure is the sum of the threads' texts per second. The threads
 * start their timed passes together, once every one of them is loaded and warm, and a pass repeats the batches for at
 * least MIN_PASS_MS: a fast model (local:nn replays its batches in ~30 ms) would otherwise finish before the other
 * thread has loaded, and the sum would count two threads that never ran at the same time. Its ratio for 2 threads over
 * 1 is the most a campaign's 2 workers can gain over 1 on this machine: the model's own share of the work scales no
 * better than that.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { once } from 'node:events';
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
  const job: Job = { target, batches, ...(options === undefined ? {} : { options }) };
  const workers = Array.from(
    { length: threads },
    () => new Worker(new URL('./raw-threads-entry.mjs', import.meta.url), { workerData: job }),
  );
  try {
    // Each thread says 'ready' when loaded and warm; then all start together.
    await Promise.all(workers.map((w) => once(w, 'message')));
    const rates = Promise.all(workers.map(async (w) => (await once(w, 'message'))[0] as number));
    for (const w of workers) w.postMessage('go');
    return (await rates).reduce((a, b) => a + b, 0);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

const MIN_PASS_MS = 1000;

async function replay(job: Job): Promise<void> {
  const t = await createTarget(job.target, job.options);
  for (const b of job.batches) await t.predict(b); // warm-up pass
  parentPort!.postMessage('ready');
  await once(parentPort!, 'message');
  const rates: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    const start = performance.now();
    let texts = 0;
    while (performance.now() - start < MIN_PASS_MS) {
      for (const b of job.batches) {
        await t.predict(b);
        texts += b.length;
      }
    }
    rates.push(texts / ((performance.now() - start) / 1000));
  }
  parentPort!.postMessage(median(rates));
}

if (!isMainThread && (workerData as Job | undefined)?.batches !== undefined) await replay(workerData as Job);
