/**
 * @module What a failed request means: retry it (transient, or paced by a 429), stop the campaign (bad key, unknown
 * model, exhausted quota: every request would fail the same way), or give up on this request only. Messages are
 * scrubbed of API keys (redact.ts): endpoints echo a masked key in 401 messages, and Quiver prints error messages
 * and writes them to results.jsonl.
 */
import { APIConnectionError, APIError } from 'openai';
import { NotChatFormatError } from './format.js';
import { redact } from './redact.js';

export type Failure =
  | { readonly kind: 'rate-limit'; readonly retryAfterMs: number | null; readonly message: string }
  | { readonly kind: 'transient'; readonly message: string }
  | { readonly kind: 'fatal'; readonly message: string }
  | { readonly kind: 'request'; readonly message: string; readonly status?: number };

/** A request the endpoint refused (4xx other than rate limits and authentication): only this request fails. */
export class RequestRefusedError extends Error {
  constructor(
    message: string,
    /** The HTTP status, when there was an answer. */
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'RequestRefusedError';
  }
}

/** Longest pause a retry-after header can impose (a misconfigured server must not stall a campaign for hours). */
const MAX_RETRY_AFTER_MS = 300_000;

export function classifyFailure(err: unknown, secret: string | undefined): Failure {
  const message = redact(err instanceof Error ? err.message : String(err), secret);
  // APIConnectionTimeoutError extends APIConnectionError: timeouts, refused and dropped connections.
  if (err instanceof APIConnectionError) return { kind: 'transient', message: `${message}${causeOf(err, secret)}` };
  // An answer that is not a chat completion (format.ts), or a JSON body cut short: a proxy or server in trouble.
  if (err instanceof NotChatFormatError) return { kind: 'transient', message };
  if (err instanceof SyntaxError)
    return { kind: 'transient', message: `the endpoint did not answer in the OpenAI chat format: ${message}` };
  if (err instanceof APIError && typeof err.status === 'number') {
    const status = err.status;
    if (status === 429) {
      if (err.code === 'insufficient_quota') return { kind: 'fatal', message };
      return { kind: 'rate-limit', retryAfterMs: retryAfterMs(err.headers), message };
    }
    if (status === 408 || status === 409 || status >= 500) return { kind: 'transient', message };
    if (status === 401 || status === 403) return { kind: 'fatal', message: `authentication failed: ${message}` };
    if (status === 404)
      return { kind: 'fatal', message: `not found (check the model name and --base-url): ${message}` };
    return { kind: 'request', message, status };
  }
  return { kind: 'request', message };
}

/** A request whose whole answer, body included, did not arrive within `--timeout-ms`: retried like a dropped one. */
export function timedOut(timeoutMs: number): Failure {
  return {
    kind: 'transient',
    message: `request timed out after ${timeoutMs} ms (--timeout-ms covers the whole answer, body included)`,
  };
}

/** `retry-after-ms` (milliseconds, OpenAI's), else `retry-after` (seconds or an HTTP date); null when absent. */
export function retryAfterMs(headers: Headers | undefined): number | null {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, MAX_RETRY_AFTER_MS);
  const raw = headers?.get('retry-after');
  if (raw === null || raw === undefined) return null;
  const secs = Number.parseFloat(raw);
  if (Number.isFinite(secs) && secs >= 0) return Math.min(secs * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.min(Math.max(0, date - Date.now()), MAX_RETRY_AFTER_MS) : null;
}

function causeOf(err: Error, secret: string | undefined): string {
  const cause = (err as { cause?: unknown }).cause;
  if (!(cause instanceof Error)) return '';
  const inner = (cause as { cause?: unknown }).cause;
  const detail = inner instanceof Error ? inner.message : cause.message;
  return detail === '' || detail === err.message ? '' : ` (${redact(detail, secret)})`;
}
