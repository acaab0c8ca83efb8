import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineFixture } from '../testing/engine-fixture.js';
import { swapTable } from '../testing/swap-table-perturbation.js';
import { abs } from './abs.js';
import { OneEditSweep, representatives } from './one-edit-sweep.js';

const typos = swapTable({ great: ['grat', 'gerat', 'greta'], good: ['godo', 'goood'] }, 'typo');

test(
  'representatives: one candidate per interchangeable family at a word, the first in text order; ' + 'others all kept',
  async () => {
    const f = await engineFixture({
      text: 'great',
      groundTruth: 'positive',
      perturbations: [typos, swapTable({ great: ['fine', 'lovely'] })],
    });
    const kids = f.ctx.expand(f.ctx.original.text, 0);
    assert.deepEqual(
      representatives(kids, new Set(['typo'])).map((k) => k.word(0)),
      ['fine', 'gerat', 'lovely'],
    );
    assert.equal(representatives(kids, new Set()).length, 5);
  },
);

test('sweep: asks about one typo per word, probes first, and stops at the first one-edit flip', async () => {
  const synonyms = swapTable({ good: ['terrible terrible'], food: ['meal'] });
  const f = await engineFixture({
    text: 'The food was great and the dessert was good.',
    groundTruth: 'positive',
    perturbations: [typos, synonyms],
  });
  const sweep = new OneEditSweep(f.ctx, { interchangeable: new Set(['typo']) });
  const flip = await sweep.main();
  assert.equal(flip?.text.text, 'The food was great and the dessert was terrible terrible.');
  // The original, the two typo probes (one per word), then the swap at "good", whose probe moved the score, before
  // "meal" at "food", whose word has no probe that moved anything.
  assert.deepEqual(f.target.sent.slice(1), [
    'The food was gerat and the dessert was good.',
    'The food was great and the dessert was godo.',
    'The food was great and the dessert was terrible terrible.',
  ]);
});

test('sweep: the surrogate orders the probes; what it cannot tell from what was asked waits for rest()', async () => {
  const synonyms = swapTable({ food: ['meal'] });
  const f = await engineFixture({
    text: 'The food was great and the dessert was good.',
    groundTruth: 'positive',
    perturbations: [typos, synonyms],
  });
  const sweep = new OneEditSweep(f.ctx, {
    interchangeable: new Set(['typo']),
    predict: (c) => (c.text.includes('godo') ? 1 : 0),
    // A surrogate that never saw "meal" or "food": to it, the swap looks like the original.
    view: (t) => t.words.filter((w) => !['food', 'meal'].includes(w)).join(' '),
  });
  assert.equal(await sweep.main(), undefined);
  assert.deepEqual(f.target.sent.slice(1), [
    'The food was great and the dessert was godo.',
    'The food was gerat and the dessert was good.',
  ]);
  assert.equal(sweep.known().get(1)?.[0]?.answer, f.ctx.original, "the deferred swap stands on the original's answer");
  assert.equal(await sweep.rest(), undefined);
  assert.equal(f.target.sent.at(-1), 'The meal was great and the dessert was good.');
  assert.deepEqual(
    sweep.result().order.map((id) => f.ctx.original.text.words[id]),
    ['great', 'good', 'food'],
  );
});

test('abs: a one-edit flip anywhere is reported as one edit, where the previous default settled on three', async () => {
  // Positive by great 2 + good 1 + tasty 1. "dessert" matters nothing alone by deletion, but its swap flips the text.
  const table = { great: ['fine'], good: ['bad'], tasty: ['bad'], dessert: ['terrible terrible terrible'] };
  const run = async (options: Record<string, unknown>) => {
    const f = await engineFixture({
      text: 'The food was great, the dessert good and tasty.',
      groundTruth: 'positive',
      perturbations: [swapTable(table)],
    });
    return (await abs(options).search(f.ctx)).text.edits.length;
  };
  assert.equal(await run({}), 1);
  assert.equal(await run({ ranking: 'delete', interchangeable: [] }), 3);
});
