/** `quiver serve`'s server over real HTTP (fetch, no SDK): routes, answer styles, the input marker, injected faults. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTarget } from '../targets/index.js';
import { serveWink } from '../targets/openai/fixtures/serve.js';
import { plainDecimal } from './answer.js';

const user = (content: unknown) => ({
  model: 'local-wink',
  messages: [
    { role: 'system', content: 'You classify.' },
    { role: 'user', content },
  ],
});

// biome-ignore lint/suspicious/noExplicitAny: the tests read the response's fields freely; the asserts are the checks.
async function post(url: string, body: unknown): Promise<{ status: number; headers: Headers; json: any }> {
  const res = await fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

test('serve: /v1/models, and errors in OpenAI format for unknown models, streams, bad JSON and routes', async () => {
  const server = await serveWink();
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const models = (await (await fetch(`${server.url}/models`)).json()) as { data: { id: string }[] };
    assert.deepEqual(
      models.data.map((m) => m.id),
      ['local-wink'],
    );
    assert.equal(
      (await post(server.url, { ...user('hi'), model: 'local:wink' })).status,
      200,
      'the spec is accepted too',
    );
    const unknown = await post(server.url, { ...user('hi'), model: 'gpt-4o' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.code, 'model_not_found');
    assert.equal((await post(server.url, { ...user('hi'), stream: true })).status, 400);
    const bad = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: '{nope' });
    assert.equal(bad.status, 400);
    assert.equal((await fetch(`${server.url}/embeddings`)).status, 404);
  } finally {
    await server.close();
  }
});

test('serve: a malformed message list is a 400 that says which message is wrong, never a 500', async () => {
  const server = await serveWink();
  try {
    const cases: [unknown, RegExp][] = [
      [[null], /^'messages\[0\]' must be an object with a string 'role'/],
      [[{ role: 'user', content: 'ok' }, 7], /^'messages\[1\]' must be an object/],
      [[{ content: 'no role' }], /^'messages\[0\]' must be an object with a string 'role'/],
      [[{ role: 'user', content: 42 }], /^'messages\[0\]\.content' must be a string, a list of content parts or null/],
      [[{ role: 'user', content: [null] }], /^'messages\[0\]\.content\[0\]' must be a content part object/],
      [[], /^'messages' must not be empty/],
    ];
    for (const [messages, message] of cases) {
      const r = await post(server.url, { model: 'local-wink', messages });
      assert.equal(r.status, 400, JSON.stringify(messages));
      assert.equal(r.json.error.type, 'invalid_request_error');
      assert.match(r.json.error.message, message);
    }
    assert.equal(server.stats().byStatus['500'], undefined);
  } finally {
    await server.close();
  }
});

test('serve: the answer style follows the request (auto); local model probabilities at full precision', async () => {
  const server = await serveWink();
  try {
    const text = 'Great phone, highly recommended.';
    const [want] = await (await createTarget('local:wink')).predict([text]);
    const prompt = `Classify. Text: ${text}`;

    const label = await post(server.url, user(prompt));
    assert.equal(label.json.choices[0].message.content, 'positive');
    assert.equal(label.json.choices[0].logprobs, null);
    assert.ok(label.json.usage.prompt_tokens > 0);

    const lp = await post(server.url, { ...user(prompt), logprobs: true, top_logprobs: 5, max_tokens: 1 });
    const first = lp.json.choices[0].logprobs.content[0];
    assert.equal(first.token, 'positive');
    assert.deepEqual(
      first.top_logprobs.map((t: { token: string }) => t.token),
      ['positive', 'negative'],
    );
    assert.ok(Math.abs(Math.exp(first.top_logprobs[0].logprob) - want!.scores.positive!) < 1e-15);

    const json = await post(server.url, { ...user(prompt), response_format: { type: 'json_object' } });
    assert.deepEqual(JSON.parse(json.json.choices[0].message.content), { label: 'positive', scores: want!.scores });

    const aorta = await post(server.url, user(`Output [negative]+[score],[positive]+[score]. Text: ${text}`));
    assert.equal(
      aorta.json.choices[0].message.content,
      `[negative]+${want!.scores.negative},[positive]+${want!.scores.positive}`,
    );

    const cut = await post(server.url, { ...user(prompt), response_format: { type: 'json_object' }, max_tokens: 2 });
    assert.equal(cut.json.choices[0].finish_reason, 'length');
    assert.equal(cut.json.choices[0].message.content.length, 8);
  } finally {
    await server.close();
  }
  const rounded = await serveWink({ answer: 'aorta', decimals: 3 });
  try {
    const r = await post(rounded.url, user('Text: Terrible service, never again.'));
    assert.match(r.json.choices[0].message.content, /^\[negative\]\+0\.\d{3},\[positive\]\+0\.\d{3}$/);
  } finally {
    await rounded.close();
  }
  assert.equal(plainDecimal(1.5e-7), '0.00000015');
  assert.equal(Number(plainDecimal(1.2345678901234566e-9)), 1.2345678901234566e-9);
  assert.equal(plainDecimal(0.25), '0.25');
  assert.equal(plainDecimal(1), '1.0');
});

test('serve: only the text after the marker is classified (the whole message without one; content parts)', async () => {
  const server = await serveWink({ answer: 'json' });
  try {
    const score = async (content: unknown) =>
      JSON.parse((await post(server.url, user(content))).json.choices[0].message.content).scores.positive;
    const [awful] = await (await createTarget('local:wink')).predict(['awful']);
    // The instructions are positive words; the text after "Text:" is what counts.
    assert.equal(await score('Be great, wonderful and excellent. Text: awful'), awful!.scores.positive);
    assert.equal(await score('awful'), awful!.scores.positive);
    assert.equal(
      await score([
        { type: 'text', text: 'Be lovely. Text:' },
        { type: 'text', text: 'awful' },
      ]),
      awful!.scores.positive,
    );
  } finally {
    await server.close();
  }
});

test('serve: injected 429s carry retry-after, 500s and dropped connections happen at the asked rates', async () => {
  const limited = await serveWink({ rateLimitRpm: 60 });
  try {
    assert.equal((await post(limited.url, user('hi'))).status, 200);
    const r = await post(limited.url, user('hi'));
    assert.equal(r.status, 429);
    assert.equal(r.json.error.code, 'rate_limit_exceeded');
    const ms = Number(r.headers.get('retry-after-ms'));
    assert.ok(ms > 900 && ms <= 1000, `retry-after-ms ${ms}`);
    assert.equal(r.headers.get('retry-after'), '1');
  } finally {
    await limited.close();
  }
  const faulty = await serveWink({ errorRate: 0.3, dropRate: 0.2, seed: 1 });
  try {
    let errors = 0;
    let drops = 0;
    for (let i = 0; i < 100; i++) {
      try {
        const r = await post(faulty.url, user('hi'));
        if (r.status === 500) errors++;
        else assert.equal(r.status, 200);
      } catch {
        drops++;
      }
    }
    assert.ok(errors >= 15 && errors <= 45, `${errors} 500s`);
    assert.ok(drops >= 8 && drops <= 35, `${drops} drops`);
    assert.equal(faulty.stats().dropped, drops);
  } finally {
    await faulty.close();
  }
});

test('serve: 64 concurrent requests with 200 ms latency are served in parallel; noise flips at its rate', async () => {
  const server = await serveWink({ latencyMs: 200 });
  try {
    const started = performance.now();
    const all = await Promise.all(Array.from({ length: 64 }, () => post(server.url, user('Text: great'))));
    const elapsed = performance.now() - started;
    assert.ok(all.every((r) => r.status === 200));
    assert.equal(server.stats().maxInFlight, 64);
    assert.ok(elapsed < 1000, `64 requests took ${Math.round(elapsed)} ms`);
  } finally {
    await server.close();
  }
  const noisy = await serveWink({ noise: 0.5, seed: 3 });
  try {
    let flipped = 0;
    for (let i = 0; i < 200; i++)
      if ((await post(noisy.url, user('Text: great and wonderful'))).json.choices[0].message.content === 'negative')
        flipped++;
    // Half the answers are random, half of those negative.
    assert.ok(flipped > 25 && flipped < 75, `${flipped} of 200 flipped`);
  } finally {
    await noisy.close();
  }
});

test('serve: --rate-limit-share answers 429 to that share at any rate; --rate-limit-rpm sets x-ratelimit', async () => {
  const all = await serveWink({ rateLimitShare: 1 });
  try {
    for (let i = 0; i < 5; i++) {
      const r = await post(all.url, user('hi'));
      assert.equal(r.status, 429);
      assert.equal(r.headers.get('retry-after-ms'), '200');
      assert.match(r.json.error.message, /--rate-limit-share 1/);
    }
  } finally {
    await all.close();
  }
  const some = await serveWink({ rateLimitShare: 0.3, seed: 2 });
  try {
    // One at a time, far below any rate limit: still about 30 % refused.
    let limited = 0;
    for (let i = 0; i < 100; i++) if ((await post(some.url, user('hi'))).status === 429) limited++;
    assert.ok(limited >= 15 && limited <= 45, `${limited} 429s`);
  } finally {
    await some.close();
  }
  const bucket = await serveWink({ rateLimitRpm: 600 });
  try {
    const first = await post(bucket.url, user('hi'));
    assert.equal(first.status, 200);
    assert.equal(first.headers.get('x-ratelimit-limit-requests'), '10');
    assert.equal(first.headers.get('x-ratelimit-remaining-requests'), '9');
    assert.match(first.headers.get('x-ratelimit-reset-requests')!, /^\d+ms$/);
    let last = first;
    for (let i = 0; i < 12 && last.status === 200; i++) last = await post(bucket.url, user('hi'));
    assert.equal(last.status, 429);
    assert.equal(last.headers.get('x-ratelimit-remaining-requests'), '0');
  } finally {
    await bucket.close();
  }
});
