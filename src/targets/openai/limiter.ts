/**
 * @module One rate limiter per endpoint, shared by every worker thread through a SharedArrayBuffer: a cap on requests
 * in flight, requests and tokens per minute (GCRA, i.e. token buckets kept as a "theoretical arrival time"), AIMD on
 * the request rate when the endpoint answers 429 plus a shared pause honouring `retry-after`, pacing by the
 * `x-ratelimit-*` headers when the endpoint sends them, and a circuit breaker that opens when no request succeeds for
 * `breakerMs` while requests keep failing (or for RATE_LIMIT_BREAKER_FACTOR × `breakerMs` while every answer is a 429).
 *
 * AIMD assumes that 429s come from going too fast. Shared or overloaded gateways also refuse a share of requests
 * whatever the rate: cutting the rate then changes nothing but throughput, and the next 429 cuts again, down to a
 * few requests a minute. So each cut is checked: the 429 share among the next WINDOW answers is compared with the
 * share before the cut; if slowing down did not lower it, the cut is undone and the rate held (no more cuts, and a
 * 429's retry-after delays only its own request), until the share rises well above the level held.
 *
 * The state is a few float64 fields guarded by an Atomics spin lock; every critical section is a handful of
 * arithmetic operations, so contention costs nanoseconds. Waiting is asynchronous (timers, and Atomics.waitAsync on
 * a counter bumped whenever any thread frees a slot), so no thread's event loop is ever blocked by another's requests.
 * Time is `performance.timeOrigin + performance.now()`: the same clock in every thread.
 */
import { CampaignAbortError } from '../../core/errors.js';
import type { Budget, RateLimitHeaders } from './ratelimit-headers.js';

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
  /** Share of recent answers that were 429s (a moving average over about 16 answers). */
  readonly rateLimitedShare: number;
  /** The 429s do not depend on the rate: the rate is held and each 429 delays only its own request. */
  readonly holding: boolean;
  /** How long the `x-ratelimit-*` headers still hold requests back (0 when they do not). */
  readonly headerWaitMs: number;
  /** Since the last 429, ms (Infinity when none). */
  readonly sinceRateLimitedMs: number;
}

// The int32 header: a spin lock, and a counter bumped on every freed slot (waiters sleep on it).
const LOCK = 0,
  RELEASES = 1;
// Field indexes in the float64 view after the header.
const MAX_CONC = 0,
  IN_FLIGHT = 1,
  RPM = 2,
  RATE_CAP = 3,
  REQ_TAT = 4,
  TPM = 5,
  TOK_TAT = 6,
  BLOCKED_UNTIL = 7,
  FAIL_STREAK = 8,
  STREAK_START = 9,
  LAST_SUCCESS = 10,
  OPEN = 11,
  BREAKER_MS = 12,
  BREAKER_FAILURES = 13,
  LAST_START = 14,
  EWMA_INTERVAL = 15,
  STARTED = 16,
  RATE_LIMITED = 17,
  FAILURES = 18,
  MAX_IN_FLIGHT = 19,
  AIMD_STEP = 20,
  LAST_DECREASE = 21,
  OPENED_AT = 22,
  // The check of each cut: outcomes of requests started since WIN_START, the cap and 429 share before the cut.
  WIN_START = 23,
  WIN_OK = 24,
  WIN_RL = 25,
  PRE_CUT_CAP = 26,
  SHARE_BEFORE = 27,
  EVALUATING = 28,
  HOLD = 29,
  HOLD_SHARE = 30,
  RECENT_SHARE = 31,
  RL_STREAK = 32,
  RL_STREAK_START = 33,
  OPEN_REASON = 34,
  LAST_RATE_LIMITED = 35,
  // The last x-ratelimit-* headers: when seen, remaining, reset (ms), limit, and requests (tokens) started since.
  H_REQ_AT = 36,
  H_REQ_REMAINING = 37,
  H_REQ_RESET = 38,
  H_REQ_LIMIT = 39,
  H_REQ_USED = 40,
  H_TOK_AT = 41,
  H_TOK_REMAINING = 42,
  H_TOK_RESET = 43,
  H_TOK_LIMIT = 44,
  H_TOK_USED = 45,
  // Successes per minute in the window before the last cut (-1: unknown).
  OK_RATE_BEFORE = 46;
const FIELDS = 48;
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
/** Answers after a cut (and per check while holding) before the 429 share is compared. */
const WINDOW = 16;
/** A cut helped when the 429 share after it is below this fraction of the share before it... */
const HELPED = 0.6;
/**
 * ...or when it cost no successes: above a token bucket's rate, fewer attempts get as many successes (the 429 share
 * barely moves at 5 × the limit), while rate-independent 429s lose successes with every attempt not made.
 */
const KEPT_SUCCESSES = 0.85;
/**
 * Above this 429 share the rate is never held: a token bucket hammered at twice its rate refuses half the requests,
 * and its share moves little with each cut; an endpoint refusing most requests whatever the rate is the breaker's.
 */
const MAX_HOLD_SHARE = 0.5;
/** Weight of each answer in the moving 429 share. */
const SHARE_ALPHA = 1 / WINDOW;
/** While every answer is a 429, the breaker opens after this many times `breakerMs` without a success. */
export const RATE_LIMIT_BREAKER_FACTOR = 6;
const OPEN_FAILURES = 1,
  OPEN_RATE_LIMITED = 2;

export function now(): number {
  return performance.timeOrigin + performance.now();
}

/** A fresh shared state; send the buffer to workers (workerData) and wrap it with `new Limiter(buffer)` in each. */
export function createLimiterBuffer(config: LimiterConfig, t = now()): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(HEADER_BYTES + FIELDS * 8);
  const f = new Float64Array(buffer, HEADER_BYTES, FIELDS);
  f[MAX_CONC] = config.maxConcurrency;
  f[RPM] = config.rpm ?? 0;
  f[RATE_CAP] = config.rpm ?? Infinity;
  f[TPM] = config.tpm ?? 0;
  f[BREAKER_MS] = config.breakerMs;
  f[BREAKER_FAILURES] = config.breakerFailures ?? 3;
  f[LAST_SUCCESS] = t;
  f[WIN_START] = t;
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
    private readonly clock: () => number = now,
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
      f[RL_STREAK] = 0;
      f[LAST_SUCCESS] = this.clock();
      f[RECENT_SHARE] = f[RECENT_SHARE]! * (1 - SHARE_ALPHA);
      if (permit.startedAt >= f[WIN_START]!) f[WIN_OK] = f[WIN_OK]! + 1;
      if (f[TPM]! > 0) f[TOK_TAT] = f[TOK_TAT]! + (actualTokens - permit.estimatedTokens) * (60_000 / f[TPM]!);
      if (Number.isFinite(f[RATE_CAP]!)) {
        f[RATE_CAP] = f[RATE_CAP]! + f[AIMD_STEP]!;
        if (f[RPM]! > 0) f[RATE_CAP] = Math.min(f[RATE_CAP]!, f[RPM]!);
      }
    });
  }

  /**
   * A 429: frees the slot, and unless the 429s have proved rate-independent, cuts the request rate (once per round:
   * a 429 for a request sent before the last cut says nothing new) and pauses every thread for `pauseMs` (the
   * retry-after, or send.ts's back-off without one). Returns whether everyone pauses; either way the caller waits
   * `pauseMs` before retrying. Neutral for the failure breaker (an endpoint that paces us is alive), but answers
   * that are all 429s for RATE_LIMIT_BREAKER_FACTOR × breakerMs open it.
   */
  rateLimited(permit: Permit, pauseMs: number | null): boolean {
    let everyone = false;
    this.release(() => {
      const f = this.f;
      const t = this.clock();
      f[RATE_LIMITED] = f[RATE_LIMITED]! + 1;
      f[LAST_RATE_LIMITED] = t;
      if (f[RL_STREAK] === 0) f[RL_STREAK_START] = permit.startedAt;
      f[RL_STREAK] = f[RL_STREAK]! + 1;
      const shareBefore = f[RECENT_SHARE]! + SHARE_ALPHA * (1 - f[RECENT_SHARE]!);
      f[RECENT_SHARE] = shareBefore;
      if (permit.startedAt >= f[WIN_START]!) {
        f[WIN_RL] = f[WIN_RL]! + 1;
        this.adapt(t, shareBefore);
      }
      this.checkRateLimitBreaker(t);
      everyone = f[HOLD] === 0;
      if (everyone && pauseMs !== null) f[BLOCKED_UNTIL] = Math.max(f[BLOCKED_UNTIL]!, t + pauseMs);
    });
    return everyone;
  }

  /** Sets the pace from an answer's `x-ratelimit-*` headers (the newest answer's word wins). */
  observe(headers: RateLimitHeaders | null): void {
    if (headers === null) return;
    this.critical(() => {
      const t = this.clock();
      const f = this.f;
      const store = (b: Budget | null, at: number, remaining: number, reset: number, limit: number, used: number) => {
        if (b === null) return;
        f[at] = t;
        f[remaining] = b.remaining;
        f[reset] = b.resetMs;
        f[limit] = b.limit ?? 0;
        f[used] = 0;
      };
      store(headers.requests, H_REQ_AT, H_REQ_REMAINING, H_REQ_RESET, H_REQ_LIMIT, H_REQ_USED);
      store(headers.tokens, H_TOK_AT, H_TOK_REMAINING, H_TOK_RESET, H_TOK_LIMIT, H_TOK_USED);
    });
  }

  /**
   * A 429 for a request started since the window opened (under the lock). Out of hold: the first such 429 cuts the
   * rate; WINDOW answers after a cut, a 429 share that did not drop undoes the cut and holds, one that dropped allows
   * the next cut. In hold: a share well above the one held means the rate matters after all.
   */
  private adapt(t: number, recentShare: number): void {
    const f = this.f;
    const n = f[WIN_OK]! + f[WIN_RL]!;
    const share = n > 0 ? f[WIN_RL]! / n : 0;
    if (f[HOLD] === 1) {
      if (n < WINDOW) return;
      if (share > Math.max(2 * f[HOLD_SHARE]!, f[HOLD_SHARE]! + 0.15)) {
        f[HOLD] = 0;
        this.cut(t, share);
      } else {
        f[HOLD_SHARE] = (f[HOLD_SHARE]! + share) / 2;
        this.openWindow(t);
      }
      return;
    }
    if (f[EVALUATING] === 1) {
      // Not enough answers to judge the cut, unless so many are 429s that it cannot be held anyway.
      if (n < WINDOW && f[WIN_RL]! < WINDOW * MAX_HOLD_SHARE) return;
      const costSuccesses = f[OK_RATE_BEFORE]! >= 0 && this.okRate(t) <= KEPT_SUCCESSES * f[OK_RATE_BEFORE]!;
      if (share >= HELPED * f[SHARE_BEFORE]! && share < MAX_HOLD_SHARE && costSuccesses) {
        // Slowing down made 429s no rarer and cost successes: the 429s do not depend on the rate.
        f[RATE_CAP] = f[PRE_CUT_CAP]!;
        f[AIMD_STEP] = Number.isFinite(f[RATE_CAP]!) ? f[RATE_CAP]! / 20 : 0;
        f[EVALUATING] = 0;
        f[HOLD] = 1;
        f[HOLD_SHARE] = share;
        f[BLOCKED_UNTIL] = 0;
        this.openWindow(t);
        return;
      }
      this.cut(t, share);
      return;
    }
    this.cut(t, recentShare);
  }

  private cut(t: number, shareBefore: number): void {
    const f = this.f;
    f[PRE_CUT_CAP] = f[RATE_CAP]!;
    f[SHARE_BEFORE] = shareBefore;
    // Unknown (-1) after fewer than WINDOW answers: an endpoint's first burst says nothing about its rate.
    f[OK_RATE_BEFORE] = f[WIN_OK]! + f[WIN_RL]! >= WINDOW ? this.okRate(t) : -1;
    f[EVALUATING] = 1;
    const observed = f[EWMA_INTERVAL]! > 0 ? 60_000 / f[EWMA_INTERVAL]! : f[RATE_CAP]!;
    const cap = Math.max(
      MIN_RPM,
      DECREASE * Math.min(f[RATE_CAP]!, Number.isFinite(observed) ? observed : f[RATE_CAP]!),
    );
    if (Number.isFinite(cap)) {
      f[RATE_CAP] = cap;
      // Additive increase: about 9 successes win back the cut.
      f[AIMD_STEP] = cap / 20;
    }
    f[LAST_DECREASE] = t;
    this.openWindow(t);
  }

  /**
   * Opens the breaker when the last answers were all 429s for RATE_LIMIT_BREAKER_FACTOR × breakerMs (under the lock).
   */
  private checkRateLimitBreaker(t: number): void {
    const f = this.f;
    if (
      f[OPEN] === 0 &&
      f[RL_STREAK]! >= f[BREAKER_FAILURES]! &&
      t - f[RL_STREAK_START]! >= RATE_LIMIT_BREAKER_FACTOR * f[BREAKER_MS]!
    ) {
      f[OPEN] = 1;
      f[OPEN_REASON] = OPEN_RATE_LIMITED;
      f[OPENED_AT] = t;
    }
  }

  /** Successes per minute in the current window. */
  private okRate(t: number): number {
    const span = t - this.f[WIN_START]!;
    return span > 0 ? (this.f[WIN_OK]! * 60_000) / span : 0;
  }

  private openWindow(t: number): void {
    this.f[WIN_START] = t;
    this.f[WIN_OK] = 0;
    this.f[WIN_RL] = 0;
  }

  /** A transient failure (5xx, timeout, dropped connection): counts towards the breaker. */
  failed(permit: Permit, message: string): void {
    this.lastError = message;
    this.release(() => {
      const f = this.f;
      const t = this.clock();
      f[FAILURES] = f[FAILURES]! + 1;
      if (f[FAIL_STREAK] === 0) f[STREAK_START] = permit.startedAt;
      f[FAIL_STREAK] = f[FAIL_STREAK]! + 1;
      if (f[OPEN] === 0 && f[FAIL_STREAK]! >= f[BREAKER_FAILURES]! && t - f[STREAK_START]! >= f[BREAKER_MS]!) {
        f[OPEN] = 1;
        f[OPEN_REASON] = OPEN_FAILURES;
        f[OPENED_AT] = t;
      }
    });
  }

  /** Any other answer (400, 404...): frees the slot; the endpoint answered, so the failure streak ends. */
  answered(): void {
    this.release(() => {
      this.f[FAIL_STREAK] = 0;
      this.f[RL_STREAK] = 0;
      this.f[LAST_SUCCESS] = this.clock();
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
    const until = this.clock() + ms;
    for (let left = ms; left > 0; left = until - this.clock()) {
      if (this.isOpen()) throw this.abortError();
      await sleep(Math.min(left, MAX_WAIT_MS));
    }
    if (this.isOpen()) throw this.abortError();
  }

  abortError(): CampaignAbortError {
    const f = this.critical(() => ({
      reason: this.f[OPEN_REASON]!,
      streak: this.f[FAIL_STREAK]!,
      start: this.f[STREAK_START]!,
      limited: this.f[RL_STREAK]!,
      limitedSince: this.f[RL_STREAK_START]!,
    }));
    if (f.reason === OPEN_RATE_LIMITED) {
      const secs = ((this.clock() - f.limitedSince) / 1000).toFixed(1);
      return new CampaignAbortError(
        `endpoint ${this.endpoint} answers every request with 429 (rate limited): no request succeeded for ${secs} s ` +
          `(${f.limited} answers in a row were 429s). Check the account's rate limits and quota; the campaign ` +
          `stopped, ` +
          'resume it once the endpoint accepts requests again.',
      );
    }
    const secs = ((this.clock() - f.start) / 1000).toFixed(1);
    const last = this.lastError === '' ? '' : `; last error: ${this.lastError}`;
    return new CampaignAbortError(
      `endpoint ${this.endpoint} keeps failing: no request succeeded for ${secs} s (${f.streak} failed attempts in ` +
        `a row${last}). ` +
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
        blockedMs: Math.max(0, f[BLOCKED_UNTIL]! - this.clock()),
        rateLimitedShare: f[RECENT_SHARE]!,
        holding: f[HOLD] === 1,
        headerWaitMs: Math.max(0, this.headerWait(this.clock(), 0)),
        sinceRateLimitedMs: f[LAST_RATE_LIMITED]! > 0 ? this.clock() - f[LAST_RATE_LIMITED]! : Infinity,
      };
    });
  }

  /** One attempt of acquire(), without waiting (a simulation drives it on its own clock). */
  tryAcquire(
    estimatedTokens: number,
  ): Permit | { readonly abort: boolean; readonly waitMs: number; readonly full: boolean } {
    return this.critical(() => this.tryTake(estimatedTokens));
  }

  /**
   * How long the last `x-ratelimit-*` headers hold the next request back (under the lock): none while the budget they
   * reported covers what started since; then the time the budget takes to refill by what is missing (reset ÷ the
   * part of the limit used, per unit, when the limit is known), at most until the reset.
   */
  private headerWait(t: number, cost: number): number {
    const f = this.f;
    const one = (at: number, remaining: number, reset: number, limit: number, used: number, need: number): number => {
      if (f[at]! === 0) return 0;
      const missing = f[used]! + need - f[remaining]!;
      if (missing <= 0) return 0;
      let until = f[at]! + f[reset]!;
      const spent = f[limit]! - f[remaining]!;
      if (spent > 0) until = Math.min(until, f[at]! + (f[reset]! / spent) * missing);
      return until - t;
    };
    return Math.max(
      one(H_REQ_AT, H_REQ_REMAINING, H_REQ_RESET, H_REQ_LIMIT, H_REQ_USED, 1),
      one(H_TOK_AT, H_TOK_REMAINING, H_TOK_RESET, H_TOK_LIMIT, H_TOK_USED, cost),
    );
  }

  /** A permit, or how long to wait (and whether for a free slot), or abort when the breaker is open. Under the lock. */
  private tryTake(
    estimatedTokens: number,
  ): Permit | { readonly abort: boolean; readonly waitMs: number; readonly full: boolean } {
    const f = this.f;
    const t = this.clock();
    // However slowly 429s make requests go, an endpoint that answers nothing else stops the campaign in time.
    this.checkRateLimitBreaker(t);
    if (f[OPEN] === 1) return { abort: true, waitMs: 0, full: false };
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
    wait = Math.max(wait, this.headerWait(t, cost));
    if (wait > 0) return { abort: false, waitMs: wait, full };

    f[IN_FLIGHT] = f[IN_FLIGHT]! + 1;
    f[MAX_IN_FLIGHT] = Math.max(f[MAX_IN_FLIGHT]!, f[IN_FLIGHT]!);
    f[STARTED] = f[STARTED]! + 1;
    if (interval > 0) f[REQ_TAT] = Math.max(f[REQ_TAT]!, t) + interval;
    if (tokInterval > 0) f[TOK_TAT] = Math.max(f[TOK_TAT]!, t) + cost * tokInterval;
    f[H_REQ_USED] = f[H_REQ_USED]! + 1;
    f[H_TOK_USED] = f[H_TOK_USED]! + cost;
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
function waitAsync(
  words: Int32Array,
  index: number,
  value: number,
  timeoutMs: number,
): { async: false } | { async: true; value: Promise<unknown> } {
  return (Atomics as unknown as { waitAsync: typeof waitAsync }).waitAsync(words, index, value, timeoutMs);
}
