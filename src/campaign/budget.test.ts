import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResultRecord } from '../contracts/record.js';
import { BudgetTracker } from './budget.js';

const budgets = { maxTotalQueries: null, maxTimeMs: 1000, maxTokens: null, maxCostUsd: null };
const rec = { uniqueQueries: 5, textsSent: 8 } as ResultRecord;

test("--max-time counts from the start, or (the dry run's pilot) from the first record written", () => {
  let t = 0;
  const fromStart = new BudgetTracker(budgets, null, 0, () => t);
  const fromFirst = new BudgetTracker(budgets, null, 0, () => t, true);
  t = 5000; // a slow start-up: nothing written yet
  assert.match(fromStart.stopReason(0)!, /--max-time 1s/);
  assert.equal(fromFirst.stopReason(0), null);
  fromFirst.wrote();
  fromFirst.add(rec);
  t = 5900;
  assert.equal(fromFirst.stopReason(0), null);
  t = 6000;
  assert.match(fromFirst.stopReason(0)!, /--max-time 1s/);
});

test('--max-total-queries counts every text sent; the reason states the final count', () => {
  const b = new BudgetTracker({ ...budgets, maxTimeMs: null, maxTotalQueries: 10 }, null, 0, () => 0);
  b.add(rec);
  assert.equal(b.stopReason(0), null);
  b.add(rec);
  assert.equal(b.stopReason(0), 'budget reached: --max-total-queries 10 (16 texts sent)');
  b.add(rec); // an example that was in flight finishes after the stop
  assert.equal(b.reason(), 'budget reached: --max-total-queries 10 (24 texts sent)');
});
