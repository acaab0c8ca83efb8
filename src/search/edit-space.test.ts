import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Constraint } from '../core/constraint.js';
import { rngFor } from '../core/rng.js';
import { engineFixture } from '../testing/engine-fixture.js';
import { swapTable } from '../testing/swap-table-perturbation.js';
import { Composer, drawWeighted, editKey, originalNeighbourhood } from './edit-space.js';

const table = { great: ['fine', 'grand'], good: ['decent'], food: ['meal'] };
const text = 'The food was great and the dessert was good.';

test('edit-space: a genome replays its moves through the candidate space, in order', async () => {
  const f = await engineFixture({ text, groundTruth: 'positive', perturbations: [swapTable(table)] });
  const hood = originalNeighbourhood(f.ctx);
  assert.deepEqual(
    hood.map((h) => f.ctx.original.text.words[h.anchor]),
    ['food', 'great', 'good'],
  );
  const great = hood[1]!.children.find((c) => c.text.includes('grand'))!;
  const good = hood[2]!.children[0]!;
  const composer = new Composer(f.ctx);
  const genome = [
    { anchor: hood[1]!.anchor, key: editKey(great) },
    { anchor: hood[2]!.anchor, key: editKey(good) },
  ];
  const out = composer.compose(genome);
  assert.equal(out.text.text, 'The food was grand and the dessert was decent.');
  assert.deepEqual(out.genome, genome);
  assert.equal(composer.compose(genome), out); // memoised
});

test('edit-space: a move the space no longer offers is dropped, so constraints always hold', async () => {
  const oneEdit: Constraint = { name: 'one-edit', allowsCandidate: (c) => c.applied.length <= 1 };
  const f = await engineFixture({
    text,
    groundTruth: 'positive',
    perturbations: [swapTable(table)],
    constraints: [oneEdit],
  });
  const hood = originalNeighbourhood(f.ctx);
  const genome = hood.map((h) => ({ anchor: h.anchor, key: editKey(h.children[0]!) }));
  const out = new Composer(f.ctx).compose(genome);
  assert.equal(out.text.applied.length, 1);
  assert.deepEqual(out.genome, genome.slice(0, 1));
});

test('edit-space: drawWeighted follows the weights, uniform when all are zero', () => {
  const rng = rngFor('draw');
  const counts = [0, 0, 0];
  for (let k = 0; k < 3000; k++) counts[drawWeighted(rng, [1, 0, 3])]!++;
  assert.equal(counts[1], 0);
  assert.ok(counts[2]! > 2 * counts[0]!);
  const uniform = [0, 0];
  for (let k = 0; k < 1000; k++) uniform[drawWeighted(rng, [0, 0])]!++;
  assert.ok(uniform[0]! > 400 && uniform[1]! > 400);
});
