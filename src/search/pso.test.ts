import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rngFor } from '../core/rng.js';
import { engineFixture } from '../testing/engine-fixture.js';
import { contractTable, runSearchContract } from '../testing/search-contract.js';
import { swapTable } from '../testing/swap-table-perturbation.js';
import { pso, psoSchedule, turn } from './pso.js';

runSearchContract('pso', () => pso());
runSearchContract('pso (small swarm)', () => pso({ populationSize: 3, maxIterations: 2 }));

test('pso: inertia falls from 0.8 towards 0.2 while the pull moves from the local to the global elite', () => {
  const first = psoSchedule(0, 20);
  const last = psoSchedule(19, 20);
  assert.equal(first.omega, 0.8);
  assert.equal(first.p1, 0.8);
  assert.equal(first.p2, 0.2);
  assert.ok(last.omega > 0.2 && last.omega < 0.25);
  assert.ok(last.p1 < 0.25 && last.p2 > 0.75);
});

test("pso: a turn keeps the particle's move where the draw says so, and takes the elite's elsewhere", () => {
  const elite = [
    { anchor: 1, key: 'e1' },
    { anchor: 2, key: 'e2' },
  ];
  const particle = [
    { anchor: 2, key: 'p2' },
    { anchor: 4, key: 'p4' },
  ];
  const anchors = [1, 2, 4];
  const sorted = (g: readonly { anchor: number; key: string }[]) => [...g].sort((a, b) => a.anchor - b.anchor);
  assert.deepEqual(sorted(turn(rngFor('t'), elite, particle, anchors, [1, 1, 1])), particle); // always keep
  assert.deepEqual(sorted(turn(rngFor('t'), elite, particle, anchors, [0, 0, 0])), elite); // always turn
  assert.deepEqual(sorted(turn(rngFor('t'), elite, particle, anchors, [0, 1, 0])), [
    { anchor: 1, key: 'e1' },
    { anchor: 2, key: 'p2' },
  ]);
});

test('pso: the initial swarm costs one batch over the whole neighbourhood of the original', async () => {
  const hard = 'The food was great, the dessert was good and tasty, the service was great.';
  const f = await engineFixture({
    text: hard,
    groundTruth: 'positive',
    perturbations: [swapTable(contractTable)],
    maxQueries: 1 + 13,
  });
  await pso().search(f.ctx);
  // 1 original + all 13 one-edit neighbours, then the budget is spent.
  assert.equal(f.target.calls, 2);
  assert.equal(f.evaluator.uniqueQueries, 14);
});
