import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttackText } from '../core/attack-text.js';
import type { SearchContext } from '../core/search.js';
import { engineFixture } from '../testing/engine-fixture.js';
import { contractTable, runSearchContract } from '../testing/search-contract.js';
import { swapTable } from '../testing/swap-table-perturbation.js';
import { beam } from './beam.js';

runSearchContract('beam', () => beam());
runSearchContract('beam (width 1, TextAttack GreedySearch)', () => beam({ beamWidth: 1 }));

/** Records the batches a search sends through evaluate. */
function recording(ctx: SearchContext): { ctx: SearchContext; batches: AttackText[][] } {
  const batches: AttackText[][] = [];
  return {
    batches,
    ctx: {
      ...ctx,
      evaluate: (texts) => {
        batches.push([...texts]);
        return ctx.evaluate(texts);
      },
    },
  };
}

const hard = 'The food was great, the dessert was good and tasty, the service was great.';

test('beam: each step is one batch of every position of every member; members keep at most beamWidth', async () => {
  for (const width of [1, 3]) {
    const f = await engineFixture({ text: hard, groundTruth: 'positive', perturbations: [swapTable(contractTable)] });
    const r = recording(f.ctx);
    await beam({ beamWidth: width }).search(r.ctx);
    const [first, second] = r.batches;
    // Step 1: every one-edit neighbour of the original, across all positions.
    const allPositions = f.ctx.positions(f.ctx.original.text).flatMap((i) => f.ctx.expand(f.ctx.original.text, i));
    assert.deepEqual(first!.map((t) => t.text).sort(), allPositions.map((t) => t.text).sort());
    assert.ok(first!.every((t) => t.applied.length === 1));
    // Step 2: two-edit texts grown from at most `width` distinct parents.
    const parents = new Set(second!.map((t) => `${t.applied[0]!.edit.to}@${t.applied[0]!.edit.position}`));
    assert.ok(second!.every((t) => t.applied.length === 2));
    assert.ok(parents.size <= width, `${parents.size} parents for width ${width}`);
  }
});

test('beam: a wider beam reaches at least the score of a narrower one', async () => {
  const run = async (beamWidth: number) => {
    const f = await engineFixture({ text: hard, groundTruth: 'positive', perturbations: [swapTable(contractTable)] });
    return (await beam({ beamWidth }).search(f.ctx)).score;
  };
  assert.ok((await run(4)) >= (await run(1)));
});

test('beam: rejects a bad width', () => {
  assert.throws(() => beam({ beamWidth: 0 }), /beamWidth/);
});
