import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResultRecord } from '../contracts/record.js';
import { summarize } from './summary.js';
import { meanCi95 } from './stats.js';

function rec(status: ResultRecord['status'], extra: Partial<ResultRecord> = {}): ResultRecord {
  return {
    type: 'result',
    schemaVersion: 1,
    id: String(Math.random()),
    index: 0,
    status,
    groundTruth: 'positive',
    original: { text: 't', label: status === 'skipped' ? 'negative' : 'positive', scores: {} },
    adversarial: null,
    verification: null,
    edits: [],
    perturbedWordRatio: null,
    flipDistance: null,
    editsBeforeShrink: null,
    minimal: null,
    stability: null,
    stabilitySamples: 0,
    queries: 0,
    uniqueQueries: 0,
    wordCount: 10,
    elapsedMs: 0,
    ...extra,
  };
}

test('summary follows the TextAttack definitions (hand-computed)', () => {
  const s = summarize([
    rec('succeeded', {
      perturbedWordRatio: 0.1,
      flipDistance: 1,
      queries: 10,
      uniqueQueries: 8,
      stability: 0.5,
      edits: [{ family: 'typo', position: 1, from: 'good', to: 'goid' }],
    }),
    rec('succeeded', {
      perturbedWordRatio: 0.3,
      flipDistance: 2,
      queries: 30,
      uniqueQueries: 20,
      stability: 1,
      edits: [
        { family: 'typo', position: 1, from: 'a', to: 'b' },
        { family: 'synonym', position: 2, from: 'c', to: 'd' },
      ],
    }),
    rec('failed', { queries: 50, uniqueQueries: 50, stability: 1 }),
    rec('skipped'),
    rec('errored', { original: null }),
  ]);
  assert.equal(s.examples, 5);
  assert.deepEqual([s.succeeded, s.failed, s.skipped, s.errored], [2, 1, 1, 1]);
  assert.equal(s.originalAccuracy, 3 / 4);
  assert.equal(s.accuracyUnderAttack, 1 / 4);
  assert.equal(s.attackSuccessRate, 2 / 3);
  assert.ok(Math.abs(s.avgPerturbedWordPct! - 20) < 1e-9);
  assert.equal(s.avgQueries, 30);
  assert.equal(s.avgUniqueQueries, 26);
  assert.equal(s.totalUniqueQueries, 78);
  assert.equal(s.avgFlipDistance, 1.5);
  assert.deepEqual(s.byFamily, {
    synonym: { edits: 1, successesUsing: 1, successesOnly: 0 },
    typo: { edits: 2, successesUsing: 2, successesOnly: 1 },
  });
  assert.ok(Math.abs(s.stabilityScore.mean! - 2.5 / 3) < 1e-12);
});

test('95% CI uses Student t and is clipped', () => {
  const r = meanCi95([0, 1], 0, 1);
  assert.equal(r.mean, 0.5);
  // sd = 0.7071, t(1) = 12.706 -> half-width 6.35: clipped to [0, 1]
  assert.deepEqual(r.ci95, [0, 1]);
  const r2 = meanCi95([0.4, 0.6, 0.5, 0.5]);
  const half = (3.182 * Math.sqrt(0.02 / 3)) / 2;
  assert.ok(Math.abs(r2.ci95![0] - (0.5 - half)) < 1e-12);
  assert.deepEqual(meanCi95([]), { mean: null, ci95: null, n: 0 });
});

test('summary: validity next to success, with the judge verdicts and the valid-flip rate', () => {
  const checks = ['stopwords', 'verified'];
  const usage = { promptTokens: 10, completionTokens: 2, costUsd: 0.1, latencyMs: 3, retries: 0 };
  const judge = (verdict: 'valid' | 'questionable' | 'invalid' | 'error') => ({
    spec: 'openai:j',
    verdict,
    answer: null,
    usage,
  });
  const s = summarize([
    rec('succeeded', { validity: { checks, judge: judge('valid') } }),
    rec('succeeded', { validity: { checks, judge: judge('questionable') } }),
    rec('succeeded', { validity: { checks, judge: judge('error') } }),
    rec('failed', { reason: 'judged-invalid', validity: { checks, judge: judge('invalid') } }),
    rec('failed'),
    rec('skipped'),
  ]);
  assert.deepEqual(s.validity, {
    checks,
    judge: {
      spec: 'openai:j',
      judged: 4,
      verdicts: { valid: 1, questionable: 1, invalid: 1, error: 1 },
      rejected: 1,
      validFlipRate: 1 / 5,
      usage: { promptTokens: 40, completionTokens: 8, costUsd: 0.4, latencyMs: 12, retries: 0 },
    },
  });
  assert.equal(s.attackSuccessRate, 3 / 5);
  assert.deepEqual(summarize([rec('succeeded', { validity: { checks } })]).validity, { checks });
  assert.equal(summarize([rec('succeeded')]).validity, undefined, 'records before schema 2 say nothing about validity');
});
