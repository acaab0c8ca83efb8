/** @module Target registry: resolves a spec (`local:wink`, `local:afinn`, `local:vader`, `module:<path>`) to a Target. */
import { UnknownComponentError } from '../core/errors.js';
import type { Target } from '../core/target.js';
import { sentimentLabels } from './calibrate.js';

/**
 * Each factory imports its module only when called, so resolving one target (or printing `quiver --help`) never
 * loads another target's library: wink's model costs ~180 ms, natural's lexicons ~100 ms.
 */
export const Targets = {
  'local:wink': async () => (await import('./wink.js')).createWinkTarget(),
  'local:afinn': async () => (await import('./afinn.js')).createAfinnTarget(),
  'local:vader': async () => (await import('./vader.js')).createVaderTarget(),
} satisfies Record<string, () => Promise<Target>>;

export type LocalTargetName = keyof typeof Targets;

export const localTargetNames: readonly LocalTargetName[] = Object.freeze(Object.keys(Targets) as LocalTargetName[]);

const MODULE_PREFIX = 'module:';

/** Every valid spec, for help and error texts. */
export const targetSpecs: readonly string[] = Object.freeze([...localTargetNames, `${MODULE_PREFIX}<path>`]);

function isLocalTargetName(spec: string): spec is LocalTargetName {
  return Object.hasOwn(Targets, spec);
}

/** Builds the target for `spec`; unknown specs throw UnknownComponentError, a missing module file a ConfigError. */
export async function createTarget(
  spec: string,
  _options: Readonly<Record<string, unknown>> = {},
  _shared?: unknown,
): Promise<Target> {
  if (isLocalTargetName(spec)) return Targets[spec]();
  if (spec.startsWith(MODULE_PREFIX)) {
    const { createModuleTarget } = await import('./module.js');
    return createModuleTarget(spec.slice(MODULE_PREFIX.length));
  }
  throw new UnknownComponentError('target', spec, targetSpecs);
}

/**
 * Prepared once in the main thread and handed to every worker (structured-clone safe, e.g. SharedArrayBuffers for a
 * rate limiter shared across threads); undefined when the target needs nothing shared.
 */
export async function prepareTargetShared(
  _spec: string,
  _options: Readonly<Record<string, unknown>>,
): Promise<unknown> {
  return undefined;
}

/**
 * The labels of a local target without loading it; undefined for `module:` specs (known only after loading).
 * Every local target is a two-label sentiment model.
 */
export function targetLabels(spec: string, _options: Readonly<Record<string, unknown>> = {}): readonly string[] | undefined {
  if (isLocalTargetName(spec)) return sentimentLabels;
  if (spec.startsWith(MODULE_PREFIX)) return undefined;
  throw new UnknownComponentError('target', spec, targetSpecs);
}
