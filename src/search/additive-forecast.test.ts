import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Constraint } from '../core/constraint.js';
import { engineFixture } from '../testing/engine-fixture.js';
import { swapTable } from '../testing/swap-table-perturbation.js';
import { forecastComposite, type Known } from './additive-forecast.js';
import { leadOf } from './lead.js';
import { OneEditSweep } from './one-edit-sweep.js';

const text = 'The food was great, the dessert good and tasty.';

async function sweptFixture(
  perturbations: Parameters<typeof engineFixture>[0]['perturbations'],
  constraints: Constraint[] = [],
) {
  const f = await engineFixture({ text, groundTruth: 'positive', perturbations, constraints });
  const sweep = new OneEditSweep(f.ctx, { interchangeable: new Set() });
  assert.equal(await sweep.main(), undefined);
  return { f, known: sweep.known() as ReadonlyMap<number, readonly Known[]> };
}

test('forecast: for a target additive in log-odds, a composite answers exactly as forecast', async () => {
  // The keyword target's lead is 2 * (sum of lexicon values) + 0.1: great 2, good 1, tasty 1.
  const { f, known } = await sweptFixture([swapTable({ great: ['fine'], good: ['decent'], tasty: ['savory'] })]);
  const best = forecastComposite(f.ctx, known, 'best');
  assert.deepEqual(
    best.text.edits.map((e) => e.to),
    ['fine', 'decent', 'savory'],
  );
  assert.deepEqual(
    best.steps.map((s) => s.lead.toFixed(6)),
    ['5.100000', '3.100000', '1.100000'],
  );
  const [real] = await f.ctx.evaluate([best.text]);
  assert.ok(Math.abs(leadOf(f.ctx, real!) - best.lead) < 1e-9);
});

test('forecast: `best` skips an edit that would widen the lead; `movers` takes it', async () => {
  const { f, known } = await sweptFixture([swapTable({ great: ['fine'], good: ['lovely'] })]);
  assert.deepEqual(
    forecastComposite(f.ctx, known, 'best').text.edits.map((e) => e.to),
    ['fine'],
  );
  assert.deepEqual(
    forecastComposite(f.ctx, known, 'movers').text.edits.map((e) => e.to),
    ['fine', 'lovely'],
  );
});

test('forecast: a word whose best edit is blocked by an earlier one (a typo cap) gets its next edit', async () => {
  const oneTypo: Constraint = {
    name: 'one-typo',
    allowsCandidate: (c) => c.edits.filter((e) => e.family === 'typo').length <= 1,
  };
  const perturbations = [swapTable({ great: ['grat'], good: ['godo'] }, 'typo'), swapTable({ good: ['fine'] })];
  const { f, known } = await sweptFixture(perturbations, [oneTypo]);
  // Alone, "godo" (good gone) beats "fine" (good for fine); with "grat" in, only "fine" is still on offer.
  assert.deepEqual(
    forecastComposite(f.ctx, known, 'best').text.edits.map((e) => e.to),
    ['grat', 'fine'],
  );
});
