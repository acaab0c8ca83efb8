import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPerturbationContract } from '../src/testing/perturbation-contract.js';
import { createPerturbation, perturbationNames } from './index.js';
import { rareWord } from './rare-word.js';
import { synonym } from './synonym.js';
import { TYPO_OPERATIONS, typo, typoPresets } from './typo.js';

test('every registered family is covered below', () => {
  assert.ok(perturbationNames.length >= 4, perturbationNames.join());
});

// Every registered family with its default options.
for (const name of perturbationNames) runPerturbationContract(name, () => createPerturbation(name));

// The opt-in options, which the defaults do not exercise.
runPerturbationContract('typo (all operations)', () => typo({ operations: TYPO_OPERATIONS, variantsPerOperation: 3 }));
for (const preset of Object.keys(typoPresets) as (keyof typeof typoPresets)[]) {
  runPerturbationContract(`typo (${preset})`, () => typo({ preset }));
}
runPerturbationContract('synonym (multi-word, wide)', () =>
  synonym({ multiWord: true, maxSenses: 10, maxCandidates: 20 }),
);
runPerturbationContract('rare-word (CheckList swaps)', () =>
  rareWord({ swapNames: true, swapPlaces: true, swapNumbers: true, maxSwaps: 3 }),
);
