import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineFixture } from '../testing/engine-fixture.js';
import { contractTable, runSearchContract } from '../testing/search-contract.js';
import { swapTable } from '../testing/swap-table-perturbation.js';
import { abfs } from './abfs.js';

runSearchContract('abfs', () => abfs());
runSearchContract('abfs (as released: no adaptive control, success at dequeue)', () =>
  abfs({ adaptiveControl: false, successCheck: 'dequeue' }),
);
runSearchContract('abfs (rank once, unk)', () => abfs({ rerank: 'once', ranking: 'unk' }));

const hard = 'The food was great, the dessert was good and tasty, the service was great.';
const isMask = (t: string) => /\s{2}|^\s|\s[,.]/.test(t);

test('abfs: ranks every dequeued node (paper), or only the original with rerank once', async () => {
  const masks = async (rerank: 'node' | 'once') => {
    const f = await engineFixture({ text: hard, groundTruth: 'positive', perturbations: [swapTable(contractTable)] });
    await abfs({ rerank }).search(f.ctx);
    return f.target.sent.filter(isMask).length;
  };
  const once = await masks('once');
  const node = await masks('node');
  const words = 6; // great, good, tasty, service, great, food: the words with candidates
  assert.equal(once, words);
  assert.ok(node > once, `${node} masks with per-node ranking`);
});

test('abfs: returns a success as soon as a child flips (paper), no later than the dequeue check (code)', async () => {
  const table = { ...contractTable, great: ['bad'] };
  const run = async (successCheck: 'child' | 'dequeue') => {
    const f = await engineFixture({
      text: 'The food was great and the dessert was good.',
      groundTruth: 'positive',
      perturbations: [swapTable(table)],
    });
    const found = await abfs({ successCheck }).search(f.ctx);
    return { found, sent: f.evaluator.uniqueQueries };
  };
  const child = await run('child');
  const dequeue = await run('dequeue');
  assert.equal(child.found.succeeded, true);
  assert.equal(dequeue.found.succeeded, true);
  assert.ok(child.sent <= dequeue.sent);
});

test('abfs: rejects unknown options', () => {
  assert.throws(() => abfs({ ranking: 'weighted' as never }), /ranking/);
  assert.throws(() => abfs({ depth: 3 } as never), /unknown option "depth"/);
});
