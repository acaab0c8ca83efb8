/** @module What every worker's judge shares, prepared once in the main thread. */
import type { NoShared } from '../targets/driver.js';
import type { OpenAIShared } from '../targets/openai/endpoint.js';

/** Nothing, or the judge endpoint's limiter (the target's, when both use one endpoint). */
export type JudgeShared = NoShared | OpenAIShared;
