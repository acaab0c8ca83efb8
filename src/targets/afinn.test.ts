import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runTargetContract, sentimentExpectations } from '../testing/target-contract.js';
import { createAfinnTarget } from './afinn.js';

runTargetContract('local:afinn', async () => createAfinnTarget(), { id: 'local:afinn', expectations: sentimentExpectations });

test('local:afinn: texts without word tokens get a finite, negative prediction (no 0/0 NaN)', async () => {
  const out = await createAfinnTarget().predict(['', '...', 'The train leaves at nine.']);
  for (const p of out) {
    assert.equal(p.label, 'negative');
    assert.ok(Number.isFinite(p.scores['positive']!) && p.scores['positive']! < 0.5);
  }
});

test('local:afinn: "not" negates the words after it (natural\'s negation rule)', async () => {
  const [plain, negated] = await createAfinnTarget().predict(['The food was good.', 'The food was not good.']);
  assert.equal(plain!.label, 'positive');
  assert.equal(negated!.label, 'negative');
});
