import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttackText } from '../core/attack-text.js';
import type { SearchContext } from '../core/search.js';
import { engineFixture } from '../testing/engine-fixture.js';
import { swapTable } from '../testing/swap-table-perturbation.js';
import { rankWords } from './word-importance.js';

const text = 'The food was great and the dessert was good.';
const table = { great: ['fine', 'lovely'], good: ['bad', 'decent'], food: ['meal'] };

function batches(ctx: SearchContext): { ctx: SearchContext; sizes: number[] } {
  const sizes: number[] = [];
  return { sizes, ctx: { ...ctx, evaluate: (t: readonly AttackText[]) => (sizes.push(t.length), ctx.evaluate(t)) } };
}

test('rankWords: leave-one-out probes only words with candidates, in one batch', async () => {
  const f = await engineFixture({ text, groundTruth: 'positive', perturbations: [swapTable(table)] });
  const b = batches(f.ctx);
  const r = await rankWords(b.ctx, 'delete');
  assert.deepEqual(b.sizes, [3]);
  const words = r.order.map((id) => f.ctx.original.text.words[id]);
  assert.deepEqual(words, ['great', 'good', 'food']); // deleting "great" (+2) helps the attack most
  assert.equal(r.children.get(r.order[0]!)!.length, 2);
});

test('rankWords: probeAll also probes words without candidates (TextAttack)', async () => {
  const f = await engineFixture({ text, groundTruth: 'positive', perturbations: [swapTable(table)] });
  const r = await rankWords(f.ctx, 'unk', { probeAll: true });
  assert.equal(r.order.length, f.ctx.original.text.length);
});

test('rankWords: weighted saliency scores every swap in one more batch, weights by the best swap score, reports a success', async () => {
  const f = await engineFixture({ text, groundTruth: 'positive', perturbations: [swapTable(table)] });
  const b = batches(f.ctx);
  const r = await rankWords(b.ctx, 'weighted-saliency');
  assert.deepEqual(b.sizes, [3, 5]);
  // good -> bad swings the keyword score by 2 (a flip only together with great); great -> fine by 1.5.
  assert.equal(f.ctx.original.text.words[r.order[0]!], 'good');
  assert.equal(r.success, undefined);
  const flip = await engineFixture({ text, groundTruth: 'positive', perturbations: [swapTable({ great: ['terrible'] })] });
  const s = await rankWords(flip.ctx, 'weighted-saliency');
  assert.equal(s.success?.text.text, 'The food was terrible and the dessert was good.');
});

test('rankWords: random ranking costs no query and follows the seed', async () => {
  const f = await engineFixture({ text, groundTruth: 'positive', perturbations: [swapTable(table)] });
  const g = await engineFixture({ text, groundTruth: 'positive', perturbations: [swapTable(table)] });
  const a = await rankWords(f.ctx, 'random');
  assert.equal(f.evaluator.uniqueQueries, 1);
  assert.deepEqual(a.order, (await rankWords(g.ctx, 'random')).order);
});
