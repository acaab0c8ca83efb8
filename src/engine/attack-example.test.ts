import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rngFor } from '../core/rng.js';
import { predictionFrom, type Prediction, type Target } from '../core/target.js';
import { untargetedGoal } from '../goals/untargeted.js';
import { greedyWir } from '../search/greedy-wir.js';
import { KeywordTarget } from '../testing/keyword-target.js';
import { swapTable } from '../testing/swap-table-perturbation.js';
import { attackExample, type AttackParts } from './attack-example.js';

const example = { id: 'x', index: 0, text: 'The food was good and the staff were fine.', label: 'positive' };
const settings = { seed: 1, maxQueries: Infinity, maxPerturbRatio: 0.5, stabilitySamples: 10, verifyRepeats: 1 };

function parts(target: Target): AttackParts {
  return {
    target,
    goal: untargetedGoal(),
    perturbations: [swapTable({ good: ['bad', 'decent'], fine: ['okay'] })],
    constraints: [],
    search: greedyWir(),
    analyzer: { analyze: () => ({ words: [] }) },
  };
}

/** Answers the opposite label with probability `p` for texts containing "bad": a sampling model's noise. */
class NoisyTarget implements Target {
  readonly id = 'test:noisy';
  readonly labels = ['negative', 'positive'];
  private readonly inner = new KeywordTarget();
  private readonly rng = rngFor('noise');
  constructor(private readonly p: number) {}
  async predict(texts: readonly string[]): Promise<Prediction[]> {
    const preds = await this.inner.predict(texts);
    return preds.map((pred, i) =>
      texts[i]!.includes('bad') && this.rng() < this.p
        ? predictionFrom(this.labels, { negative: pred.scores.positive!, positive: pred.scores.negative! })
        : pred,
    );
  }
}

test('a verified flip: succeeded, shrunk, with stability and accounting', async () => {
  const r = await attackExample(parts(new KeywordTarget()), { ...settings, verifyRepeats: 3 }, example);
  assert.equal(r.status, 'succeeded');
  assert.equal(r.adversarial!.text, 'The food was bad and the staff were fine.');
  assert.deepEqual(r.edits, [{ family: 'synonym', position: 3, from: 'good', to: 'bad' }]);
  assert.deepEqual(r.verification, { repeats: 3, flipRate: 1, originalAgreement: 1 });
  assert.equal(r.flipDistance, 1);
  assert.equal(r.minimal, true);
  assert.ok(r.stability !== null && r.stability < 1);
  assert.ok(r.uniqueQueries > 0 && r.uniqueQueries <= r.queries);
});

test('--verify K on a noisy model: a flip that does not always hold fails "unstable", never a success', async () => {
  const r = await attackExample(parts(new NoisyTarget(0.4)), { ...settings, verifyRepeats: 8 }, example);
  assert.equal(r.status, 'failed');
  assert.equal(r.reason, 'unstable');
  assert.ok(r.verification!.flipRate > 0 && r.verification!.flipRate < 1, JSON.stringify(r.verification));
  assert.ok(r.adversarial !== null);
});

test('a flip that never reproduces is failed "unverified"', async () => {
  let calls = 0;
  const flaky: Target = {
    id: 'test:flaky',
    labels: ['negative', 'positive'],
    async predict(texts) {
      calls++;
      const inner = await new KeywordTarget().predict(texts);
      // After the search (first 3 calls) the model no longer flips anything.
      return calls > 3
        ? texts.map(() => predictionFrom(['negative', 'positive'], { negative: 0.1, positive: 0.9 }))
        : inner;
    },
  };
  const r = await attackExample(parts(flaky), { ...settings, stabilitySamples: 0 }, example);
  assert.equal(r.status, 'failed');
  assert.equal(r.reason, 'unverified');
});

test('a target that throws makes the record errored with its message', async () => {
  const broken: Target = {
    id: 'test:broken',
    labels: ['negative', 'positive'],
    predict: async () => {
      throw new Error('model on fire');
    },
  };
  const r = await attackExample(parts(broken), settings, example);
  assert.equal(r.status, 'errored');
  assert.equal(r.reason, 'model on fire');
});

test('already-wrong examples are skipped without a search', async () => {
  const target = new KeywordTarget();
  const r = await attackExample(parts(target), settings, { ...example, label: 'negative' });
  assert.equal(r.status, 'skipped');
  assert.equal(target.calls, 1);
});

/** A target that takes `ms` per call: an example's search then runs past a short time limit. */
class SlowTarget implements Target {
  readonly id = 'test:slow';
  readonly labels = ['negative', 'positive'];
  private readonly inner = new KeywordTarget();
  constructor(private readonly ms: number) {}
  async predict(texts: readonly string[]): Promise<Prediction[]> {
    await new Promise((resolve) => setTimeout(resolve, this.ms));
    return this.inner.predict(texts);
  }
}

test('an example past its time limit is failed with reason time-limit, keeping what it measured', async () => {
  const r = await attackExample(parts(new SlowTarget(40)), { ...settings, timeLimitMs: 60 }, example);
  assert.equal(r.status, 'failed');
  assert.equal(r.reason, 'time-limit');
  assert.equal(r.original?.label, 'positive');
  assert.ok(r.uniqueQueries >= 1);
  assert.equal(r.adversarial, null);
  const free = await attackExample(parts(new SlowTarget(1)), settings, example);
  assert.equal(free.status, 'succeeded');
});
