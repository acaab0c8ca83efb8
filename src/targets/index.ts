/**
 * @module Target registry: one map from spec pattern to driver (`local:wink`, `local:afinn`, `local:vader`,
 * `local:nb`, `local:nn`, `hf:<dir>`, `openai:<model>`, `module:<path>`, and the bundled text tasks
 * `task:<name>`). A spec picks its driver by exact name or by prefix; the map's keys are the valid specs help and
 * error texts list.
 */
import { UnknownComponentError } from '../core/errors.js';
import type { Target } from '../core/target.js';
import type { TargetDriver, TargetOptions, TargetShared } from './driver.js';
import {
  afinnDriver,
  HF_PREFIX,
  hfDriver,
  moduleDriver,
  nbDriver,
  NN_SPEC,
  nnDriver,
  TASK_PREFIX,
  taskDriver,
  vaderDriver,
  winkDriver,
} from './local-drivers.js';
import { openAIDriver } from './openai-driver.js';
import { MODULE_PREFIX } from './module.js';
import { OPENAI_PREFIX } from './openai/options.js';
import { findBySpec } from './spec-map.js';

export { examplesInFlight, noShared, type TargetDriver, type TargetShared } from './driver.js';
export { isHfSpec } from './local-drivers.js';

export const targetDrivers: Readonly<Record<string, TargetDriver>> = Object.freeze({
  'local:wink': winkDriver,
  'local:afinn': afinnDriver,
  'local:vader': vaderDriver,
  'local:nb': nbDriver,
  [NN_SPEC]: nnDriver,
  [`${HF_PREFIX}<dir>`]: hfDriver,
  [`${OPENAI_PREFIX}<model>`]: openAIDriver,
  [`${MODULE_PREFIX}<path>`]: moduleDriver,
  [`${TASK_PREFIX}<name>`]: taskDriver,
});

/** Every valid spec, for help and error texts. */
export const targetSpecs: readonly string[] = Object.freeze(Object.keys(targetDrivers));

/** The driver of `spec`; an unknown spec throws UnknownComponentError listing every valid one. */
export function targetDriver(spec: string): TargetDriver {
  const driver = findBySpec(targetDrivers, spec);
  if (driver === undefined) throw new UnknownComponentError('target', spec, targetSpecs);
  return driver;
}

/** The state `spec`'s workers share, prepared in the main thread (checks what the target needs, e.g. an API key). */
export function prepareTargetShared(spec: string, options: TargetOptions): Promise<TargetShared> {
  return targetDriver(spec).prepareShared(spec, options);
}

/**
 * Builds the target for `spec`, with the shared state its campaign prepared, or state of its own when none is given
 * (one-off uses: replay, serve, tests). Unknown specs throw UnknownComponentError, a missing module file a ConfigError.
 */
export async function createTarget(spec: string, options: TargetOptions = {}, shared?: TargetShared): Promise<Target> {
  const driver = targetDriver(spec);
  return driver.create(spec, options, shared ?? (await driver.prepareShared(spec, options)));
}

/**
 * The labels of `spec`: known without loading it, or else learnt by loading it as far as its check needs (the driver's
 * `check`, or the whole target, closed again). Main thread, before anything is written: a target that cannot load
 * fails here.
 */
export async function targetLabels(spec: string, options: TargetOptions = {}): Promise<readonly string[]> {
  const driver = targetDriver(spec);
  const known = driver.labels(spec, options);
  if (known !== undefined) return known;
  if (driver.check !== undefined) return driver.check(spec, options);
  const target = await createTarget(spec, options);
  await target.close?.();
  return target.labels;
}
