import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttackConfig } from '../contracts/campaign.js';
import { createAttackPool } from './pool.js';

const config: AttackConfig = {
  target: 'local:afinn', targetOptions: {}, goal: { name: 'untargeted' }, search: { name: 'abs', options: {} },
  perturbations: [{ name: 'typo', options: {} }], maxPerturbRatio: 0.5, protect: [], seed: 1, maxQueries: null,
  stabilitySamples: 3, verifyRepeats: 1,
};

test('the pool runs an example from TypeScript sources (targets load lazily inside the worker)', async () => {
  const pool = createAttackPool(2, { targetShared: undefined });
  try {
    const texts = ['A good film.', 'The food was great.', 'Terrible, awful service.'];
    const results = await Promise.all(texts.map((text, index) => pool.run({ config, example: { id: `e${index}`, index, text, label: index === 2 ? 'negative' : 'positive' } })));
    for (const r of results) {
      assert.ok(!('type' in r && r.type === 'abort'));
      assert.ok(['succeeded', 'failed'].includes((r as { status: string }).status), JSON.stringify(r));
    }
  } finally {
    await pool.destroy();
  }
});
