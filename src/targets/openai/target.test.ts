/**
 * The `openai:` target over real HTTP against `quiver serve`'s server (in this process, answering with local:wink):
 * every answer mode, retries on injected faults, the response cache, the breaker, and fatal answers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CampaignAbortError } from '../../core/errors.js';
import { createTarget } from '../index.js';
import { serveWink } from './fixtures/serve.js';
import { createOpenAITarget } from './target.js';

const texts = [
  'Great phone, highly recommended.',
  'Terrible service, never again.',
  'It is a phone.',
  'Loved every minute.',
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

test('openai target: each answer mode reads the served model; aorta and json exactly, logprobs in ulps', async () => {
  const server = await serveWink();
  try {
    const local = await (await createTarget('local:wink')).predict(texts);
    for (const answer of ['aorta', 'json', 'logprobs', 'label']) {
      const target = await createTarget('openai:local-wink', { baseURL: server.url, answer });
      assert.equal(target.id, 'openai:local-wink');
      assert.deepEqual(target.labels, ['negative', 'positive']);
      const got = await target.predict(texts);
      got.forEach((p, i) => {
        const want = local[i]!;
        assert.equal(p.label, want.label, `${answer}: ${texts[i]}`);
        if (answer === 'label')
          assert.deepEqual(p.scores, { [want.label]: 1, [want.label === 'negative' ? 'positive' : 'negative']: 0 });
        else if (answer === 'logprobs')
          for (const l of target.labels) assert.ok(Math.abs(p.scores[l]! - want.scores[l]!) < 1e-12);
        else assert.deepEqual(p.scores, want.scores, `${answer} scores round-trip exactly`);
        assert.ok(p.usage!.promptTokens > 0 && p.usage!.completionTokens > 0);
        assert.equal(p.usage!.retries, 0);
      });
    }
    assert.equal(server.stats().completions, 4 * texts.length);
  } finally {
    await server.close();
  }
});

test('openai target: an unreadable answer is a parse failure of that example, never a label', async () => {
  const server = await serveWink({ answer: 'label' });
  try {
    const target = await createTarget('openai:local-wink', { baseURL: server.url, answer: 'aorta' });
    await assert.rejects(target.predict(texts), (e: unknown) => {
      assert.ok(e instanceof Error && !(e instanceof CampaignAbortError));
      assert.match(
        e.message,
        /^parse-failure: aorta: no "\[label\]\+score" pair for negative, positive \(answer: "positive"\)/,
      );
      return true;
    });
  } finally {
    await server.close();
  }
});

test('openai target: 500s, 429s and dropped connections are retried, and every retry is recorded', async () => {
  const server = await serveWink({
    errorRate: 0.25,
    dropRate: 0.1,
    rateLimitShare: 0.1,
    rateLimitRpm: 3000,
    latencyMs: 5,
    jitterMs: 10,
    seed: 7,
  });
  try {
    // 45 % of attempts fail here; this test is about retries, not the breaker, which one clean-clone CI run saw open
    // after 11 s without a success (unexplained; see the session notes), so the breaker waits longer than the test.
    const target = await createTarget('openai:local-wink', { baseURL: server.url, concurrency: 8, breakerMs: 60_000 });
    const many = Array.from({ length: 60 }, (_, i) => `${texts[i % texts.length]} (${i})`);
    const preds = await target.predict(many);
    assert.equal(preds.length, 60);
    const s = server.stats();
    const failed = (s.byStatus['500'] ?? 0) + (s.byStatus['429'] ?? 0) + s.dropped;
    assert.ok((s.byStatus['500'] ?? 0) > 0 && s.dropped > 0 && (s.byStatus['429'] ?? 0) > 0, JSON.stringify(s));
    assert.equal(s.byStatus['200'], 60);
    assert.equal(
      preds.reduce((n, p) => n + p.usage!.retries, 0),
      failed,
      'one recorded retry per failed attempt',
    );
  } finally {
    await server.close();
  }
});

test('openai target: the cache replays with no request; --no-cache asks again; verifying samples afresh', async () => {
  const server = await serveWink();
  const cacheDir = mkdtempSync(join(tmpdir(), 'quiver-llm-cache-'));
  try {
    const options = { baseURL: server.url, cacheDir };
    const first = await (await createTarget('openai:local-wink', options)).predict(texts);
    assert.equal(server.stats().completions, texts.length);
    assert.equal(filesUnder(cacheDir).length, texts.length);

    const replay = await createTarget('openai:local-wink', options);
    const second = await replay.predict(texts);
    assert.equal(server.stats().completions, texts.length, 'no request on replay');
    assert.deepEqual(
      second.map((p) => [p.label, p.scores]),
      first.map((p) => [p.label, p.scores]),
    );
    assert.deepEqual(second[0]!.usage, { promptTokens: 0, completionTokens: 0, costUsd: 0, latencyMs: 0, retries: 0 });

    // Verification re-queries (fresh) are new samples the first time, and replayed in order on a re-run.
    await replay.predict([texts[0]!], { fresh: true });
    await replay.predict([texts[0]!], { fresh: true });
    assert.equal(server.stats().completions, texts.length + 2);
    const rerun = await createTarget('openai:local-wink', options);
    await rerun.predict([texts[0]!], { fresh: true });
    await rerun.predict([texts[0]!], { fresh: true });
    assert.equal(server.stats().completions, texts.length + 2, 'fresh samples 1 and 2 replayed');

    // Another prompt is another key.
    await (await createTarget('openai:local-wink', { ...options, system: 'Be careful.' })).predict([texts[0]!]);
    assert.equal(server.stats().completions, texts.length + 3);
    await (await createTarget('openai:local-wink', { baseURL: server.url, cacheDir: null })).predict(texts);
    assert.equal(server.stats().completions, 2 * texts.length + 3, 'no cache: every text is sent');

    const entry = JSON.parse(readFileSync(filesUnder(cacheDir)[0]!, 'utf8'));
    assert.equal(entry.version, 1);
    assert.equal(entry.request.endpoint, server.url);
    assert.equal(entry.request.body.model, 'local-wink');
  } finally {
    await server.close();
  }
});

test('openai target: errors are never cached', async () => {
  const server = await serveWink({ errorRate: 1 });
  const cacheDir = mkdtempSync(join(tmpdir(), 'quiver-llm-cache-'));
  try {
    const target = await createTarget('openai:local-wink', { baseURL: server.url, cacheDir, breakerMs: 300 });
    await assert.rejects(target.predict(texts), CampaignAbortError);
    assert.deepEqual(filesUnder(cacheDir), []);
  } finally {
    await server.close();
  }
});

test('openai target: with the endpoint gone, the breaker stops the campaign in time, in every caller', async () => {
  const server = await serveWink();
  const target = createOpenAITarget('openai:local-wink', { baseURL: server.url, breakerMs: 1000 });
  await target.predict([texts[0]!]);
  await server.close();
  const started = performance.now();
  const results = await Promise.allSettled([
    target.predict(texts),
    target.predict([texts[1]!]),
    target.predict([texts[2]!]),
  ]);
  const elapsed = performance.now() - started;
  for (const r of results) {
    assert.equal(r.status, 'rejected');
    assert.ok((r as PromiseRejectedResult).reason instanceof CampaignAbortError);
  }
  const message = ((results[0] as PromiseRejectedResult).reason as Error).message;
  assert.match(
    message,
    new RegExp(`endpoint ${server.url.replace(/[./]/g, '\\$&')} keeps failing: no request succeeded for \\d+\\.\\d s`),
  );
  assert.match(message, /ECONNREFUSED/);
  assert.ok(elapsed >= 1000 && elapsed < 4000, `the breaker opened after ${Math.round(elapsed)} ms`);
  assert.equal(target.limiter.stats().breakerOpen, true);
});

test('openai target: a rejected key or unknown model stops the campaign at once; the key never shows', async () => {
  const secret = 'sk-quiver-test-DO-NOT-LEAK-0123456789';
  process.env.QUIVER_TEST_SERVER_KEY = 'sk-the-right-key-abcdefgh';
  process.env.QUIVER_TEST_WRONG_KEY = secret;
  const server = await serveWink({ requiredKey: process.env.QUIVER_TEST_SERVER_KEY });
  try {
    const wrong = await createTarget('openai:local-wink', { baseURL: server.url, apiKeyEnv: 'QUIVER_TEST_WRONG_KEY' });
    await assert.rejects(wrong.predict([texts[0]!]), (e: unknown) => {
      assert.ok(e instanceof CampaignAbortError);
      assert.match(e.message, /authentication failed: 401 Incorrect API key provided: sk-\[redacted\]/);
      assert.ok(!e.message.includes(secret) && !e.message.includes('6789') && !e.message.includes('LEAK'), e.message);
      return true;
    });
    const right = await createTarget('openai:gpt-nothing', {
      baseURL: server.url,
      apiKeyEnv: 'QUIVER_TEST_SERVER_KEY',
    });
    await assert.rejects(
      right.predict([texts[0]!]),
      /not found \(check the model name and --base-url\): 404 The model `gpt-nothing` does not exist/,
    );
    const ok = await createTarget('openai:local-wink', { baseURL: server.url, apiKeyEnv: 'QUIVER_TEST_SERVER_KEY' });
    assert.equal((await ok.predict([texts[0]!]))[0]!.label, 'positive');
  } finally {
    await server.close();
  }
  // A remote endpoint with no key is a configuration error before any request.
  delete process.env.QUIVER_TEST_UNSET_KEY;
  await assert.rejects(
    createTarget('openai:gpt-4o-mini', { baseURL: 'https://api.example.com/v1', apiKeyEnv: 'QUIVER_TEST_UNSET_KEY' }),
    /QUIVER_TEST_UNSET_KEY is not set/,
  );
});

test('openai target: an endpoint sending x-ratelimit headers is paced by them, with almost no 429', async () => {
  const server = await serveWink({ rateLimitRpm: 1200, latencyMs: 5 });
  try {
    const target = await createTarget('openai:local-wink', { baseURL: server.url, concurrency: 8, cacheDir: null });
    const many = Array.from({ length: 50 }, (_, i) => `${texts[i % texts.length]} (${i})`);
    const started = performance.now();
    assert.equal((await target.predict(many)).length, 50);
    const elapsed = performance.now() - started;
    const s = server.stats();
    // Paced by the headers: 0-4 429s in clean-clone runs; without reading them, 17.
    assert.ok((s.byStatus['429'] ?? 0) <= 8, `${s.byStatus['429']} 429s: ${JSON.stringify(s)}`);
    // 20 per second, 20 at once: 30 more need 1.5 s.
    assert.ok(elapsed >= 1200, `${Math.round(elapsed)} ms`);
  } finally {
    await server.close();
  }
});
