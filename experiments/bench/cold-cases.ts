/**
 * @module The cold campaigns that experiments/bench/cold.ts times and experiments/bench/jit-cost.ts dissects: `quiver
 * run` arguments on the shared datasets (../shared/datasets beside the repository).
 */
import { sharedDataset } from '../../src/testing/cli.js';

export interface Case {
  readonly id: string;
  readonly title: string;
  readonly args: readonly string[];
}

/** `local:nb` trained on PhraseBank's allagree file, attacking its 50agree file. */
const PHRASEBANK_NB: readonly string[] = [
  '--target',
  'local:nb',
  '--train',
  sharedDataset('financial-phrasebank-allagree.jsonl'),
  '--dataset',
  sharedDataset('financial-phrasebank-50agree.jsonl'),
];

export const CASES: readonly Case[] = [
  {
    id: 'mr',
    title: 'MR test, 1,066 examples, `local:vader`',
    args: ['--target', 'local:vader', '--dataset', sharedDataset('mr-test.jsonl')],
  },
  {
    id: 'fp',
    title: 'Financial PhraseBank 50agree, first 2,000, `local:nb` trained on allagree',
    args: [...PHRASEBANK_NB, '--limit', '2000'],
  },
  {
    // The same model and file, 2.4 times as long: how the ratio grows with the campaign (each worker's warm-up is
    // paid once). Not in the default cases.
    id: 'fp-all',
    title: 'Financial PhraseBank 50agree, all 4,846, `local:nb` trained on allagree',
    args: PHRASEBANK_NB,
  },
];
