/** `task:<name>`: the bundled tasks as in-process text targets, answering what `quiver serve` answers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../core/errors.js';
import { routeTicket } from '../tasks/route.js';
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
