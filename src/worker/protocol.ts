/** @module Messages across the worker boundary: plain data only (structured-clone safe). */
import type { AttackConfig } from '../contracts/campaign.js';
import type { Example, ResultRecord } from '../contracts/record.js';

export interface AttackTask {
  readonly config: AttackConfig;
  readonly example: Example;
}

export type AttackTaskResult = ResultRecord;
