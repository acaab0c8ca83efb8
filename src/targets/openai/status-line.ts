/**
 * @module The status line of an `openai:` campaign: what its requests wait on, read in the main thread from the
 * limiter every worker shares.
 */
import type { OpenAIShared } from './endpoint.js';
import { Limiter } from './limiter.js';
import { LogprobsNotice } from './logprobs-notice.js';

export function limiterStatusLine(shared: OpenAIShared): () => string | null {
  const limiter = new Limiter(shared.buffer, shared.endpoint);
  const notice = shared.logprobs === undefined ? null : new LogprobsNotice(shared.logprobs, shared.endpoint);
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
            ? `waiting on 429 retries (${Math.round(s.rateLimitedShare * 100)}% of recent answers${held(s.holding)})`
            : null;
    const cap = Number.isFinite(s.rateCap) ? `, ${Math.round(s.rateCap)}/min cap` : '';
    const logprobs = notice?.state() ?? 'ok';
    const note = logprobs === 'ok' ? '' : `, logprobs ${logprobs} (output-distance signal)`;
    const failed = `${s.failures} failed${note}`;
    const counts = `endpoint ${s.inFlight} in flight${cap}, ${s.rateLimited} rate-limited, ${failed}`;
    return waiting === null ? counts : `${counts}, ${waiting}`;
  };
}

function held(holding: boolean): string {
  return holding ? ', rate held: the 429s do not depend on it' : '';
}
