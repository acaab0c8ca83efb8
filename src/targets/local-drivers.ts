/**
 * @module Drivers of the in-process targets: the lexicon sentiment models (`local:wink`, `local:afinn`,
 * `local:vader`), naive Bayes (`local:nb`), ONNX classifiers (`local:nn`, `hf:<dir>`) and a user's module
 * (`module:<path>`). Each imports its model's module only when it builds the target: wink's model costs ~180 ms to
 * load, natural's lexicons ~100 ms.
 */
import type { Target } from '../core/target.js';
import { sentimentLabels } from './calibrate.js';
import { defineTargetDriver, inProcessDriver, type TargetDriver, type TargetOptions } from './driver.js';
import { MODULE_PREFIX } from './module.js';

/** A two-label sentiment model: its labels are known without loading it. */
function lexiconDriver(load: () => Promise<Target>): TargetDriver {
  return inProcessDriver({ create: load, labels: () => sentimentLabels });
}

export const winkDriver = lexiconDriver(async () => (await import('./wink.js')).createWinkTarget());
export const afinnDriver = lexiconDriver(async () => (await import('./afinn.js')).createAfinnTarget());
export const vaderDriver = lexiconDriver(async () => (await import('./vader.js')).createVaderTarget());

/**
 * Trained from the labelled file in its `train` option; its labels come from that file. The main thread trains (or
 * loads) the model once and every worker receives it: no worker reads, hashes or trains again.
 */
export const nbDriver = defineTargetDriver({
  sharedKind: 'nb-model',
  prepareShared: async (_spec, options) => (await import('./nb.js')).prepareNbShared(options),
  create: async (_spec, _options, shared) => (await import('./nb.js')).nbTarget(shared.model),
  labels: () => undefined,
  inFlight: { kind: 'per-worker' },
});

export const NN_SPEC = 'local:nn';
export const HF_PREFIX = 'hf:';

/** Targets that take `hf:` options (`batchSize`, `threads`). */
export function isHfSpec(spec: string): boolean {
  return spec === NN_SPEC || spec.startsWith(HF_PREFIX);
}

/**
 * An ONNX text classifier in `dir`. Its labels come with the model, which a campaign loads (and so fully checks) in
 * the main thread once before it starts: without graph optimisation, which is most of a session's start-up (120 ms
 * instead of 700-1,600 ms for a DistilBERT-size export) and which the workers do for their own sessions anyway.
 */
function onnxDriver(dirOf: (spec: string) => Promise<string>): TargetDriver {
  return inProcessDriver({
    create: async (spec: string, options: TargetOptions) => {
      const { createHfTarget } = await import('./hf/target.js');
      return createHfTarget(spec, await dirOf(spec), options);
    },
    labels: () => undefined,
    check: async (spec: string, options: TargetOptions) => {
      const { createHfTarget } = await import('./hf/target.js');
      const target = await createHfTarget(spec, await dirOf(spec), options, 'check');
      await target.close?.();
      return target.labels;
    },
  });
}

/** The bundled neural model (src/targets/data/local-nn), loaded as `hf:<its folder>` is. */
export const nnDriver = onnxDriver(async () => (await import('./hf/bundled.js')).BUNDLED_NN_DIR);
export const hfDriver = onnxDriver(async (spec) => spec.slice(HF_PREFIX.length));

export const TASK_PREFIX = 'task:';

/** A bundled rule-based task: a text target, so it has no labels (its answers are checked by assertions). */
export const taskDriver = inProcessDriver({
  create: async (spec, options) => (await import('./task.js')).createTaskTarget(spec, options),
  labels: () => [],
});

/** A user's module, resolved against the working directory; its labels are exported by it or probed once loaded. */
export const moduleDriver = inProcessDriver({
  create: async (spec) => (await import('./module.js')).createModuleTarget(spec.slice(MODULE_PREFIX.length)),
  labels: () => undefined,
});
