/**
 * @module The `x-ratelimit-*` headers OpenAI-style APIs send with every answer: how many requests and tokens the
 * endpoint still allows (`remaining`), out of how many (`limit`), and when its budget is whole again (`reset`, a Go
 * duration such as "1s", "6m0s", "20ms"). The limiter paces by them exactly instead of discovering the limit by 429s.
 */

export interface Budget {
  readonly limit: number | null;
  readonly remaining: number;
  /** Until the budget is whole again, ms from the answer. */
  readonly resetMs: number;
}

export interface RateLimitHeaders {
  readonly requests: Budget | null;
  readonly tokens: Budget | null;
}

/** Longest reset honoured (a misconfigured server must not stall a campaign for hours), as for retry-after. */
const MAX_RESET_MS = 300_000;

export function readRateLimitHeaders(headers: Headers | undefined): RateLimitHeaders | null {
  if (headers === undefined) return null;
  const requests = budget(headers, 'requests');
  const tokens = budget(headers, 'tokens');
  return requests === null && tokens === null ? null : { requests, tokens };
}

function budget(headers: Headers, kind: 'requests' | 'tokens'): Budget | null {
  const remaining = Number.parseFloat(headers.get(`x-ratelimit-remaining-${kind}`) ?? '');
  const resetMs = parseDuration(headers.get(`x-ratelimit-reset-${kind}`) ?? '');
  if (!Number.isFinite(remaining) || remaining < 0 || resetMs === null) return null;
  const limit = Number.parseFloat(headers.get(`x-ratelimit-limit-${kind}`) ?? '');
  return {
    limit: Number.isFinite(limit) && limit > 0 ? limit : null,
    remaining,
    resetMs: Math.min(resetMs, MAX_RESET_MS),
  };
}

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

/** A Go duration ("1s", "6m0s", "20ms", "1h2m3.5s") or a bare number of seconds, in ms; null when unreadable. */
export function parseDuration(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Number.parseFloat(s) * 1000;
  const parts = [...s.matchAll(/(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== s) return null;
  return parts.reduce((ms, p) => ms + Number.parseFloat(p[1]!) * UNIT_MS[p[2]!]!, 0);
}
