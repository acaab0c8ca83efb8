import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineFixture } from '../testing/engine-fixture.js';
import { contractTable, runSearchContract } from '../testing/search-contract.js';
import { swapTable } from '../testing/swap-table-perturbation.js';
import { randomSearch } from './random.js';

runSearchContract('random', () => randomSearch());
runSearchContract('random (two edits at most, small batches)', () => randomSearch({ maxEdits: 2, batchSize: 3 }));

const hard = 'The food was great, the dessert was good and tasty, the service was great.';

test('random: requests at most `samples` texts, in batches of batchSize', async () => {
  const f = await engineFixture({ text: hard, groundTruth: 'positive', perturbations: [swapTable(contractTable)] });
  await randomSearch({ samples: 40, batchSize: 10 }).search(f.ctx);
  assert.ok(f.evaluator.queries - 1 <= 40, `${f.evaluator.queries - 1} requested besides the original`);
  assert.ok(f.target.calls >= 2 && f.target.calls <= 1 + 4);
});

test('random: paths are no longer than maxEdits', async () => {
  const f = await engineFixture({ text: hard, groundTruth: 'positive', perturbations: [swapTable(contractTable)] });
  await randomSearch({ samples: 60, maxEdits: 2 }).search(f.ctx);
  const changed = (t: string) => {
    const a = hard.split(' ');
    const b = t.split(' ');
    return a.filter((w, k) => w !== b[k]).length;
  };
  for (const t of f.target.sent.slice(1)) assert.ok(changed(t) >= 1 && changed(t) <= 2, t);
});

test('random: options are checked', () => {
  assert.throws(() => randomSearch({ samples: 0 }), /samples/);
  assert.throws(() => randomSearch({ maxEdits: 1.5 }), /maxEdits/);
});
