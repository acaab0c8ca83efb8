/**
 * @module The target driver contract: what one target kind (`local:wink`, `openai:<model>`, `module:<path>`, ...)
 * tells the campaign and the workers. A driver builds the target, prepares in the main thread the state every worker
 * shares, says whether its labels are known before loading, how many examples to keep in flight, and what a status
 * line shows. Campaign, worker and registry use this interface only; no other code knows a target kind.
 */
import type { Target } from '../core/target.js';
import type { NbShared } from './nb.js';
import type { OpenAIShared } from './openai/endpoint.js';

export type TargetOptions = Readonly<Record<string, unknown>>;

/** Shared state of a target that needs none: every in-process target. */
export interface NoShared {
  readonly kind: 'none';
}

export const noShared: NoShared = Object.freeze({ kind: 'none' });

/**
 * What the main thread prepares once per campaign and hands to every worker thread: structured-clone safe (plain data
 * and SharedArrayBuffers, e.g. a rate limiter shared across threads), told apart by `kind` once across the boundary.
 * A new kind of shared state is a new member here.
 */
export type TargetShared = NoShared | OpenAIShared | NbShared;
export type SharedKind = TargetShared['kind'];
export type SharedOf<K extends SharedKind> = Extract<TargetShared, { readonly kind: K }>;

/**
 * How many examples a campaign attacks at once.
 * - `per-worker`: in-process models are CPU-bound, one example per worker thread.
 * - `endpoint`: a remote endpoint is I/O-bound, and one example's search sends its batches one after another: enough
 *   examples to keep the endpoint's allowed concurrency busy, at least one per worker. Each query costs money and time.
 */
export type InFlightPolicy =
  | { readonly kind: 'per-worker' }
  | { readonly kind: 'endpoint'; concurrency(options: TargetOptions): number };

/** A line on what the campaign's requests wait on, read in the main thread while it runs; null: nothing to say. */
export type StatusLine = () => string | null;

/** One target kind as its module writes it, typed by the kind of shared state it prepares and uses. */
export interface TargetDriverDefinition<K extends SharedKind> {
  readonly sharedKind: K;
  /** Main thread, before any worker starts: checks what the target needs up front (an API key) and builds the state. */
  prepareShared(spec: string, options: TargetOptions): Promise<SharedOf<K>>;
  /** Imports the target's module only now, so resolving one target never loads another's library. */
  create(spec: string, options: TargetOptions, shared: SharedOf<K>): Promise<Target>;
  /** The labels without loading the target (validating spec and options); undefined: known only once loaded. */
  labels(spec: string, options: TargetOptions): readonly string[] | undefined;
  /**
   * When `labels` says undefined: loads the target as far as its check needs and returns its labels (main thread,
   * before anything is written, so a target that cannot load fails there). Absent: the target is created and closed.
   */
  check?(spec: string, options: TargetOptions): Promise<readonly string[]>;
  readonly inFlight: InFlightPolicy;
  statusLine?(shared: SharedOf<K>): Promise<StatusLine>;
}

/** A driver as its users see it: every kind behind one interface, the shared state as the TargetShared union. */
export interface TargetDriver {
  prepareShared(spec: string, options: TargetOptions): Promise<TargetShared>;
  /** Throws when `shared` is another kind's: it was prepared for another spec. */
  create(spec: string, options: TargetOptions, shared: TargetShared): Promise<Target>;
  labels(spec: string, options: TargetOptions): readonly string[] | undefined;
  /** A cheaper load than `create` for checking the target and learning its labels; undefined: create it. */
  readonly check: ((spec: string, options: TargetOptions) => Promise<readonly string[]>) | undefined;
  readonly inFlight: InFlightPolicy;
  statusLine(shared: TargetShared): Promise<StatusLine | null>;
}

function isSharedOf<K extends SharedKind>(kind: K, shared: TargetShared): shared is SharedOf<K> {
  return shared.kind === kind;
}

/** Puts a definition behind the common interface: the shared state that arrives is checked against its kind once. */
export function defineTargetDriver<K extends SharedKind>(definition: TargetDriverDefinition<K>): TargetDriver {
  const own = (shared: TargetShared, who: string): SharedOf<K> => {
    if (!isSharedOf(definition.sharedKind, shared)) {
      const kinds = `got shared state of kind "${shared.kind}", expected "${definition.sharedKind}"`;
      throw new Error(`${who}: ${kinds} (prepared for another target?)`);
    }
    return shared;
  };
  return {
    prepareShared: (spec, options) => definition.prepareShared(spec, options),
    create: (spec, options, shared) => definition.create(spec, options, own(shared, `target ${spec}`)),
    labels: (spec, options) => definition.labels(spec, options),
    check: definition.check?.bind(definition),
    inFlight: definition.inFlight,
    statusLine: async (shared) => definition.statusLine?.(own(shared, 'target status line')) ?? null,
  };
}

/** An in-process model: nothing shared, one example per worker, no status line. */
export function inProcessDriver(
  driver: Pick<TargetDriverDefinition<'none'>, 'create' | 'labels' | 'check'>,
): TargetDriver {
  return defineTargetDriver({
    sharedKind: 'none',
    prepareShared: async () => noShared,
    create: (spec, options, shared) => driver.create(spec, options, shared),
    labels: (spec, options) => driver.labels(spec, options),
    ...(driver.check === undefined ? {} : { check: driver.check.bind(driver) }),
    inFlight: { kind: 'per-worker' },
  });
}

/** Examples a campaign keeps in flight with `workers` threads under the driver's policy. */
export function examplesInFlight(driver: TargetDriver, options: TargetOptions, workers: number): number {
  const policy = driver.inFlight;
  return policy.kind === 'endpoint' ? Math.max(workers, policy.concurrency(options)) : workers;
}
