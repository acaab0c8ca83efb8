/** `quiver serve` with the bundled tasks (text models) and the word-vector embeddings, over real HTTP. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { textSimilarity } from '../nlp/text-embedding.js';
import { BUNDLED_VECTORS_PATH, loadWordVectors } from '../nlp/word-vectors.js';
import { quietServer } from '../targets/openai/fixtures/serve.js';
import { answerPolicyQuestion } from '../tasks/policy.js';
import { routeTokens } from '../tasks/route.js';
import { serveOptions } from '../cli/commands/serve.js';
import { startServer } from './server.js';
import { bundledEmbeddings, taskModels } from './task-models.js';

// biome-ignore lint/suspicious/noExplicitAny: the tests read the response's fields freely; the asserts are the checks.
async function post(url: string, path: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

const chat = (model: string, content: string) => ({
  model,
  messages: [
    { role: 'system', content: 'You help.' },
    { role: 'user', content },
  ],
});

test('serve task:all: each quiver-<task> model answers the text after the marker with its task', async () => {
  const server = await startServer(null, {
    ...quietServer,
    modelNames: [],
    textModels: taskModels('task:all'),
    embeddings: bundledEmbeddings,
  });
  try {
    const models = (await (await fetch(`${server.url}/models`)).json()) as { data: { id: string }[] };
    assert.deepEqual(
      models.data.map((m) => m.id),
      ['quiver-extract', 'quiver-route', 'quiver-policy', 'quiver-vectors'],
    );
    const prompt = (text: string) => `Answer billing questions about any refund, invoice or charge. Text: ${text}`;
    const route = await post(server.url, '/chat/completions', chat('quiver-route', prompt('My parcel never arrived')));
    assert.equal(
      route.json.choices[0].message.content,
      'shipping',
      'the instructions before the marker are not routed',
    );
    const extract = await post(
      server.url,
      '/chat/completions',
      chat('quiver-extract', prompt('Total due $42.50 by 2025-03-01, mail a@b.io')),
    );
    assert.deepEqual(JSON.parse(extract.json.choices[0].message.content), {
      amounts: [42.5],
      currency: 'USD',
      total: 42.5,
      dates: ['2025-03-01'],
      emails: ['a@b.io'],
    });
    const policy = await post(
      server.url,
      '/chat/completions',
      chat('task:policy', prompt('Can I return a gift card?')),
    );
    assert.equal(
      policy.json.choices[0].message.content,
      answerPolicyQuestion('Can I return a gift card?'),
      'the spec is accepted as a name too',
    );
    const unknown = await post(server.url, '/chat/completions', chat('local-wink', 'x'));
    assert.equal(unknown.status, 404);
    assert.match(unknown.json.error.message, /this server has quiver-extract, task:extract, quiver-route/);
  } finally {
    await server.close();
  }
});

test("serve /v1/embeddings: unit vectors, cosine is Quiver's similarity; bad models and input are errors", async () => {
  const server = await startServer(null, {
    ...quietServer,
    modelNames: [],
    textModels: taskModels('task:route'),
    embeddings: bundledEmbeddings,
  });
  try {
    const texts = ['the package arrived late', 'the parcel was delivered late', 'zzqx'];
    const r = await post(server.url, '/embeddings', { model: 'quiver-vectors', input: texts });
    assert.equal(r.status, 200);
    const [a, b, none] = (r.json.data as { embedding: number[] }[]).map((d) => d.embedding);
    const dot = a!.reduce((s, x, i) => s + x * b![i]!, 0);
    assert.ok(Math.abs(dot - textSimilarity(loadWordVectors(BUNDLED_VECTORS_PATH), texts[0]!, texts[1]!)) < 1e-6);
    assert.ok(
      none!.every((x) => x === 0),
      'no known word: the zero vector',
    );
    assert.equal((await post(server.url, '/embeddings', { model: 'text-embedding-3-small', input: 'x' })).status, 404);
    assert.equal((await post(server.url, '/embeddings', { model: 'quiver-vectors', input: [1] })).status, 400);
  } finally {
    await server.close();
  }
});

test('serve flags: task specs are checked, and an unknown task names the valid ones', async () => {
  const flags = {
    model: 'task:all',
    port: 0,
    answer: 'auto',
    inputMarker: 'Text:',
    latencyMs: 0,
    jitterMs: 0,
    errorRate: 0,
    dropRate: 0,
    rateLimitShare: 0,
    noise: 0,
    seed: 0,
  };
  assert.deepEqual(
    (await serveOptions(flags)).textModels?.map((m) => m.names[0]),
    ['quiver-extract', 'quiver-route', 'quiver-policy'],
  );
  await assert.rejects(
    () => serveOptions({ ...flags, model: 'task:summarize' }),
    /--model task:summarize: no such task; valid: task:extract, task:route, task:policy, task:all/,
  );
  await assert.rejects(() => serveOptions({ ...flags, model: 'remote:x' }), /or a bundled task/);
});

test('serve task models: asked for logprobs, each answer comes as tokens with the logprobs of its task', async () => {
  const server = await startServer(null, { ...quietServer, modelNames: [], textModels: taskModels('task:all') });
  try {
    const ask = (model: string, text: string, extra: Record<string, unknown>) =>
      post(server.url, '/chat/completions', { ...chat(model, `Route it. Text: ${text}`), ...extra });
    const ticket = 'I was charged twice, please refund the payment';
    const route = await ask('quiver-route', ticket, { logprobs: true, top_logprobs: 2 });
    const [token] = route.json.choices[0].logprobs.content;
    assert.equal(route.json.choices[0].message.content, 'billing');
    assert.deepEqual([token.token, token.logprob], [routeTokens(ticket)[0]!.token, routeTokens(ticket)[0]!.logprob]);
    assert.deepEqual(
      token.top_logprobs.map((t: { token: string }) => t.token),
      ['billing', 'general'],
    );
    assert.equal((await ask('quiver-route', ticket, {})).json.choices[0].logprobs, null, 'not asked: none');
    const policy = await ask('quiver-policy', 'Can I return a gift card?', { logprobs: true });
    const content = policy.json.choices[0].logprobs.content as { token: string; top_logprobs: unknown[] }[];
    assert.equal(content.map((t) => t.token).join(''), policy.json.choices[0].message.content);
    assert.deepEqual(content[0]!.top_logprobs, [], 'top_logprobs not asked: empty lists');
    const extract = await ask('quiver-extract', 'Total due $42.50', { logprobs: true, top_logprobs: 1 });
    assert.ok(extract.json.choices[0].logprobs.content.every((t: { logprob: number }) => t.logprob === 0));
  } finally {
    await server.close();
  }
});
