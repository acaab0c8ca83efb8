import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGoal } from './index.js';

const neg = { label: 'negative', scores: { negative: 0.8, positive: 0.2 } };
const pos = { label: 'positive', scores: { negative: 0.3, positive: 0.7 } };

test('untargeted: skips wrong originals, scores 1 - p(truth), succeeds on any other label', () => {
  const g = createGoal({ name: 'untargeted' });
  assert.equal(g.skipReason(neg, 'negative'), null);
  assert.match(g.skipReason(pos, 'negative') ?? '', /already misclassified/);
  assert.ok(Math.abs(g.score(neg, 'negative') - 0.2) < 1e-12);
  assert.equal(g.isSuccess(pos, 'negative'), true);
  assert.equal(g.isSuccess(neg, 'negative'), false);
});

test('targeted: scores p(target), skips when the truth or the prediction already is the target', () => {
  const g = createGoal({ name: 'targeted', targetLabel: 'positive' });
  assert.equal(g.skipReason(neg, 'negative'), null);
  assert.match(g.skipReason(pos, 'negative') ?? '', /already predicted/);
  assert.match(g.skipReason(pos, 'positive') ?? '', /ground truth/);
  assert.equal(g.score(pos, 'negative'), 0.7);
  assert.equal(g.isSuccess(pos, 'negative'), true);
});
