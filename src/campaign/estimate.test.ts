import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResultRecord } from '../contracts/record.js';
import { wallTime } from './estimate.js';

const rec = (elapsedMs: number) => ({ elapsedMs }) as ResultRecord;

test("wallTime: start-up and warm-up are paid once; planned examples go at the warm pace (last quarter's mean)", () => {
  // A pilot of 120 on 2 workers: the first 24 examples cold (60 ms), then warm ones alternating 0 ms (skipped) and
  // 20 ms (attacked), so the warm mean is 10 ms while a median would say 0 or 20.
  const records = [
    ...Array.from({ length: 24 }, () => rec(60)),
    ...Array.from({ length: 96 }, (_, k) => rec(k % 2 === 0 ? 0 : 20)),
  ];
  const work = 24 * 60 + 48 * 20;
  const pilotWall = 1500 + work / 2; // 1.5 s of start-up
  const e = wallTime(records, 100_000, 2, pilotWall);
  const warmUp = (work - 120 * 10) / 2;
  assert.ok(Math.abs(e.expected - (1500 + warmUp + (100_000 * 10) / 2)) < 1e-6, String(e.expected));
  assert.ok(e.low <= e.expected && e.expected <= e.high);
  // Extrapolating the pilot as a whole (its mean, cold examples included) would say 100,000 x 20 ms / 2: twice as long.
  assert.ok(e.expected < 0.6 * ((100_000 * (work / 120)) / 2));
});
