import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttackConfig } from '../contracts/campaign.js';
import { noShared } from '../targets/index.js';
import { createAttackPool } from './pool.js';

const config: AttackConfig = {
  target: 'local:afinn',
  targetOptions: {},
  goal: { name: 'untargeted' },
  search: { name: 'abs', options: {} },
  perturbations: [{ name: 'typo', options: {} }],
  maxPerturbRatio: 0.5,
  protect: [],
  seed: 1,
  maxQueries: null,
  stabilitySamples: 3,
  verifyRepeats: 1,
};

test('the pool runs an example from TypeScript sources (targets load lazily inside the worker)', async () => {
  const pool = createAttackPool(2, { targetShared: noShared, judgeShared: noShared });
  try {
    const texts = ['A good film.', 'The food was great.', 'Terrible, awful service.'];
    const examples = texts.map((text, index) => ({
      id: `e${index}`,
      index,
      text,
      label: index === 2 ? 'negative' : 'positive',
    }));
    // One task of two examples, one of one: a task's outcomes come back one per example, in order.
    const results = (
      await Promise.all([
        pool.run({ config, examples: examples.slice(0, 2) }),
        pool.run({ config, examples: examples.slice(2) }),
      ])
    ).flat();
    assert.deepEqual(
      results.map((r) => r.id),
      ['e0', 'e1', 'e2'],
    );
    for (const r of results) {
      assert.ok(!('type' in r && r.type === 'abort'));
      assert.ok(['succeeded', 'failed'].includes((r as { status: string }).status), JSON.stringify(r));
    }
  } finally {
    await pool.destroy();
  }
});

test('a CPU-bound pool sends each worker a second example but attacks them one after the other', async () => {
  const overlap: AttackConfig = {
    ...config,
    target: `module:${new URL('./fixtures/overlap-detector.mjs', import.meta.url).pathname}`,
    stabilitySamples: 2,
  };
  const texts = [
    'A fine and good film here.',
    'The food was great and cheap.',
    'Terrible, awful, slow service.',
    'Short.',
  ];
  const attackAll = async (examplesPerWorker: number) => {
    const pool = createAttackPool(1, { targetShared: noShared, judgeShared: noShared }, examplesPerWorker);
    try {
      return (
        await Promise.all(
          texts.map((text, index) =>
            pool.run({ config: overlap, examples: [{ id: `e${index}`, index, text, label: 'short' }] }),
          ),
        )
      ).flat();
    } finally {
      await pool.destroy();
    }
  };
  const errored = (rs: readonly unknown[]) => rs.filter((r) => (r as { status?: string }).status === 'errored').length;
  assert.equal(errored(await attackAll(1)), 0, 'examples interleaved in a one-at-a-time worker');
  // The control: examples that run concurrently in one worker do interleave, so the detector works.
  assert.ok(errored(await attackAll(4)) > 0, 'the overlap detector saw no overlap among concurrent examples');
});
