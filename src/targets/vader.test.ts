import assert from 'node:assert/strict';
import { test } from 'node:test';
import vader from 'vader-sentiment';
import { runTargetContract, sentimentExpectations } from '../testing/target-contract.js';
import { createVaderTarget } from './vader.js';

runTargetContract('local:vader', async () => createVaderTarget(), {
  id: 'local:vader',
  expectations: sentimentExpectations,
});

test('local:vader: gets "Not bad, but the delivery was slow :(" negative (the "but" rule and emoticon)', async () => {
  const [p] = await createVaderTarget().predict(['Not bad, but the delivery was slow :(']);
  assert.equal(p!.label, 'negative');
});

test("local:vader: VADER's neutral band (|compound| < 0.05) maps to negative, >= 0.05 to positive", async () => {
  const texts = ['The train leaves at nine.', 'The room was fine.'];
  const compound = texts.map((t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound);
  assert.equal(compound[0], 0);
  assert.ok(compound[1]! >= 0.05);
  const out = await createVaderTarget().predict(texts);
  assert.deepEqual(
    out.map((p) => p.label),
    ['negative', 'positive'],
  );
});
