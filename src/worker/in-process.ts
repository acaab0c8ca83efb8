/**
 * @module Attacks a campaign's examples in the caller's thread, for a library caller's own Target object: a live
 * object (a model in memory, a client with its own connection pool) cannot be rebuilt from plain config inside a
 * worker thread, as `module:<path>` targets are. Up to `workers` examples still run at once, so a target that waits
 * on I/O is kept busy; a CPU-bound one shares the caller's thread.
 */
import type { Target } from '../core/target.js';
import type { JudgeShared } from '../judges/index.js';
import type { AttackParts } from '../engine/attack-example.js';
import type { Assessment } from '../engine/assess-flip.js';
import { attackPartsWith, buildAssessment } from '../registry.js';
import { attackExamples } from './attack-task.js';
import type { AttackTask, AttackTaskResult } from './protocol.js';

/** What a campaign needs of its executor: the piscina pool and the in-process runner both fit. */
export interface AttackRunner {
  run(task: AttackTask): Promise<AttackTaskResult>;
  destroy(): Promise<void>;
}

/**
 * At most `concurrency` tasks run at once (the campaign's `workers`); the caller owns `target` and closes it, the
 * runner never does.
 */
export function createInProcessRunner(target: Target, judgeShared: JudgeShared, concurrency: number): AttackRunner {
  let built: { key: string; parts: AttackParts; assessment: Promise<Assessment> } | undefined;
  const slots = new Slots(concurrency);
  return {
    run: (task) =>
      slots.use(async () => {
        const key = JSON.stringify(task.config);
        if (built?.key !== key) {
          built = {
            key,
            parts: attackPartsWith(task.config, target),
            assessment: buildAssessment(task.config, judgeShared),
          };
        }
        return attackExamples(task, built.parts, await built.assessment);
      }),
    destroy: async () => {},
  };
}

/** A counting semaphore: a finished task hands its slot straight to the next waiting one, so none is taken twice. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  async use<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next === undefined) this.free++;
      else next();
    }
  }
}
