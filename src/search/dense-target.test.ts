import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackText } from '../core/attack-text.js';
import { rngFor } from '../core/rng.js';
import { predictionFrom, type Prediction, type Target } from '../core/target.js';
import { CandidateSpace } from '../engine/candidates.js';
import { Evaluator } from '../engine/evaluator.js';
import { createSearchContext } from '../engine/search-context.js';
import { untargetedGoal } from '../goals/untargeted.js';
import { engineFixture } from '../testing/engine-fixture.js';
import { swapTable } from '../testing/swap-table-perturbation.js';
import type { Known } from './additive-forecast.js';
import { composeByForecast, confirmHopeless, HOPELESS_LEAD, isDense } from './dense-target.js';
import { OneEditSweep } from './one-edit-sweep.js';

async function swept(
  ctx: ConstructorParameters<typeof OneEditSweep>[0],
): Promise<ReadonlyMap<number, readonly Known[]>> {
  const sweep = new OneEditSweep(ctx, { interchangeable: new Set() });
  assert.equal(await sweep.main(), undefined);
  return sweep.known();
}

const count = (t: string, w: string) => (t.match(new RegExp(`\\b${w}\\b`, 'g')) ?? []).length;

/** A target whose lead is a function of the text; not additive when `logit` is not a sum over words. */
function countingTarget(logit: (text: string) => number): Target & { sent: string[] } {
  const sent: string[] = [];
  return {
    id: 'test:counting',
    labels: ['negative', 'positive'],
    sent,
    async predict(texts): Promise<Prediction[]> {
      sent.push(...texts);
      return texts.map((t) => {
        const p = 1 / (1 + Math.exp(-logit(t)));
        return predictionFrom(['negative', 'positive'], { negative: 1 - p, positive: p });
      });
    },
  };
}

async function countingFixture(text: string, logit: (text: string) => number) {
  const target = countingTarget(logit);
  const evaluator = new Evaluator(target, Infinity);
  const original = AttackText.fromString(text);
  const goal = untargetedGoal();
  const space = new CandidateSpace(original, [swapTable({ great: ['grand'], good: ['fair'] })], [], {
    analysis: { words: [] },
    rng: (k) => rngFor(k),
  });
  const [p] = await evaluator.predict([text]);
  const ctx = createSearchContext({
    original: { text: original, prediction: p!, score: goal.score(p!, 'positive'), succeeded: false },
    groundTruth: 'positive',
    goal,
    space,
    evaluator,
    rng: rngFor('s'),
  });
  return { ctx, target };
}

test('isDense: at least 40 % of the one-edit answers moved the score', async () => {
  const f = await engineFixture({
    text: 'The food was great.',
    groundTruth: 'positive',
    perturbations: [swapTable({})],
  });
  const moved = { ...f.ctx.original, score: f.ctx.original.score + 0.1 };
  assert.equal(isDense(f.ctx, [moved, f.ctx.original]), true);
  assert.equal(isDense(f.ctx, [moved, f.ctx.original, f.ctx.original]), false);
  assert.equal(isDense(f.ctx, []), false);
});

test(
  'confirmHopeless: an additive target that no composite can flip ends after one composite, ' +
    'with the best text seen',
  async () => {
    const f = await engineFixture({
      text: 'A great, lovely, good and tasty meal.',
      groundTruth: 'positive',
      perturbations: [swapTable({ great: ['fine'], good: ['decent'] })],
    });
    const known = await swept(f.ctx);
    const before = f.target.sent.length;
    const found = await confirmHopeless(f.ctx, known);
    assert.equal(found?.succeeded, false);
    assert.deepEqual(
      found?.text.edits.map((e) => e.to),
      ['fine', 'decent'],
    );
    assert.equal(f.target.sent.length, before + 1, 'the movers composite is the same text: asked once');
  },
);

test('confirmHopeless: a composite much better than forecast (not additive) leaves the search to go on', async () => {
  // One "great" gone moves the lead from 6 to 5.5; both gone, to 2: forecast 5, answered 2.
  const { ctx, target } = await countingFixture(
    'great food and great service',
    (t) => 6 - 0.5 * (2 - count(t, 'great')) ** 3,
  );
  const known = await swept(ctx);
  assert.equal(await confirmHopeless(ctx, known), undefined);
  assert.equal(target.sent.at(-1), 'grand food and grand service');
});

test(
  'confirmHopeless: the movers composite can flip what the best one does not ' + '(a lexicon model that averages)',
  async () => {
    // Lead 2 as written; "great" gone 1.5; "good" gone 2.5 (what is left averages higher); both gone, -1.
    const leads: Record<string, number> = { '11': 2, '01': 1.5, '10': 2.5, '00': -1 };
    const { ctx } = await countingFixture(
      'great food and good service',
      (t) => leads[`${count(t, 'great')}${count(t, 'good')}`]!,
    );
    const known = await swept(ctx);
    assert.ok(1.5 > HOPELESS_LEAD, 'the best composite alone keeps the label by more than the hopeless lead');
    const found = await confirmHopeless(ctx, known);
    assert.equal(found?.succeeded, true);
    assert.equal(found?.text.text, 'grand food and fair service');
  },
);

test('composeByForecast: asks for the fewest best edits forecast to flip, and nothing else', async () => {
  const f = await engineFixture({
    text: 'The food was great and the dessert was good.',
    groundTruth: 'positive',
    perturbations: [swapTable({ great: ['bad'], good: ['bad'], food: ['meal'] })],
  });
  const known = await swept(f.ctx);
  const before = f.target.sent.length;
  const found = await composeByForecast(f.ctx, known);
  assert.equal(found?.succeeded, true);
  assert.deepEqual(
    found?.text.edits.map((e) => `${e.from}>${e.to}`),
    ['great>bad', 'good>bad'],
  );
  assert.equal(f.target.sent.length, before + 1);
});
