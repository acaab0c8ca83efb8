/**
 * The `openai:` target in `text` mode asked for token logprobs, over real HTTP against `quiver serve`'s server with
 * the bundled route task: the tokens reach the prediction, the response cache replays them, `--logprobs off` never
 * asks, and an endpoint refusing logprobs is asked again without them (and not asked again).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../serve/server.js';
import { taskModels } from '../../serve/task-models.js';
import { routeTokens } from '../../tasks/route.js';
import { quietServer } from './fixtures/serve.js';
import { createOpenAITarget } from './target.js';

const TICKET = 'I was charged twice, please refund the payment';
const serveRoute = (refuseLogprobs = false) =>
  startServer(null, { ...quietServer, modelNames: [], textModels: taskModels('task:route'), refuseLogprobs });

test('text mode: tokenLogprobs brings the answer tokens; cached; off and plain queries do not', async () => {
  const server = await serveRoute();
  const cacheDir = mkdtempSync(join(tmpdir(), 'quiver-text-logprobs-'));
  try {
    const options = { baseURL: server.url, answer: 'text', cacheDir, prompt: 'Text: {{input}}' };
    const [asked] = await createOpenAITarget('openai:quiver-route', options).predict([TICKET], { tokenLogprobs: true });
    const want = routeTokens(TICKET).map(({ token, logprob }) => ({ token, logprob }));
    assert.deepEqual([asked!.output, asked!.tokenLogprobs], ['billing', want]);
    assert.equal(server.stats().completions, 1);
    const [replayed] = await createOpenAITarget('openai:quiver-route', options).predict([TICKET], {
      tokenLogprobs: true,
    });
    assert.deepEqual(replayed!.tokenLogprobs, want, 'from the cache');
    assert.equal(server.stats().completions, 1);
    const [plain] = await createOpenAITarget('openai:quiver-route', options).predict([TICKET]);
    assert.equal(plain!.tokenLogprobs, undefined, 'not asked: another request, without logprobs');
    const off = createOpenAITarget('openai:quiver-route', { ...options, cacheDir: null, logprobs: 'off' });
    assert.equal((await off.predict([TICKET], { tokenLogprobs: true }))[0]!.tokenLogprobs, undefined);
    assert.equal(server.stats().completions, 3);
  } finally {
    await server.close();
  }
});

test('text mode: a 400 naming logprobs is retried without them, and no later query asks', async () => {
  const server = await serveRoute(true);
  try {
    const target = createOpenAITarget('openai:quiver-route', { baseURL: server.url, answer: 'text' });
    const [first] = await target.predict([TICKET], { tokenLogprobs: true });
    assert.deepEqual([first!.output, first!.tokenLogprobs], ['billing', undefined]);
    assert.deepEqual(server.stats().byStatus, { 200: 1, 400: 1 });
    await target.predict(['Where is my parcel?'], { tokenLogprobs: true });
    assert.deepEqual(server.stats().byStatus, { 200: 2, 400: 1 }, 'the refusal is remembered');
  } finally {
    await server.close();
  }
});

test('--logprobs is refused outside text mode', () => {
  assert.throws(
    () => createOpenAITarget('openai:x', { baseURL: 'http://127.0.0.1:9/v1', answer: 'label', logprobs: 'off' }),
    /--logprobs applies to --answer text/,
  );
});
