import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResultRecord } from '../contracts/record.js';
import { CampaignAbortError } from '../core/errors.js';
import type { Judge, JudgeAnswer, JudgeItem } from '../core/judge.js';
import { record } from '../report/fixtures/records.js';
import { assessFlip } from './assess-flip.js';

const checks = ['one-edit-per-word', 'stopwords'];
const flip = (): ResultRecord => ({
  ...record({ id: 'a', status: 'succeeded', text: 'Great app', adversarial: 'Graet app' }),
  usage: { promptTokens: 10, completionTokens: 1, costUsd: 0.01, latencyMs: 5, retries: 0 },
});

function judge(answer: JudgeAnswer | Error, seen: JudgeItem[] = []): Judge {
  return {
    id: 'module:j.js',
    judge: async (items) => {
      seen.push(...items);
      if (answer instanceof Error) throw answer;
      return items.map(() => answer);
    },
  };
}

test('assess: every flip gets the checks; records without a flip are left alone', async () => {
  const r = await assessFlip(flip(), { checks });
  assert.deepEqual(r.validity, { checks });
  const robust = record({ id: 'b', status: 'failed', text: 'x' });
  assert.equal(
    await assessFlip(robust, { checks, judge: { judge: judge(new Error('never asked')), reject: 'invalid' } }),
    robust,
  );
});

test('assess: the judge sees label, original and perturbed; its usage joins the record usage', async () => {
  const seen: JudgeItem[] = [];
  const usage = { promptTokens: 100, completionTokens: 5, costUsd: 0.5, latencyMs: 9, retries: 1 };
  const r = await assessFlip(flip(), {
    checks,
    judge: { judge: judge({ verdict: 'valid', answer: 'fine', usage }, seen), reject: 'invalid' },
  });
  assert.deepEqual(seen, [{ label: 'positive', original: 'Great app', perturbed: 'Graet app' }]);
  assert.equal(r.status, 'succeeded');
  assert.deepEqual(r.validity, { checks, judge: { spec: 'module:j.js', verdict: 'valid', answer: 'fine', usage } });
  assert.deepEqual(r.usage, { promptTokens: 110, completionTokens: 6, costUsd: 0.51, latencyMs: 14, retries: 1 });
});

test('assess: a rejected flip fails judged-invalid with the answer; questionable rejects only when asked', async () => {
  const invalid = await assessFlip(flip(), {
    checks,
    judge: { judge: judge({ verdict: 'invalid', answer: 'label changed' }), reject: 'invalid' },
  });
  assert.equal(invalid.status, 'failed');
  assert.equal(invalid.reason, 'judged-invalid');
  assert.equal(invalid.validity?.judge?.answer, 'label changed');
  assert.equal(invalid.adversarial?.text, 'Graet app');
  assert.equal(invalid.perturbedWordRatio, null);

  const q = judge({ verdict: 'questionable' });
  assert.equal((await assessFlip(flip(), { checks, judge: { judge: q, reject: 'invalid' } })).status, 'succeeded');
  const strict = await assessFlip(flip(), { checks, judge: { judge: q, reject: 'questionable' } });
  assert.equal(strict.status, 'failed');
  assert.equal(strict.reason, 'judged-invalid');
});

test('assess: a failing judge: verdict error, flip unjudged, never valid; an outage stops the campaign', async () => {
  const r = await assessFlip(flip(), {
    checks,
    judge: { judge: judge(new Error('parse-failure: no verdict')), reject: 'questionable' },
  });
  assert.equal(r.status, 'succeeded');
  assert.deepEqual(r.validity?.judge, { spec: 'module:j.js', verdict: 'error', answer: 'parse-failure: no verdict' });
  await assert.rejects(
    assessFlip(flip(), { checks, judge: { judge: judge(new CampaignAbortError('endpoint down')), reject: 'invalid' } }),
    CampaignAbortError,
  );
});
