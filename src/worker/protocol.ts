/** @module Messages across the worker boundary: plain data only (structured-clone safe). */
import type { AttackConfig } from '../contracts/campaign.js';
import type { Example, ResultRecord } from '../contracts/record.js';
import type { JudgeShared } from '../judges/index.js';
import type { SharedFile } from '../nlp/shared-files.js';
import type { TargetShared } from '../targets/index.js';

/** Examples to attack one after the other in one worker (a batch: one message each way, not one per example). */
export interface AttackTask {
  readonly config: AttackConfig;
  readonly examples: readonly Example[];
}

/** The example could not be attacked and the campaign must stop (see CampaignAbortError); nothing is recorded. */
export interface AbortResult {
  readonly type: 'abort';
  readonly id: string;
  readonly reason: string;
}

export type ExampleOutcome = ResultRecord | AbortResult;

/** One outcome per example of the task, in order; once one is an abort, the examples after it are not attacked. */
export type AttackTaskResult = readonly ExampleOutcome[];

/** Data the main thread prepares once per campaign and every worker receives (e.g. a shared rate limiter). */
export interface WorkerData {
  /** From the target's driver (TargetDriver.prepareShared). */
  readonly targetShared: TargetShared;
  /** The judge's counterpart of targetShared (`--judge`); `none` without a judge or when it needs nothing shared. */
  readonly judgeShared: JudgeShared;
  /** Data files the attack reads, one copy in shared memory for every worker (absent: each reads its own). */
  readonly files?: readonly SharedFile[];
  /**
   * CPU-bound targets: the worker holds a second example while it attacks one, but attacks them one after the other,
   * in arrival order (see createAttackPool). Absent or false: tasks run concurrently (I/O-bound targets).
   */
  readonly oneAtATime?: boolean;
  /** Worker threads in the pool, so an in-process model can share the cores among them (hf: intra-op threads). */
  readonly poolSize?: number;
}
