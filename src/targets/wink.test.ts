import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load, winkSentiment } from '../nlp/wink.js';
import { sst2DevVariants } from '../testing/text-variants.js';
import { runTargetContract, sentimentExpectations } from '../testing/target-contract.js';
import { createWinkTarget, winkCalibration } from './wink.js';

runTargetContract('local:wink', async () => createWinkTarget(), {
  id: 'local:wink',
  expectations: sentimentExpectations,
});

test('local:wink: no sentiment words -> negative by a margin, not a tie', async () => {
  const [p] = await createWinkTarget().predict(['The train leaves at nine.']);
  assert.equal(p!.label, 'negative');
  assert.ok(p!.scores.negative! > p!.scores.positive!);
});

test('local:wink: handles the negation in "I don\'t think this product is good at all."', async () => {
  const [p] = await createWinkTarget().predict(["I don't think this product is good at all."]);
  assert.equal(p!.label, 'negative');
});

test('local:wink: p(positive) follows the score: good film > film > bad film, within (0, 1)', async () => {
  const out = await createWinkTarget().predict(['A good film.', 'A film.', 'A bad film.']);
  const [good, neutral, bad] = out.map((p) => p.scores.positive!);
  assert.ok(good! > neutral! && neutral! > bad!);
  // wink scores "A good film." 0.776: the calibration must keep it clearly below certainty.
  assert.ok(Math.abs(good! - 1 / (1 + Math.exp(-winkCalibration.scale * (0.776 - winkCalibration.bias)))) < 1e-9);
  assert.ok(good! < 0.99 && bad! > 0.01);
});

test("local:wink: the sentiment-only pipeline scores exactly as wink's full one (SST-2 dev, 8 variants each)", () => {
  const full = load(); // wink's default pipeline, everything on
  const lite = winkSentiment();
  for (const v of sst2DevVariants()) {
    assert.equal(lite.readDoc(v).out(lite.its.sentiment), full.readDoc(v).out(full.its.sentiment), v);
  }
});
