/** @module Target registry: resolves a spec (`local:wink`, `local:afinn`, `local:vader`, `local:nn`, `hf:<dir>`, `module:<path>`) to a Target. */
import { UnknownComponentError } from '../core/errors.js';
import type { Target } from '../core/target.js';
import { sentimentLabels } from './calibrate.js';
import { OPENAI_PREFIX, openAILabels } from './openai/options.js';

/**
 * Each factory imports its module only when called, so resolving one target (or printing `quiver --help`) never
 * loads another target's library: wink's model costs ~180 ms, natural's lexicons ~100 ms.
 */
export const Targets = {
  'local:wink': async () => (await import('./wink.js')).createWinkTarget(),
  'local:afinn': async () => (await import('./afinn.js')).createAfinnTarget(),
  'local:vader': async () => (await import('./vader.js')).createVaderTarget(),
} satisfies Record<string, () => Promise<Target>>;

/** The bundled neural model (src/targets/data/local-nn), loaded as `hf:<its folder>` is. */
const NN_SPEC = 'local:nn';
const HF_PREFIX = 'hf:';

/** Targets that take `hf:` options (`batchSize`, `threads`). */
export function isHfSpec(spec: string): boolean {
  return spec === NN_SPEC || spec.startsWith(HF_PREFIX);
}

export type LocalTargetName = keyof typeof Targets;

export const localTargetNames: readonly LocalTargetName[] = Object.freeze(Object.keys(Targets) as LocalTargetName[]);

const MODULE_PREFIX = 'module:';
/** Naive Bayes trained from the labelled file in its `train` option; its labels come from that file. */
const NB_SPEC = 'local:nb';

/** Every valid spec, for help and error texts. */
export const targetSpecs: readonly string[] = Object.freeze([
  ...localTargetNames, NB_SPEC, NN_SPEC, `${HF_PREFIX}<dir>`, `${OPENAI_PREFIX}<model>`, `${MODULE_PREFIX}<path>`,
]);

function isLocalTargetName(spec: string): spec is LocalTargetName {
  return Object.hasOwn(Targets, spec);
}

/** Builds the target for `spec`; unknown specs throw UnknownComponentError, a missing module file a ConfigError. */
export async function createTarget(
  spec: string,
  options: Readonly<Record<string, unknown>> = {},
  shared?: unknown,
): Promise<Target> {
  if (isLocalTargetName(spec)) return Targets[spec]();
  if (spec === NB_SPEC) return (await import('./nb.js')).createNbTarget(options);
  if (isHfSpec(spec)) {
    const { createHfTarget } = await import('./hf/target.js');
    const dir = spec === NN_SPEC ? (await import('./hf/bundled.js')).BUNDLED_NN_DIR : spec.slice(HF_PREFIX.length);
    return createHfTarget(spec, dir, options);
  }
  if (spec.startsWith(OPENAI_PREFIX)) {
    const { createOpenAITarget } = await import('./openai/target.js');
    return createOpenAITarget(spec, options, shared);
  }
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
  spec: string,
  options: Readonly<Record<string, unknown>>,
): Promise<unknown> {
  if (!spec.startsWith(OPENAI_PREFIX)) return undefined;
  const { prepareOpenAIShared } = await import('./openai/target.js');
  return prepareOpenAIShared(spec, options);
}

/**
 * The labels of a local target without loading it; undefined for `module:`, `local:nb` and `hf:` specs (known only
 * after loading). Every other local target is a two-label sentiment model.
 */
export function targetLabels(spec: string, options: Readonly<Record<string, unknown>> = {}): readonly string[] | undefined {
  if (isLocalTargetName(spec)) return sentimentLabels;
  if (spec.startsWith(OPENAI_PREFIX)) return openAILabels(spec, options);
  // hf: models are loaded (and so fully checked) in the main thread once before a campaign: labels come with them.
  if (spec.startsWith(MODULE_PREFIX) || spec === NB_SPEC || isHfSpec(spec)) return undefined;
  throw new UnknownComponentError('target', spec, targetSpecs);
}

/**
 * How many examples a campaign should attack at once. In-process models are CPU-bound: one per worker thread. A
 * remote endpoint is I/O-bound: enough examples to keep its allowed concurrency busy, since one example's search
 * sends its batches one after another.
 */
export function examplesInFlight(spec: string, options: Readonly<Record<string, unknown>>, workers: number): number {
  if (!spec.startsWith(OPENAI_PREFIX)) return workers;
  const concurrency = typeof options.concurrency === 'number' ? options.concurrency : 8;
  return Math.max(workers, concurrency);
}

/** What a campaign's requests are waiting on, read in the main thread from the shared limiter (null: nothing to say). */
export async function targetStatusReader(shared: unknown): Promise<(() => string | null) | null> {
  if (typeof shared !== 'object' || shared === null || (shared as { kind?: unknown }).kind !== 'openai-limiter') return null;
  const { Limiter } = await import('./openai/limiter.js');
  const { buffer, endpoint } = shared as { buffer: SharedArrayBuffer; endpoint: string };
  const limiter = new Limiter(buffer, endpoint);
  return () => {
    const s = limiter.stats();
    const recent429 = s.sinceRateLimitedMs < 10_000 && s.rateLimitedShare >= 0.01;
    const waiting = s.breakerOpen
      ? 'breaker open'
      : s.blockedMs > 0
        ? `backing off ${Math.ceil(s.blockedMs / 1000)}s (429)`
        : s.headerWaitMs > 0
          ? `waiting ${Math.ceil(s.headerWaitMs / 1000)}s for the endpoint's x-ratelimit budget`
          : recent429
            ? `waiting on 429 retries (${Math.round(s.rateLimitedShare * 100)}% of recent answers${s.holding ? ', rate held: the 429s do not depend on it' : ''})`
            : null;
    const cap = Number.isFinite(s.rateCap) ? `, ${Math.round(s.rateCap)}/min cap` : '';
    return `endpoint ${s.inFlight} in flight${cap}, ${s.rateLimited} rate-limited, ${s.failures} failed${waiting === null ? '' : `, ${waiting}`}`;
  };
}
