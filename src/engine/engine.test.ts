import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeywordTarget } from '../testing/keyword-target.js';
import { engineFixture } from '../testing/engine-fixture.js';
import { swapTable } from '../testing/swap-table-perturbation.js';
import { greedyWir } from '../search/greedy-wir.js';
import { Evaluator } from './evaluator.js';
import { shrinkToMinimal } from './shrink.js';
import { measureStability } from './stability.js';

test('evaluator: sends each text once, counts requests apart from sends, stops at the budget', async () => {
  const target = new KeywordTarget();
  const ev = new Evaluator(target, 3);
  await ev.predict(['a', 'b', 'a']);
  assert.deepEqual(target.sent, ['a', 'b']);
  assert.deepEqual([ev.queries, ev.uniqueQueries], [3, 2]);
  const got = await ev.predict(['b', 'c', 'd', 'e']);
  assert.equal(got.length, 2, 'prefix up to the budget: b (cached) and c');
  assert.deepEqual(target.sent, ['a', 'b', 'c']);
  assert.equal(ev.exhausted(), true);
  assert.deepEqual(await ev.predict(['a', 'z']), [(await ev.predict(['a']))[0]], 'cached texts still answer');
  await ev.requery('a');
  assert.equal(target.sent.length, 4, 'requery bypasses the cache');
});

test('shrink: removes edits the flip does not need, leaving a 1-minimal set', async () => {
  const table = { great: ['fine'], good: ['bad'], food: ['meal'], dessert: ['pudding'] };
  const f = await engineFixture({
    text: 'The food was great and the dessert was good.',
    groundTruth: 'positive',
    perturbations: [swapTable(table)],
  });
  // Build a flip with a redundant edit: food->meal and dessert->pudding change nothing, great->fine and good->bad flip.
  let t = f.ctx.original.text;
  for (const [i, w] of [
    [1, 'meal'],
    [3, 'fine'],
    [6, 'pudding'],
    [8, 'bad'],
  ] as const)
    t = t.replaceWord(i, w, 'synonym');
  const [found] = await f.ctx.evaluate([t]);
  assert.equal(found!.succeeded, true);
  const { result, minimal } = await shrinkToMinimal(f.ctx, found!);
  assert.equal(minimal, true);
  assert.equal(result.succeeded, true);
  // great (2) + good (1) needs both great->fine (.5) and good->bad (-1) to turn negative; the rest is noise.
  assert.equal(result.text.text, 'The food was fine and the dessert was bad.');
  assert.equal(result.text.applied.length, 2);
});

test('greedy + shrink on a real flip keeps only needed edits', async () => {
  const table = { great: ['fine'], good: ['decent', 'bad'], tasty: ['savory'] };
  const f = await engineFixture({
    text: 'The food was great, good and tasty.',
    groundTruth: 'positive',
    perturbations: [swapTable(table)],
  });
  const found = await greedyWir().search(f.ctx);
  assert.equal(found.succeeded, true);
  const { result } = await shrinkToMinimal(f.ctx, found);
  for (const k of result.text.applied.keys()) {
    const without = result.text.applied.map((_, j) => j).filter((j) => j !== k);
    const { AttackText } = await import('../core/attack-text.js');
    const [r] = await f.ctx.evaluate([AttackText.replay(f.ctx.original.text, result.text.applied, without)]);
    assert.equal(r!.succeeded, false, 'undoing any single edit must lose the flip');
  }
});

test('stability: share of random perturbations keeping the label, seeded', async () => {
  // Positions with candidates: food, great, good. Only great->terrible (-2 + 1) flips the label.
  const table = { great: ['fine', 'terrible'], good: ['decent'], food: ['meal'] };
  const run = async (seed: string) => {
    const f = await engineFixture({
      text: 'The food was great and good.',
      groundTruth: 'positive',
      perturbations: [swapTable(table)],
    });
    return measureStability({
      space: f.space,
      evaluator: f.evaluator,
      originalLabel: 'positive',
      samples: 20,
      maxEdits: 1,
      seedKey: seed,
    });
  };
  const a = await run('x');
  assert.deepEqual(a, await run('x'));
  assert.equal(a.samples, 20);
  assert.ok(a.stability !== null && a.stability > 0.5 && a.stability < 1, `stability ${a.stability}`);
  assert.notDeepEqual(a, await run('y'), 'another seed draws other samples');
  const none = await engineFixture({ text: 'and the', groundTruth: 'positive', perturbations: [swapTable(table)] });
  const r = await measureStability({
    space: none.space,
    evaluator: none.evaluator,
    originalLabel: 'positive',
    samples: 5,
    maxEdits: 2,
    seedKey: 'x',
  });
  assert.deepEqual(r, { stability: null, samples: 0, sent: 0 });
});
