/**
 * @module The worker-side handler: rebuilds the attack from plain config once per thread (models, WordNet index and
 * tagger stay warm for the whole campaign) and attacks the examples of a task in order; for CPU-bound targets, one
 * task at a time in arrival order even when the pool has sent the next one already.
 */
import { workerData } from 'node:worker_threads';
import { CampaignAbortError } from '../core/errors.js';
import { attackExample, type AttackParts } from '../engine/attack-example.js';
import { assessFlip, type Assessment } from '../engine/assess-flip.js';
import { useSharedFiles } from '../nlp/shared-files.js';
import { attackSettings, buildAssessment, buildAttackParts } from '../registry.js';
import { suitePartsFor, type PartsFor } from '../suite/parts.js';
import type { AttackTask, AttackTaskResult, ExampleOutcome, WorkerData } from './protocol.js';

/** What the pool handed this thread; null in the main thread (tests may run this module there). */
const data: WorkerData | null = workerData;
if (data?.files !== undefined) useSharedFiles(data.files);

let cached: { key: string; partsFor: Promise<PartsFor>; assessment: Promise<Assessment> } | undefined;

/** The tail of this thread's queue of tasks when they run one at a time (WorkerData.oneAtATime). */
let queue: Promise<unknown> = Promise.resolve();

export function runAttackTask(task: AttackTask): Promise<AttackTaskResult> {
  if (data?.oneAtATime !== true) return attack(task);
  const run = queue.then(() => attack(task));
  queue = run.catch(() => undefined);
  return run;
}

async function attack(task: AttackTask): Promise<AttackTaskResult> {
  const key = JSON.stringify(task.config);
  if (cached?.key !== key) {
    const shared = data?.targetShared;
    const partsFor = buildAttackParts(task.config, shared).then((parts) => suitePartsFor(task.config, parts, shared));
    cached = { key, partsFor, assessment: buildAssessment(task.config, data?.judgeShared) };
  }
  return attackExamples(task, await cached.partsFor, await cached.assessment);
}

/**
 * Attacks the task's examples one after the other (in a worker, or in the caller's thread). `parts`: built already,
 * or per example (an assertion campaign's test runs each have their own checked target).
 */
export async function attackExamples(
  task: AttackTask,
  parts: AttackParts | PartsFor,
  assessment: Assessment,
): Promise<AttackTaskResult> {
  const settings = attackSettings(task.config);
  const outcomes: ExampleOutcome[] = [];
  for (const example of task.examples) {
    try {
      const exampleParts = typeof parts === 'function' ? await parts(example) : parts;
      outcomes.push(await assessFlip(await attackExample(exampleParts, settings, example), assessment));
    } catch (err) {
      // Error classes do not survive the thread boundary; an abort travels as plain data, and ends the batch.
      if (!(err instanceof CampaignAbortError)) throw err;
      for (const rest of task.examples.slice(outcomes.length))
        outcomes.push({ type: 'abort', id: rest.id, reason: err.message });
      break;
    }
  }
  return outcomes;
}
