import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chiSquare1Sf, erfc, exactBinomialTwoSided, mcnemar } from './mcnemar.js';

const close = (a: number, b: number, rel = 1e-9) =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(Math.abs(b), 1e-300), `${a} != ${b}`);

test('exact binomial (b + c < 25): two-sided tail sums by hand', () => {
  // b=10, c=2: 2 * (C(12,0) + C(12,1) + C(12,2)) / 2^12 = 2 * 79 / 4096.
  const r = mcnemar(10, 2);
  assert.equal(r.method, 'exact-binomial');
  assert.equal(r.statistic, null);
  close(r.pValue, 158 / 4096);
  close(mcnemar(0, 5).pValue, 2 / 32); // 2 * 1/2^5
  close(mcnemar(24, 0).pValue, 2 / 2 ** 24);
  // b=7, c=10: 2 * sum_{k<=7} C(17,k) / 2^17 = 2 * 41226 / 131072.
  close(mcnemar(7, 10).pValue, (2 * 41226) / 131072);
  assert.equal(mcnemar(3, 3).pValue, 1, 'capped at 1');
  assert.equal(mcnemar(0, 0).pValue, 1, 'no discordant pair: no evidence');
  close(exactBinomialTwoSided(0, 1), 1);
});

test('chi-square with continuity correction (b + c >= 25): statistic and p by hand', () => {
  // b=30, c=12: (|30-12| - 1)^2 / 42 = 289/42; p = erfc(sqrt(289/84)) (Python math.erfc: 0.008711912962379598).
  const r = mcnemar(30, 12);
  assert.equal(r.method, 'chi-square-cc');
  close(r.statistic!, 289 / 42, 1e-15);
  close(r.pValue, 0.008711912962379598, 1e-10);
  // b=32, c=4: 27^2/36 = 20.25; p = 6.795346249460123e-06.
  close(mcnemar(32, 4).statistic!, 20.25, 1e-15);
  close(mcnemar(32, 4).pValue, 6.795346249460123e-6, 1e-9);
  // b=13, c=12: |1| - 1 = 0, so the statistic is 0 and p = 1.
  assert.deepEqual([mcnemar(13, 12).statistic, mcnemar(13, 12).pValue], [0, 1]);
  assert.equal(mcnemar(13, 12).method, 'chi-square-cc', '25 discordant pairs is the first chi-square count');
  assert.equal(mcnemar(12, 12).method, 'exact-binomial');
});

test('chi-square(1) upper tail at its textbook critical values; erfc against Python math.erfc', () => {
  close(chiSquare1Sf(3.841458820694124), 0.05, 1e-12);
  close(chiSquare1Sf(6.634896601021214), 0.01, 1e-12);
  close(chiSquare1Sf(10.827566170662733), 0.001, 1e-12);
  assert.equal(chiSquare1Sf(0), 1);
  const py: [number, number][] = [
    [0.1, 0.8875370839817152],
    [1, 0.15729920705028513],
    [1.99, 0.004888586800383003],
    [2, 0.004677734981047265],
    [3, 2.2090496998585438e-5],
    [6, 2.1519736712498916e-17],
    [10, 2.088487583762545e-45],
  ];
  for (const [z, v] of py) close(erfc(z), v, 1e-12);
  close(erfc(-1), 2 - 0.15729920705028513, 1e-14);
});

test('mcnemar rejects counts that are not natural numbers', () => {
  assert.throws(() => mcnemar(-1, 2), RangeError);
  assert.throws(() => mcnemar(1.5, 2), RangeError);
});
