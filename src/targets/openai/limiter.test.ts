import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { CampaignAbortError } from '../../core/errors.js';
import { serveWink } from './fixtures/serve.js';
import { independentFaults, simulate, tokenBucket } from './fixtures/limiter-sim.js';
import { createLimiterBuffer, Limiter } from './limiter.js';
import { parseDuration } from './ratelimit-headers.js';

const workerFile = new URL('./fixtures/limiter-worker.ts', import.meta.url);

/** Two threads, one shared buffer (or one buffer each), started together: the labels each got, and the time taken. */
async function twoThreads(
  url: string,
  buffers: [SharedArrayBuffer, SharedArrayBuffer],
  perThread: number,
  options: Record<string, unknown>,
) {
  const workers = buffers.map((buffer, w) => {
    const texts = Array.from({ length: perThread }, (_, i) => `thread ${w} text ${i} is ${i % 2 ? 'great' : 'awful'}`);
    // A JS bootstrap that registers tsx in the thread, then imports the TypeScript worker.
    const bootstrap =
      `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { ` +
      `tsx.register(); return import(${JSON.stringify(workerFile.href)}); })`;
    const worker = new Worker(bootstrap, { eval: true, workerData: { url, buffer, texts, options } });
    const messages: unknown[] = [];
    const waiters: ((m: unknown) => void)[] = [];
    worker.on('message', (m) => (waiters.shift() ?? ((x: unknown) => messages.push(x)))(m));
    const failed = new Promise<never>((_, reject) => {
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`worker ${w} exited (${code}) without an answer`)));
    });
    const next = (): Promise<unknown> =>
      Promise.race([
        failed,
        messages.length > 0 ? Promise.resolve(messages.shift()) : new Promise((r) => waiters.push(r)),
      ]);
    return { worker, next };
  });
  for (const { next } of workers) assert.equal(await next(), 'ready');
  const started = performance.now();
  for (const { worker } of workers) worker.postMessage('go');
  const labels = (await Promise.all(workers.map(({ next }) => next()))) as string[][];
  return { labels, elapsedMs: performance.now() - started };
}

test('limiter: two worker threads sharing one buffer never exceed the concurrency cap at the server', async () => {
  const server = await serveWink({ latencyMs: 40 });
  try {
    const options = { concurrency: 3 };
    const buffer = createLimiterBuffer({ maxConcurrency: 3, rpm: null, tpm: null, breakerMs: 10_000 });
    const { labels, elapsedMs: elapsed } = await twoThreads(server.url, [buffer, buffer], 15, options);
    assert.deepEqual(
      labels.map((l) => l.length),
      [15, 15],
    );
    assert.equal(labels[0]![1], 'positive');
    assert.equal(labels[0]![0], 'negative');
    const stats = server.stats();
    assert.equal(stats.completions, 30);
    assert.equal(stats.maxInFlight, 3, `the server saw at most ${stats.maxInFlight} requests at once`);
    assert.ok(elapsed >= (30 / 3) * 40, `${elapsed} ms is too fast for 3 at a time`);
    const shared = new Limiter(buffer, server.url).stats();
    assert.equal(shared.started, 30);
    assert.equal(shared.maxInFlight, 3);

    // Control: one buffer per thread lets each thread run 3 at once, so the cap is really what the sharing enforces.
    server.resetStats();
    const own = (): SharedArrayBuffer =>
      createLimiterBuffer({ maxConcurrency: 3, rpm: null, tpm: null, breakerMs: 10_000 });
    await twoThreads(server.url, [own(), own()], 15, options);
    assert.ok(server.stats().maxInFlight > 3, `unshared limiters: ${server.stats().maxInFlight} in flight`);
  } finally {
    await server.close();
  }
});

test('limiter: requests per minute are shared across threads', async () => {
  const server = await serveWink();
  try {
    // 300 rpm = 5/s with bursts of 5: 12 requests need at least (12 - 5) / 5 = 1.4 s, shared; 0.2 s if not.
    const buffer = createLimiterBuffer({ maxConcurrency: 8, rpm: 300, tpm: null, breakerMs: 10_000 });
    const { elapsedMs: elapsed } = await twoThreads(server.url, [buffer, buffer], 6, { concurrency: 8, rpm: 300 });
    assert.ok(elapsed >= 1350, `12 requests at 300 rpm took only ${Math.round(elapsed)} ms`);
    assert.ok(elapsed < 6000, `took ${Math.round(elapsed)} ms`);
  } finally {
    await server.close();
  }
});

test('limiter: a 429 cuts the rate once per round and pauses everyone for retry-after', async () => {
  const limiter = new Limiter(
    createLimiterBuffer({ maxConcurrency: 4, rpm: null, tpm: null, breakerMs: 10_000 }),
    'http://x',
  );
  const permits = [];
  for (let i = 0; i < 4; i++) {
    permits.push(await limiter.acquire(10));
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.equal(limiter.stats().rateCap, Infinity);
  limiter.rateLimited(permits[3]!, 150);
  const cut = limiter.stats().rateCap;
  assert.ok(Number.isFinite(cut) && cut > 0 && cut < 60_000 / 5, `cap after a 429: ${cut}`);
  // A request sent before the cut brings no news: no second cut.
  limiter.rateLimited(permits[2]!, null);
  assert.equal(limiter.stats().rateCap, cut);
  const t0 = performance.now();
  const next = await limiter.acquire(10);
  assert.ok(performance.now() - t0 >= 140, 'retry-after pauses new requests');
  limiter.succeeded(next, 10);
  assert.ok(limiter.stats().rateCap > cut, 'additive increase after a success');
  assert.equal(limiter.stats().rateLimited, 2);
});

test('limiter: the breaker opens after failures with no success for breakerMs, then every acquire aborts', async () => {
  const limiter = new Limiter(
    createLimiterBuffer({ maxConcurrency: 4, rpm: null, tpm: null, breakerMs: 120 }),
    'http://x',
  );
  const fail = async (): Promise<void> => limiter.failed(await limiter.acquire(1), 'connection refused');
  await fail();
  await fail();
  await fail();
  assert.equal(limiter.isOpen(), false, 'three failures in a few ms are not an outage');
  limiter.succeeded(await limiter.acquire(1), 1);
  await new Promise((r) => setTimeout(r, 130));
  await fail();
  await fail();
  await new Promise((r) => setTimeout(r, 130));
  assert.equal(limiter.isOpen(), false, 'the streak restarted at the success');
  await fail();
  assert.equal(limiter.isOpen(), true);
  await assert.rejects(
    limiter.acquire(1),
    (e: unknown) => e instanceof CampaignAbortError && /keeps failing.*connection refused.*resume/.test(e.message),
  );
});

test('limiter: 429s at any rate (1 in 7, plus 1 in 11 500s) do not spiral the cap; a token bucket is used', () => {
  const o = { clients: 16, concurrency: 8, latencyMs: 100, durationMs: 120_000 };
  const clean = simulate(independentFaults(0, 0), o);
  const shared = simulate(independentFaults(1 / 7, 1 / 11), o);
  const ratio = shared.successRpm / clean.successRpm;
  assert.ok(
    ratio >= 0.5,
    `rate-independent 429s: ${Math.round(shared.successRpm)} vs ${Math.round(clean.successRpm)} successes/min ` +
      `unthrottled (${ratio.toFixed(2)}); cap ${Math.round(shared.minCap)}/min at its lowest`,
  );
  assert.ok(shared.rateLimited > 100, `${shared.rateLimited} 429s`);

  for (const rpm of [600, 3000]) {
    const bucket = simulate(tokenBucket(rpm), { ...o, latencyMs: 50 });
    const share = bucket.rateLimited / (bucket.successes + bucket.rateLimited);
    assert.ok(
      bucket.successRpm >= 0.95 * rpm && bucket.successRpm <= 1.05 * rpm,
      `a ${rpm}-rpm bucket: ${Math.round(bucket.successRpm)} successes/min`,
    );
    assert.ok(share < 0.3, `a ${rpm}-rpm bucket: ${(share * 100).toFixed(1)} % of answers were 429s`);
  }
});

test('limiter: x-ratelimit headers pace requests: remaining 0 waits for the reset (or one refill)', async () => {
  const limiter = new Limiter(
    createLimiterBuffer({ maxConcurrency: 4, rpm: null, tpm: null, breakerMs: 10_000 }),
    'http://x',
  );
  limiter.succeeded(await limiter.acquire(10), 10);
  limiter.observe({ requests: { limit: null, remaining: 1, resetMs: 300 }, tokens: null });
  let t0 = performance.now();
  limiter.succeeded(await limiter.acquire(10), 10);
  assert.ok(performance.now() - t0 < 100, 'one request left: it goes at once');
  t0 = performance.now();
  limiter.succeeded(await limiter.acquire(10), 10);
  assert.ok(
    performance.now() - t0 >= 290,
    `the budget is spent: wait for the reset (${Math.round(performance.now() - t0)} ms)`,
  );
  // 0 of 10 left, whole again in 1 s: one request's worth is back after 100 ms.
  limiter.observe({ requests: { limit: 10, remaining: 0, resetMs: 1000 }, tokens: null });
  t0 = performance.now();
  limiter.succeeded(await limiter.acquire(10), 10);
  const waited = performance.now() - t0;
  assert.ok(waited >= 90 && waited < 600, `waited ${Math.round(waited)} ms`);
  limiter.observe({ requests: null, tokens: { limit: null, remaining: 50, resetMs: 200 } });
  t0 = performance.now();
  limiter.succeeded(await limiter.acquire(40), 40);
  limiter.succeeded(await limiter.acquire(40), 40);
  assert.ok(performance.now() - t0 >= 190, 'not enough tokens left for the second: wait for the reset');
  assert.equal(parseDuration('6m0s'), 360_000);
  assert.equal(parseDuration('1s'), 1000);
  assert.equal(parseDuration('20ms'), 20);
  assert.equal(parseDuration('1h2m3.5s'), 3_723_500);
  assert.equal(parseDuration('soon'), null);
});

test('limiter: only 429s open the breaker after 6 × breakerMs with a message naming the 429s', () => {
  const clock = { t: 1_000_000 };
  const limiter = new Limiter(
    createLimiterBuffer({ maxConcurrency: 4, rpm: null, tpm: null, breakerMs: 100 }, clock.t),
    'http://x',
    () => clock.t,
  );
  let attempts = 0;
  for (; attempts < 10_000; attempts++) {
    const r = limiter.tryAcquire(10);
    if ('startedAt' in r) {
      clock.t += 5;
      limiter.rateLimited(r, 200);
      clock.t += 200;
    } else if (r.abort) break;
    else clock.t += Math.max(1, r.waitMs);
  }
  assert.equal(limiter.isOpen(), true);
  assert.ok(clock.t - 1_000_000 <= 6 * 100 + 1000, `opened after ${clock.t - 1_000_000} ms`);
  assert.match(
    limiter.abortError().message,
    new RegExp(
      String.raw`answers every request with 429 \(rate limited\): no request succeeded for \d+\.\d s \(\d+ ` +
        String.raw`answers in a row were 429s\)`,
    ),
  );
});
