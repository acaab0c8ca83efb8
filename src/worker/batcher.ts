/**
 * @module Groups examples into pool tasks. A campaign launches examples one by one; with sub-millisecond models a
 * message each way per example cost the worker more than the model (each result woke the main thread, which on two
 * cores preempted the worker: 55-140 µs per message against ~1 ms per AFINN example; experiments/results/bench.md).
 *
 * Examples launched in the same turn of the event loop travel together, up to the batch size; a partial batch
 * leaves at the end of the turn, so nothing waits for a batch to fill. With `pace`, the size follows the examples'
 * measured duration so that a batch takes about `pace.batchMs`: fast models get large batches, slow ones (a module
 * target at seconds per example) stay at one, so an interrupt or a budget still stops the campaign promptly.
 */
import type { Example } from '../contracts/record.js';
import type { AttackTaskResult, ExampleOutcome } from './protocol.js';

export interface BatchPace {
  /** Aim for batches that take about this long in a worker. */
  readonly batchMs: number;
  /** Never more examples than this in one batch. */
  readonly maxSize: number;
}

interface Pending {
  readonly examples: Example[];
  readonly settle: { resolve: (o: ExampleOutcome) => void; reject: (err: unknown) => void }[];
}

export class Batcher {
  private open: Pending | null = null;
  /** Running mean of an example's duration in a worker (ms), from the records' elapsedMs; null before any. */
  private meanMs: number | null = null;

  constructor(
    private readonly pace: BatchPace | null,
    private readonly send: (examples: Example[]) => Promise<AttackTaskResult>,
  ) {
    if (pace !== null && !(pace.batchMs > 0 && Number.isInteger(pace.maxSize) && pace.maxSize >= 1)) {
      throw new RangeError(`invalid batch pace ${JSON.stringify(pace)}`);
    }
  }

  /** Examples per batch now: 1 until a duration is known, then batchMs ÷ mean duration, within [1, maxSize]. */
  get size(): number {
    if (this.pace === null || this.meanMs === null) return 1;
    return Math.max(1, Math.min(this.pace.maxSize, Math.round(this.pace.batchMs / Math.max(this.meanMs, 0.01))));
  }

  attack(example: Example): Promise<ExampleOutcome> {
    return new Promise<ExampleOutcome>((resolve, reject) => {
      let batch = this.open;
      if (batch === null) {
        const fresh: Pending = { examples: [], settle: [] };
        batch = this.open = fresh;
        setImmediate(() => {
          if (this.open === fresh) this.dispatch(fresh);
        });
      }
      batch.examples.push(example);
      batch.settle.push({ resolve, reject });
      if (batch.examples.length >= this.size) this.dispatch(batch);
    });
  }

  private dispatch(batch: Pending): void {
    if (this.open === batch) this.open = null;
    this.send(batch.examples).then(
      (outcomes) => {
        batch.settle.forEach((s, i) => {
          const outcome = outcomes[i];
          if (outcome === undefined) {
            s.reject(
              new Error(`worker returned ${outcomes.length} outcome(s) for ${batch.examples.length} example(s)`),
            );
            return;
          }
          if ('elapsedMs' in outcome) this.observe(outcome.elapsedMs);
          s.resolve(outcome);
        });
      },
      (err: unknown) => {
        for (const s of batch.settle) s.reject(err);
      },
    );
  }

  private observe(ms: number): void {
    // An exponential mean: follows a campaign whose examples get longer or shorter, without one outlier ruling it.
    this.meanMs = this.meanMs === null ? ms : 0.9 * this.meanMs + 0.1 * ms;
  }
}
