import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attackExample, ConfigError, UnknownComponentError, type Constraint, type Perturbation } from '../index.js';
import { keywordModel } from './fixtures/keyword-model.js';

const text = 'The food was great and the staff were friendly.';

test('a target spec loads in this thread: a verified flip with its edits and stability, the same twice', async () => {
  const review = 'A good film with a great cast.';
  const options = { perturbations: ['typo', 'synonym'], stabilitySamples: 5, seed: 7 };
  const r = await attackExample('local:afinn', review, options);
  assert.equal(r.status, 'succeeded', JSON.stringify(r));
  assert.equal(r.original?.label, 'positive');
  assert.equal(r.groundTruth, 'positive', "without a label, the model's own answer is the one to keep");
  assert.notEqual(r.adversarial?.label, 'positive');
  assert.ok(r.edits.length >= 1 && r.stability !== null && r.stabilitySamples === 5, JSON.stringify(r));
  assert.ok(r.validity?.checks.includes('max-perturb-ratio'), "the campaign's validity checks are recorded");
  const again = await attackExample('local:afinn', review, options);
  assert.deepEqual({ ...again, elapsedMs: 0 }, { ...r, elapsedMs: 0 });
});

test('your own Perturbation and Constraint objects join the attack (no named family needed)', async () => {
  const praise: Perturbation = {
    family: 'praise-swap',
    granularity: 'word',
    candidates: (t, index) => (t.word(index) === 'great' ? [t.replaceWord(index, 'splendid', 'praise-swap')] : []),
  };
  const r = await attackExample(keywordModel, text, { perturbations: [praise], stabilitySamples: 0 });
  assert.equal(r.status, 'succeeded', JSON.stringify(r));
  assert.equal(r.adversarial?.text, 'The food was splendid and the staff were friendly.');
  assert.deepEqual(r.edits, [{ family: 'praise-swap', position: 3, from: 'great', to: 'splendid' }]);

  // A constraint that never lets an edit touch "great" leaves nothing to flip.
  const keepGreat: Constraint = { name: 'keep-great', allowsIndex: (t, index) => t.word(index) !== 'great' };
  const kept = await attackExample(keywordModel, text, {
    perturbations: [praise, 'typo'],
    constraints: [keepGreat],
    stabilitySamples: 0,
  });
  assert.equal(kept.status, 'failed', JSON.stringify(kept));
});

test('a label the model does not give is skipped; bad options are ConfigErrors naming what is wrong', async () => {
  const skipped = await attackExample(keywordModel, text, { label: 'negative', perturbations: ['typo'] });
  assert.equal(skipped.status, 'skipped');
  await assert.rejects(
    attackExample(keywordModel, text, { label: 'neutral' }),
    (e) =>
      e instanceof ConfigError &&
      /label "neutral" is not a label of keyword-model \(negative, positive\)/.test(e.message),
  );
  await assert.rejects(
    attackExample(keywordModel, text, { search: 'sideways' }),
    (e) => e instanceof UnknownComponentError && /unknown search "sideways"/.test(e.message),
  );
  await assert.rejects(attackExample(keywordModel, text, { perturbations: [] }), /at least one perturbation family/);
  await assert.rejects(
    attackExample(keywordModel, text, { maxPerturbRatio: 2 }),
    /max-perturb-ratio must be in \(0, 1\], got 2/,
  );
  await assert.rejects(
    attackExample('local:nothing', text),
    (e) => e instanceof UnknownComponentError && /unknown target "local:nothing"/.test(e.message),
  );
});
