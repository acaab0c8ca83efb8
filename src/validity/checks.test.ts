import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttackConfig } from '../contracts/campaign.js';
import { validityChecks, ValidityChecks } from './checks.js';

const base: AttackConfig = {
  target: 'local:wink', targetOptions: {}, goal: { name: 'untargeted' }, search: { name: 'abs', options: {} },
  perturbations: [{ name: 'typo', options: {} }], maxPerturbRatio: 0.25, protect: [], seed: 42, maxQueries: null,
  stabilitySamples: 20, verifyRepeats: 1,
};

test('validity checks: the default constraints and verification, always', () => {
  assert.deepEqual(validityChecks(base), ['one-edit-per-word', 'max-perturb-ratio', 'stopwords', 'verified']);
});

test('validity checks: derived from constraints, protected spans, family options and --verify', () => {
  const checks = validityChecks({
    ...base,
    protect: ['\\d+'],
    constraints: [{ name: 'pos-consistency', options: {} }, { name: 'char-budget', options: { maxPerEdit: 2 } }],
    perturbations: [{ name: 'synonym', options: { minCosine: 0.5 } }],
    verifyRepeats: 3,
  });
  assert.deepEqual(checks, [
    'one-edit-per-word', 'max-perturb-ratio', 'stopwords', 'protected-spans', 'char-budget', 'pos-consistency',
    'synonym-no-antonyms', 'synonym-sense-share', 'synonym-min-cosine', 'verified', 'stable-under-requery',
  ]);
  // A sense share of 0 switches that filter off.
  assert.ok(!validityChecks({ ...base, perturbations: [{ name: 'synonym', options: { minSenseShare: 0 } }] }).includes('synonym-sense-share'));
});

test('validity checks: one registry, in record order, every name kebab-case', () => {
  for (const name of Object.keys(ValidityChecks)) assert.match(name, /^[a-z]+(-[a-z]+)*$/);
  const all = validityChecks({ ...base, protect: ['x'], verifyRepeats: 2, constraints: ['protect', 'char-budget', 'embedding-cosine', 'pos-consistency'].map((name) => ({ name, options: {} })), perturbations: [{ name: 'synonym', options: { minCosine: 0.1 } }] });
  assert.deepEqual(all, Object.keys(ValidityChecks));
});
