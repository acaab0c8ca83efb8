import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttackConfig } from '../contracts/campaign.js';
import { validityChecks, ValidityChecks } from './checks.js';

const base: AttackConfig = {
  target: 'local:wink',
  targetOptions: {},
  goal: { name: 'untargeted' },
  search: { name: 'abs', options: {} },
  perturbations: [{ name: 'typo', options: {} }],
  maxPerturbRatio: 0.25,
  protect: [],
  seed: 42,
  maxQueries: null,
  stabilitySamples: 20,
  verifyRepeats: 1,
};

test('validity checks: the default constraints and verification, always', () => {
  assert.deepEqual(validityChecks(base), [
    'one-edit-per-word',
    'max-perturb-ratio',
    'stopwords',
    'typo-density',
    'article-agreement',
    'pos-consistency',
    'typo-not-a-word',
    'verified',
  ]);
  // Real-word typos ("hope" -> "hoe") are kept only when asked for.
  assert.ok(
    !validityChecks({ ...base, perturbations: [{ name: 'typo', options: { realWords: true } }] }).includes(
      'typo-not-a-word',
    ),
  );
  // Turning a default off takes it out of the list.
  const off = validityChecks({
    ...base,
    posConsistency: false,
    constraints: [{ name: 'typo-density', options: { enabled: false } }],
  });
  assert.deepEqual(off, [
    'one-edit-per-word',
    'max-perturb-ratio',
    'stopwords',
    'article-agreement',
    'typo-not-a-word',
    'verified',
  ]);
});

test('validity checks: the synonym checks are on by default and go when their option is false or null', () => {
  const withSynonym = (options: Record<string, unknown>) =>
    validityChecks({ ...base, perturbations: [{ name: 'synonym', options }] });
  const all = withSynonym({});
  for (const name of [
    'synonym-fixed-expressions',
    'synonym-not-by-names',
    'synonym-no-derivations',
    'synonym-word-sense',
    'synonym-word-form',
    'synonym-min-cosine',
    'synonym-context-fit',
  ]) {
    assert.ok(all.includes(name), name);
  }
  const off = withSynonym({
    fixedExpressions: false,
    nameCheck: false,
    derivationCheck: false,
    wordSense: false,
    minZipf: null,
    minCosine: null,
    maxContextDrop: null,
  });
  for (const name of [
    'synonym-fixed-expressions',
    'synonym-not-by-names',
    'synonym-no-derivations',
    'synonym-word-sense',
    'synonym-word-form',
    'synonym-min-cosine',
    'synonym-context-fit',
  ]) {
    assert.ok(!off.includes(name), name);
  }
  assert.ok(
    validityChecks({ ...base, perturbations: [{ name: 'reorder', options: {} }] }).includes('reorder-grammatical'),
  );
  assert.ok(
    !validityChecks({ ...base, perturbations: [{ name: 'reorder', options: { adjacentWords: true } }] }).includes(
      'reorder-grammatical',
    ),
  );
});

test('validity checks: derived from constraints, protected spans, family options and --verify', () => {
  const checks = validityChecks({
    ...base,
    protect: ['\\d+'],
    constraints: [
      { name: 'pos-consistency', options: {} },
      { name: 'char-budget', options: { maxPerEdit: 2 } },
    ],
    perturbations: [{ name: 'synonym', options: { minCosine: 0.5 } }],
    verifyRepeats: 3,
  });
  assert.deepEqual(checks, [
    'one-edit-per-word',
    'max-perturb-ratio',
    'stopwords',
    'article-agreement',
    'protected-spans',
    'pos-consistency',
    'char-budget',
    'synonym-no-antonyms',
    'synonym-sense-share',
    'synonym-fixed-expressions',
    'synonym-not-by-names',
    'synonym-no-derivations',
    'synonym-word-sense',
    'synonym-word-form',
    'synonym-min-cosine',
    'synonym-context-fit',
    'verified',
    'stable-under-requery',
  ]);
  // A sense share of 0 switches that filter off.
  assert.ok(
    !validityChecks({ ...base, perturbations: [{ name: 'synonym', options: { minSenseShare: 0 } }] }).includes(
      'synonym-sense-share',
    ),
  );
});

test('validity checks: one registry, in record order, every name kebab-case', () => {
  for (const name of Object.keys(ValidityChecks)) assert.match(name, /^[a-z]+(-[a-z]+)*$/);
  const all = validityChecks({
    ...base,
    protect: ['x'],
    verifyRepeats: 2,
    constraints: ['protect', 'char-budget', 'embedding-cosine', 'pos-consistency'].map((name) => ({
      name,
      options: {},
    })),
    perturbations: ['typo', 'synonym', 'reorder', 'rare-word'].map((name) => ({ name, options: {} })),
  });
  assert.deepEqual(all, Object.keys(ValidityChecks));
});
