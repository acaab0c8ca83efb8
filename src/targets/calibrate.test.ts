import assert from 'node:assert/strict';
import { test } from 'node:test';
import { polarityPrediction, polarityProbabilities, sentimentLabels } from './calibrate.js';

const cal = { scale: 4, bias: 1e-6 };

test('probabilities sum to 1 and p(positive) is the logistic of scale * (score - bias)', () => {
  for (const s of [-3, -1, -0.3, 0, 0.2, 0.5, 1, 5]) {
    const p = polarityProbabilities(s, cal);
    assert.ok(Math.abs(p.negative! + p.positive! - 1) <= 1e-12);
    assert.ok(Math.abs(p.positive! - 1 / (1 + Math.exp(-4 * (s - 1e-6)))) <= 1e-15);
  }
});

test('strictly increasing in the score, so the search sees every change', () => {
  let prev = -1;
  for (let s = -1; s <= 1; s += 0.05) {
    const p = polarityProbabilities(s, cal).positive!;
    assert.ok(p > prev, `not increasing at ${s}`);
    prev = p;
  }
});

test('score exactly 0 and float residue are negative by a strict margin; the smallest positive score positive', () => {
  for (const s of [0, -0, 3.7e-17]) {
    const p = polarityPrediction(s, cal);
    assert.equal(p.label, 'negative');
    assert.ok(p.scores.negative! > p.scores.positive!);
  }
  assert.equal(polarityPrediction(0.002, cal).label, 'positive');
  assert.equal(polarityPrediction(-0.002, cal).label, 'negative');
});

test('the bias moves the threshold: with bias 0.05 a score of 0.04 is negative and 0.06 positive', () => {
  const vaderLike = { scale: 2.8, bias: 0.05 - 1e-6 };
  assert.equal(polarityPrediction(0.04, vaderLike).label, 'negative');
  assert.equal(polarityPrediction(0.05, vaderLike).label, 'positive');
  assert.equal(polarityPrediction(0.06, vaderLike).label, 'positive');
});

test('extreme scores saturate without NaN; non-finite scores throw', () => {
  assert.deepEqual(polarityProbabilities(1e6, cal), { negative: 0, positive: 1 });
  assert.deepEqual(polarityProbabilities(-1e6, cal), { negative: 1, positive: 0 });
  assert.throws(() => polarityProbabilities(Number.NaN, cal), /not a finite number/);
  assert.throws(() => polarityProbabilities(Number.POSITIVE_INFINITY, cal), /not a finite number/);
});

test('labels are negative, positive in that order', () => {
  assert.deepEqual(sentimentLabels, ['negative', 'positive']);
});
