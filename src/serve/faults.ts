/**
 * @module Fault injection of `quiver serve`: a request-rate limit answered with 429 and retry-after (a token bucket
 * holding one second's worth of requests, reported in `x-ratelimit-*` headers), 429s to a share of requests whatever
 * the rate, latency with jitter, 500s, dropped connections, and noisy answers. Draws
 * come from seeded generators in request-arrival order; which request gets a fault varies with timing, but the
 * rates hold.
 */
import { rngFor, type Rng } from '../core/rng.js';
import { predictionFrom, type Prediction } from '../core/target.js';

export interface FaultOptions {
  readonly latencyMs: number;
  readonly jitterMs: number;
  readonly errorRate: number;
  readonly dropRate: number;
  readonly rateLimitRpm: number | null;
  /** Share of requests answered 429 (retry-after 200 ms) whatever the rate, as shared gateways do; 0 = none. */
  readonly rateLimitShare?: number;
  readonly noise: number;
  readonly seed: number;
  /** Answer 400 to requests asking for logprobs (`logprobs` or `top_logprobs`), as endpoints without support do. */
  readonly refuseLogprobs?: boolean;
}

export type Fault =
  | { readonly kind: 'rate-limit'; readonly retryAfterMs: number; readonly shared: boolean }
  | { readonly kind: 'none' };

/** The retry-after of `--rate-limit-share` 429s. */
export const SHARED_RETRY_AFTER_MS = 200;
export type LateFault = 'error' | 'drop' | 'none';

export class Faults {
  private readonly faultRng: Rng;
  private readonly noiseRng: Rng;
  private readonly shareRng: Rng;
  private tokens: number;
  private refilledAt: number;

  constructor(
    readonly options: FaultOptions,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.faultRng = rngFor(`quiver-serve:${options.seed}:faults`);
    this.noiseRng = rngFor(`quiver-serve:${options.seed}:noise`);
    this.shareRng = rngFor(`quiver-serve:${options.seed}:rate-limit-share`);
    this.tokens = this.capacity();
    this.refilledAt = clock();
  }

  /** Checked on arrival, like a real gateway: a limited request is refused before any work. */
  onArrival(): Fault {
    const share = this.options.rateLimitShare ?? 0;
    if (share > 0 && this.shareRng() < share)
      return { kind: 'rate-limit', retryAfterMs: SHARED_RETRY_AFTER_MS, shared: true };
    const rpm = this.options.rateLimitRpm;
    if (rpm === null) return { kind: 'none' };
    const t = this.clock();
    const perMs = rpm / 60_000;
    this.tokens = Math.min(this.capacity(), this.tokens + (t - this.refilledAt) * perMs);
    this.refilledAt = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { kind: 'none' };
    }
    return { kind: 'rate-limit', retryAfterMs: Math.ceil((1 - this.tokens) / perMs), shared: false };
  }

  /**
   * The `x-ratelimit-*-requests` headers OpenAI sends with every answer, for the bucket as it stands after this
   * arrival: its size, the whole requests left, and the time until it is full again (a Go duration, as OpenAI's).
   */
  rateLimitHeaders(): Record<string, string> {
    const rpm = this.options.rateLimitRpm;
    if (rpm === null) return {};
    const capacity = this.capacity();
    const resetMs = Math.ceil((capacity - this.tokens) / (rpm / 60_000));
    return {
      'x-ratelimit-limit-requests': String(Math.floor(capacity)),
      'x-ratelimit-remaining-requests': String(Math.max(0, Math.floor(this.tokens))),
      'x-ratelimit-reset-requests': resetMs >= 1000 ? `${resetMs / 1000}s` : `${resetMs}ms`,
    };
  }

  delayMs(): number {
    const { latencyMs, jitterMs } = this.options;
    return latencyMs + (jitterMs > 0 ? this.faultRng() * jitterMs : 0);
  }

  /** After the delay: a 500, a dropped connection, or nothing. */
  afterDelay(): LateFault {
    const { errorRate, dropRate } = this.options;
    if (errorRate === 0 && dropRate === 0) return 'none';
    const u = this.faultRng();
    if (u < dropRate) return 'drop';
    if (u < dropRate + errorRate) return 'error';
    return 'none';
  }

  /** With probability `noise`, a random answer: probabilities drawn uniformly from the simplex, label their argmax. */
  maybeNoisy(p: Prediction, labels: readonly string[]): Prediction {
    if (this.options.noise === 0 || this.noiseRng() >= this.options.noise) return p;
    const draws = labels.map(() => Math.max(1e-12, -Math.log(1 - this.noiseRng())));
    const sum = draws.reduce((a, b) => a + b, 0);
    const scores: Record<string, number> = {};
    for (const [i, l] of labels.entries()) scores[l] = draws[i]! / sum;
    return predictionFrom(labels, scores);
  }

  private capacity(): number {
    return Math.max(1, (this.options.rateLimitRpm ?? 0) / 60);
  }
}
