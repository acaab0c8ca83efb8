/**
 * @module Contract every search method must meet, run by each method's own test: finds an easy flip, is
 * deterministic, respects the query budget, and never evaluates a text that breaks a constraint.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Constraint } from '../core/constraint.js';
import type { SearchMethod } from '../core/search.js';
import { engineFixture } from './engine-fixture.js';
import { swapTable } from './swap-table-perturbation.js';

export const contractTable = {
  great: ['fine', 'grand', 'lovely'],
  good: ['fine', 'decent'],
  food: ['meal', 'dish'],
  service: ['staff'],
  tasty: ['fine', 'savory'],
};

// Positive by 2 + 1 + 1 = 4; flipping it needs several edits (great->fine, good->fine/decent, tasty->savory).
const easy = 'The food was great and the dessert was good.';
const hard = 'The food was great, the dessert was good and tasty, the service was great.';

export function runSearchContract(name: string, make: () => SearchMethod): void {
  test(`${name}: finds a flip that exists`, async () => {
    const lexicalNeg = { ...contractTable, great: ['bad'] };
    const f = await engineFixture({ text: easy, groundTruth: 'positive', perturbations: [swapTable(lexicalNeg)] });
    const found = await make().search(f.ctx);
    assert.equal(found.succeeded, true);
    assert.equal(found.prediction.label, 'negative');
  });

  test(`${name}: reports failure with the best text when no flip exists`, async () => {
    const f = await engineFixture({ text: hard, groundTruth: 'positive', perturbations: [swapTable(contractTable)] });
    const found = await make().search(f.ctx);
    assert.equal(found.succeeded, false);
    assert.ok(found.score >= f.ctx.original.score);
  });

  test(`${name}: same seed, same path and result`, async () => {
    const run = async () => {
      const f = await engineFixture({ text: hard, groundTruth: 'positive', perturbations: [swapTable(contractTable)] });
      const found = await make().search(f.ctx);
      return { text: found.text.text, sent: f.target.sent };
    };
    assert.deepEqual(await run(), await run());
  });

  test(`${name}: never sends more texts than the budget`, async () => {
    for (const maxQueries of [1, 3, 7]) {
      const f = await engineFixture({
        text: hard,
        groundTruth: 'positive',
        perturbations: [swapTable(contractTable)],
        maxQueries,
      });
      await make().search(f.ctx);
      assert.ok(f.evaluator.uniqueQueries <= maxQueries, `${f.evaluator.uniqueQueries} > ${maxQueries}`);
      assert.equal(f.ctx.exhausted(), true);
    }
  });

  test(`${name}: every evaluated candidate satisfies the constraints`, async () => {
    const noFood: Constraint = {
      name: 'no-food',
      allowsIndex: (t, i) => t.word(i).toLowerCase() !== 'food',
      allowsCandidate: (c) => !c.edits.some((e) => e.to === 'grand'),
    };
    const f = await engineFixture({
      text: hard,
      groundTruth: 'positive',
      perturbations: [swapTable(contractTable)],
      constraints: [noFood],
    });
    await make().search(f.ctx);
    const probes = f.target.sent.filter((t) => !t.includes('[UNK]') && !/\s{2}|^\s|\s[,.]/.test(t));
    assert.ok(probes.length > 1);
    for (const t of probes) {
      assert.ok(t.includes('food'), `edited a protected word: ${t}`);
      assert.ok(!t.includes('grand'), `evaluated a rejected candidate: ${t}`);
    }
  });
}
