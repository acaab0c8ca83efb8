/**
 * @module One rate limiter per endpoint, shared by every worker thread through a SharedArrayBuffer: a cap on requests
 * in flight, requests and tokens per minute (GCRA, i.e. token buckets kept as a "theoretical arrival time"), AIMD on
 * the request rate when the endpoint answers 429 plus a shared pause honouring `retry-after`, and a circuit breaker
 * that opens when no request succeeds for `breakerMs` while requests keep failing.
 *
 * The state is a few float64 fields guarded by an Atomics spin lock; every critical section is a handful of
 * arithmetic operations, so contention costs nanoseconds. Waiting is asynchronous (timers, and Atomics.waitAsync on
 * a counter bumped whenever any thread frees a slot), so no thread's event loop is ever blocked by another's requests.
 * Time is `performance.timeOrigin + performance.now()`: the same clock in every thread.
 */
import { CampaignAbortError } from '../../core/errors.js';

export interface LimiterConfig {
  readonly maxConcurrency: number;
  /** null = unlimited until the endpoint answers 429. */
  readonly rpm: number | null;
  readonly tpm: number | null;
  readonly breakerMs: number;
  /** Failed attempts in a row (across threads) needed before the breaker may open. */
  readonly breakerFailures?: number;
}

export interface Permit {
  readonly startedAt: number;
  readonly estimatedTokens: number;
}

export interface LimiterStats {
  readonly started: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
  readonly rateLimited: number;
  readonly failures: number;
  /** Current request-rate cap (requests/min) after AIMD; Infinity when none applies. */
  readonly rateCap: number;
  readonly breakerOpen: boolean;
  /** How long every request still waits because of a 429's retry-after (0 when none). */
  readonly blockedMs: number;
}

// The int32 header: a spin lock, and a counter bumped on every freed slot (waiters sleep on it).
const LOCK = 0, RELEASES = 1;
// Field indexes in the float64 view after the header.
const MAX_CONC = 0, IN_FLIGHT = 1, RPM = 2, RATE_CAP = 3, REQ_TAT = 4, TPM = 5, TOK_TAT = 6, BLOCKED_UNTIL = 7,
  FAIL_STREAK = 8, STREAK_START = 9, LAST_SUCCESS = 10, OPEN = 11, BREAKER_MS = 12, BREAKER_FAILURES = 13,
  LAST_START = 14, EWMA_INTERVAL = 15, STARTED = 16, RATE_LIMITED = 17, FAILURES = 18, MAX_IN_FLIGHT = 19,
  AIMD_STEP = 20, LAST_DECREASE = 21, OPENED_AT = 22;
const FIELDS = 24;
const HEADER_BYTES = 8;
/** Longest sleep before a waiting request re-checks the shared state (the breaker, a pause that ended). */
const MAX_WAIT_MS = 250;
/** Floor of the AIMD rate cap, requests/min. */
const MIN_RPM = 1;
/**
 * AIMD factor on a 429. TCP's 0.5 left a 600-rpm endpoint used at ~75 %; 0.7 with a cut won back in a dozen
 * successes used it at ~97 % (200 requests in 19.3 s, 36 answered 429; 0.5 took 26.7 s).
 */
const DECREASE = 0.7;

export function now(): number {
  return performance.timeOrigin + performance.now();
}

/** A fresh shared state; send the buffer to workers (workerData) and wrap it with `new Limiter(buffer)` in each. */
export function createLimiterBuffer(config: LimiterConfig): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(HEADER_BYTES + FIELDS * 8);
  const f = new Float64Array(buffer, HEADER_BYTES, FIELDS);
  f[MAX_CONC] = config.maxConcurrency;
  f[RPM] = config.rpm ?? 0;
  f[RATE_CAP] = config.rpm ?? Infinity;
  f[TPM] = config.tpm ?? 0;
  f[BREAKER_MS] = config.breakerMs;
  f[BREAKER_FAILURES] = config.breakerFailures ?? 3;
  f[LAST_SUCCESS] = now();
  return buffer;
}

export class Limiter {
  private readonly words: Int32Array;
  private readonly f: Float64Array;
  private queue: Promise<void> = Promise.resolve();
  /** The last failure this thread saw, for the breaker's message (strings do not live in the shared buffer). */
  private lastError = '';

  constructor(
    readonly buffer: SharedArrayBuffer,
    private readonly endpoint: string,
  ) {
    this.words = new Int32Array(buffer, 0, 2);
    this.f = new Float64Array(buffer, HEADER_BYTES, FIELDS);
  }

  /**
   * Waits for a slot that respects the concurrency cap, the shared pause, the request rate and the token rate, and
   * takes it. Throws CampaignAbortError once the breaker is open.
   */
  async acquire(estimatedTokens: number): Promise<Permit> {
    // FIFO within the thread: only the head of the queue polls the shared state, so a thousand waiting requests
    // cost one check per wake-up, not a thousand.
    const previous = this.queue;
    let done!: () => void;
    this.queue = new Promise<void>((resolve) => (done = resolve));
    try {
      await previous;
      for (;;) {
        const seq = Atomics.load(this.words, RELEASES);
        const r = this.critical(() => this.tryTake(estimatedTokens));
        if ('startedAt' in r) return r;
        if (r.abort) throw this.abortError();
        const ms = Math.min(r.waitMs, MAX_WAIT_MS);
        if (r.full) await this.released(seq, ms);
        else await sleep(ms);
      }
    } finally {
      done();
    }
  }

  /** A 2xx answer: frees the slot, closes the failure streak, and raises the rate cap additively. */
  succeeded(permit: Permit, actualTokens: number): void {
    this.release(() => {
      const f = this.f;
      f[FAIL_STREAK] = 0;
      f[LAST_SUCCESS] = now();
      if (f[TPM]! > 0) f[TOK_TAT] = f[TOK_TAT]! + (actualTokens - permit.estimatedTokens) * (60_000 / f[TPM]!);
      if (Number.isFinite(f[RATE_CAP]!)) {
        f[RATE_CAP] = f[RATE_CAP]! + f[AIMD_STEP]!;
        if (f[RPM]! > 0) f[RATE_CAP] = Math.min(f[RATE_CAP]!, f[RPM]!);
      }
    });
  }

  /**
   * A 429: frees the slot, halves the request rate (once per round: a 429 for a request sent before the last cut
   * says nothing new) and pauses every thread until `retryAfterMs` has passed. Neutral for the breaker: an endpoint
   * that paces us is alive.
   */
  rateLimited(permit: Permit, retryAfterMs: number | null): void {
    this.release(() => {
      const f = this.f;
      const t = now();
      f[RATE_LIMITED] = f[RATE_LIMITED]! + 1;
      if (permit.startedAt >= f[LAST_DECREASE]!) {
        const observed = f[EWMA_INTERVAL]! > 0 ? 60_000 / f[EWMA_INTERVAL]! : f[RATE_CAP]!;
        const cap = Math.max(MIN_RPM, DECREASE * Math.min(f[RATE_CAP]!, Number.isFinite(observed) ? observed : f[RATE_CAP]!));
        if (Number.isFinite(cap)) {
          f[RATE_CAP] = cap;
          // Additive increase: about 9 successes win back the cut.
          f[AIMD_STEP] = cap / 20;
        }
        f[LAST_DECREASE] = t;
      }
      if (retryAfterMs !== null) f[BLOCKED_UNTIL] = Math.max(f[BLOCKED_UNTIL]!, t + retryAfterMs);
    });
  }

  /** A transient failure (5xx, timeout, dropped connection): counts towards the breaker. */
  failed(permit: Permit, message: string): void {
    this.lastError = message;
    this.release(() => {
      const f = this.f;
      const t = now();
      f[FAILURES] = f[FAILURES]! + 1;
      if (f[FAIL_STREAK] === 0) f[STREAK_START] = permit.startedAt;
      f[FAIL_STREAK] = f[FAIL_STREAK]! + 1;
      if (f[OPEN] === 0 && f[FAIL_STREAK]! >= f[BREAKER_FAILURES]! && t - f[STREAK_START]! >= f[BREAKER_MS]!) {
        f[OPEN] = 1;
        f[OPENED_AT] = t;
      }
    });
  }

  /** Any other answer (400, 404...): frees the slot; the endpoint answered, so the failure streak ends. */
  answered(): void {
    this.release(() => {
      this.f[FAIL_STREAK] = 0;
      this.f[LAST_SUCCESS] = now();
    });
  }

  /** Pauses every thread for `ms` (a 429 without retry-after). */
  pauseAll(ms: number): void {
    this.critical(() => {
      this.f[BLOCKED_UNTIL] = Math.max(this.f[BLOCKED_UNTIL]!, now() + ms);
    });
  }

  isOpen(): boolean {
    return this.critical(() => this.f[OPEN] === 1);
  }

  /** True when no request anywhere has succeeded since `t`: the endpoint, not one request, is failing. */
  failingSince(t: number): boolean {
    return this.critical(() => this.f[LAST_SUCCESS]! < t);
  }

  /** Resolves after `ms`; throws CampaignAbortError if the breaker opens meanwhile. */
  async pause(ms: number): Promise<void> {
    const until = now() + ms;
    for (let left = ms; left > 0; left = until - now()) {
      if (this.isOpen()) throw this.abortError();
      await sleep(Math.min(left, MAX_WAIT_MS));
    }
    if (this.isOpen()) throw this.abortError();
  }

  abortError(): CampaignAbortError {
    const f = this.critical(() => ({ streak: this.f[FAIL_STREAK]!, start: this.f[STREAK_START]!, failures: this.f[FAILURES]! }));
    const secs = ((now() - f.start) / 1000).toFixed(1);
    const last = this.lastError === '' ? '' : `; last error: ${this.lastError}`;
    return new CampaignAbortError(
      `endpoint ${this.endpoint} keeps failing: no request succeeded for ${secs} s (${f.streak} failed attempts in a row${last}). ` +
        'The campaign stopped; resume it once the endpoint is back.',
    );
  }

  stats(): LimiterStats {
    return this.critical(() => {
      const f = this.f;
      return {
        started: f[STARTED]!,
        inFlight: f[IN_FLIGHT]!,
        maxInFlight: f[MAX_IN_FLIGHT]!,
        rateLimited: f[RATE_LIMITED]!,
        failures: f[FAILURES]!,
        rateCap: f[RATE_CAP]!,
        breakerOpen: f[OPEN] === 1,
        blockedMs: Math.max(0, f[BLOCKED_UNTIL]! - now()),
      };
    });
  }

  /** A permit, or how long to wait (and whether for a free slot), or abort when the breaker is open. Under the lock. */
  private tryTake(estimatedTokens: number): Permit | { readonly abort: boolean; readonly waitMs: number; readonly full: boolean } {
    const f = this.f;
    if (f[OPEN] === 1) return { abort: true, waitMs: 0, full: false };
    const t = now();
    let wait = 0;
    if (f[BLOCKED_UNTIL]! > t) wait = f[BLOCKED_UNTIL]! - t;
    const full = f[IN_FLIGHT]! >= f[MAX_CONC]!;
    if (full) wait = Math.max(wait, MAX_WAIT_MS);
    const cap = f[RATE_CAP]!;
    const interval = Number.isFinite(cap) ? 60_000 / cap : 0;
    if (interval > 0) {
      // Bursts of up to one second's worth (at most the concurrency cap), then even spacing.
      const burst = Math.max(1, Math.min(f[MAX_CONC]!, Math.floor(cap / 60)));
      const allowAt = Math.max(f[REQ_TAT]!, t) + interval - burst * interval;
      if (allowAt > t) wait = Math.max(wait, allowAt - t);
    }
    const tpm = f[TPM]!;
    const tokInterval = tpm > 0 ? 60_000 / tpm : 0;
    const cost = Math.min(estimatedTokens, tpm > 0 ? tpm : estimatedTokens);
    if (tokInterval > 0) {
      const capacity = Math.max(tpm / 60, cost);
      const allowAt = Math.max(f[TOK_TAT]!, t) + cost * tokInterval - capacity * tokInterval;
      if (allowAt > t) wait = Math.max(wait, allowAt - t);
    }
    if (wait > 0) return { abort: false, waitMs: wait, full };

    f[IN_FLIGHT] = f[IN_FLIGHT]! + 1;
    f[MAX_IN_FLIGHT] = Math.max(f[MAX_IN_FLIGHT]!, f[IN_FLIGHT]!);
    f[STARTED] = f[STARTED]! + 1;
    if (interval > 0) f[REQ_TAT] = Math.max(f[REQ_TAT]!, t) + interval;
    if (tokInterval > 0) f[TOK_TAT] = Math.max(f[TOK_TAT]!, t) + cost * tokInterval;
    if (f[LAST_START]! > 0) {
      const gap = t - f[LAST_START]!;
      f[EWMA_INTERVAL] = f[EWMA_INTERVAL] === 0 ? gap : 0.8 * f[EWMA_INTERVAL]! + 0.2 * gap;
    }
    f[LAST_START] = t;
    return { startedAt: t, estimatedTokens: cost };
  }

  private release(update: () => void): void {
    this.critical(() => {
      this.f[IN_FLIGHT] = Math.max(0, this.f[IN_FLIGHT]! - 1);
      update();
    });
    Atomics.add(this.words, RELEASES, 1);
    Atomics.notify(this.words, RELEASES);
  }

  /** Resolves when any thread frees a slot after `seq` was read, or after `ms`. */
  private async released(seq: number, ms: number): Promise<void> {
    const r = waitAsync(this.words, RELEASES, seq, ms);
    if (!r.async) return;
    // A pending waitAsync does not keep the event loop alive (a thread would exit mid-wait): a timer does.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([r.value, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms + 1)))]);
    clearTimeout(timer);
  }

  private critical<T>(fn: () => T): T {
    const words = this.words;
    while (Atomics.compareExchange(words, LOCK, 0, 1) !== 0) Atomics.wait(words, LOCK, 1, 1);
    try {
      return fn();
    } finally {
      Atomics.store(words, LOCK, 0);
      Atomics.notify(words, LOCK, 1);
    }
  }

}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Atomics.waitAsync (Node >= 16; not in TypeScript's ES2023 lib). */
function waitAsync(words: Int32Array, index: number, value: number, timeoutMs: number): { async: false } | { async: true; value: Promise<unknown> } {
  return (Atomics as unknown as { waitAsync: typeof waitAsync }).waitAsync(words, index, value, timeoutMs);
}
