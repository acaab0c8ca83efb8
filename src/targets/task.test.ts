/** `task:<name>`: the bundled tasks as in-process text targets, answering what `quiver serve` answers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../core/errors.js';
import { routeTicket, routeTokens } from '../tasks/route.js';
import { createTarget } from './index.js';

test('task: answers the text after the Text: marker, as quiver serve does; a text target has no labels', async () => {
  const route = await createTarget('task:route');
  assert.deepEqual(route.labels, []);
  // The instructions talk billing; only the text after the marker is routed.
  const prompt = 'Refund, invoice and payment questions are welcome.\nText: my parcel never arrived';
  const [p] = await route.predict([prompt]);
  assert.equal(p!.output, 'shipping');
  assert.equal(p!.output, routeTicket('my parcel never arrived'));
  const [whole] = await (await createTarget('task:route', { marker: '' })).predict([prompt]);
  assert.notEqual(whole!.output, 'shipping', 'without a marker the whole message is the input');
});

test('task: an unknown task or option is a ConfigError naming the valid ones', async () => {
  await assert.rejects(
    createTarget('task:summarize'),
    (e: unknown) => e instanceof ConfigError && /task:extract, task:route, task:policy/.test(e.message),
  );
  await assert.rejects(
    createTarget('task:route', { labels: ['a'] }),
    (e: unknown) => e instanceof ConfigError && /unknown option "labels"/.test(e.message),
  );
});

test('task: asked for token logprobs, it gives the tokens quiver serve sends, spelling the output', async () => {
  const route = await createTarget('task:route');
  const prompt = 'Route this ticket.\nText: my parcel never arrived and the courier lost it';
  const [plain] = await route.predict([prompt]);
  assert.equal(plain!.tokenLogprobs, undefined, 'not asked, not given');
  const [p] = await route.predict([prompt], { tokenLogprobs: true });
  assert.equal(p!.output, 'shipping');
  assert.equal(p!.tokenLogprobs!.map((t) => t.token).join(''), p!.output);
  const expected = routeTokens('my parcel never arrived and the courier lost it').map((t) => t.logprob);
  assert.deepEqual(
    p!.tokenLogprobs!.map((t) => t.logprob),
    expected,
  );
  assert.ok(expected[0]! < 0 && expected[0]! > Math.log(0.5), 'shipping is likely, not certain');
});
