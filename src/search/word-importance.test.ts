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
  const evaluate = (t: readonly AttackText[]) => {
    sizes.push(t.length);
    return ctx.evaluate(t);
  };
  return { sizes, ctx: { ...ctx, evaluate } };
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

test('rankWords: weighted saliency scores all swaps in one more batch, weighs by best swap, succeeds', async () => {
  const f = await engineFixture({ text, groundTruth: 'positive', perturbations: [swapTable(table)] });
  const b = batches(f.ctx);
  const r = await rankWords(b.ctx, 'weighted-saliency');
  assert.deepEqual(b.sizes, [3, 5]);
  // good -> bad swings the keyword score by 2 (a flip only together with great); great -> fine by 1.5.
  assert.equal(f.ctx.original.text.words[r.order[0]!], 'good');
  assert.equal(r.success, undefined);
  const flip = await engineFixture({
    text,
    groundTruth: 'positive',
    perturbations: [swapTable({ great: ['terrible'] })],
  });
  const s = await rankWords(flip.ctx, 'weighted-saliency');
  assert.equal(s.success?.text.text, 'The food was terrible and the dessert was good.');
});

test("rankWords: weighted saliency is PWWS (softmax of leave-one-out x best swap), not paper's delta-p", async () => {
  // "great" matters most when left out, but its only swap (lovely, the same weight) moves nothing; "slow" -> "rude"
  // helps the attack. TextAttack multiplies the softmax by the raw swap score (0.475 for "great", the original's own
  // score), which ranks "great" first; the paper's delta-p (swap score minus the original's) gives "great" 0 and
  // ranks "slow" first. The weights are pinned too.
  const f = await engineFixture({
    text: 'The food was great but slow and cold.',
    groundTruth: 'positive',
    perturbations: [swapTable({ great: ['lovely'], slow: ['rude'] })],
  });
  const r = await rankWords(f.ctx, 'weighted-saliency');
  const words = f.ctx.original.text.words;
  assert.deepEqual(
    r.order.map((id) => words[id]),
    ['great', 'slow'],
  );
  // the keyword target's 1 - p(positive) at lexicon sum s
  const score = (s: number) => 1 - 1 / (1 + Math.exp(-2 * s - 0.1));
  const loo = { great: score(-2), slow: score(1) };
  const softmax = (w: number) => Math.exp(w) / (Math.exp(loo.great) + Math.exp(loo.slow));
  const expected = { great: softmax(loo.great) * score(0), slow: softmax(loo.slow) * score(-0.5) };
  for (const [id, w] of r.importance)
    assert.ok(Math.abs(w - expected[words[id] as 'great' | 'slow']) < 1e-12, `${words[id]}: ${w}`);
});

test('rankWords: random ranking costs no query and follows the seed', async () => {
  const f = await engineFixture({ text, groundTruth: 'positive', perturbations: [swapTable(table)] });
  const g = await engineFixture({ text, groundTruth: 'positive', perturbations: [swapTable(table)] });
  const a = await rankWords(f.ctx, 'random');
  assert.equal(f.evaluator.uniqueQueries, 1);
  assert.deepEqual(a.order, (await rankWords(g.ctx, 'random')).order);
});
