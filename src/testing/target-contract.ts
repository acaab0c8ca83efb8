/** @module Shared contract suite every Target implementation's test runs against its real factory. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Prediction, Target } from '../core/target.js';

export interface Expectation {
  readonly text: string;
  readonly label: string;
}

export interface TargetContractOptions {
  /** Texts whose label any sane model of this kind gets right. */
  readonly expectations?: readonly Expectation[];
  /** The `id` the target must report. */
  readonly id?: string;
  /**
   * How far a text's scores may differ between batches of different sizes (labels must still agree). 0 (exact) unless
   * the model's runtime picks kernels by batch size: onnxruntime's float32 GEMM for one row and for many rows differ
   * in the last bits (about 1e-7).
   */
  readonly batchTolerance?: number;
}

/** Predictions equal, or within `tolerance` per score with the same label. */
export function assertSamePredictions(
  actual: readonly Prediction[],
  expected: readonly Prediction[],
  tolerance = 0,
  message?: string,
): void {
  if (tolerance === 0) {
    assert.deepEqual(actual, expected, message);
    return;
  }
  assert.equal(actual.length, expected.length, message);
  actual.forEach((p, i) => {
    const e = expected[i]!;
    assert.equal(p.label, e.label, `${message ?? ''} text ${i}: label`);
    assert.deepEqual(Object.keys(p.scores), Object.keys(e.scores), message);
    for (const [l, v] of Object.entries(p.scores)) {
      assert.ok(
        Math.abs(v - e.scores[l]!) <= tolerance,
        `${message ?? ''} text ${i}: ${l} ${v} vs ${e.scores[l]} (tolerance ${tolerance})`,
      );
    }
  });
}

/** Obvious sentences for a {negative, positive} sentiment target. */
export const sentimentExpectations: readonly Expectation[] = [
  { text: 'I absolutely loved this movie, the acting was brilliant!', label: 'positive' },
  { text: 'The service was terrible and the food was cold.', label: 'negative' },
];

/** Mixed inputs: empty, whitespace, punctuation only, non-ASCII, very long, repeated (for caching bugs). */
const batch: readonly string[] = [
  'I absolutely loved this movie, the acting was brilliant!',
  '',
  '   ',
  '?!.,',
  'The service was terrible and the food was cold.',
  'Crème brûlée was délicieuse — 10/10 😀',
  'It was okay, nothing special.',
  Array.from({ length: 120 }, (_, i) => (i % 3 === 0 ? 'great' : i % 3 === 1 ? 'awful' : 'film')).join(' '),
  'I absolutely loved this movie, the acting was brilliant!',
];

const SUM_TOLERANCE = 1e-9;

function checkPrediction(target: Target, p: Prediction, where: string): void {
  assert.ok(target.labels.includes(p.label), `${where}: label ${p.label} not in [${target.labels.join(', ')}]`);
  let sum = 0;
  for (const [label, score] of Object.entries(p.scores)) {
    assert.ok(target.labels.includes(label), `${where}: score for unknown label ${label}`);
    assert.ok(Number.isFinite(score) && score >= 0 && score <= 1, `${where}: score ${label}=${score}`);
    sum += score;
  }
  assert.ok(Math.abs(sum - 1) <= SUM_TOLERANCE, `${where}: scores sum to ${sum}`);
  for (const label of target.labels) {
    assert.ok((p.scores[p.label] ?? 0) >= (p.scores[label] ?? 0), `${where}: ${p.label} is not the argmax`);
  }
}

/** Registers the contract tests for one target; `factory` must build the real component, not a stand-in. */
export function runTargetContract(
  name: string,
  factory: () => Promise<Target>,
  options: TargetContractOptions = {},
): void {
  describe(`target contract: ${name}`, () => {
    let target: Target;
    before(async () => {
      target = await factory();
    });
    after(async () => {
      await target?.close?.();
    });

    test('has an id and at least two distinct non-empty labels', () => {
      assert.equal(typeof target.id, 'string');
      assert.notEqual(target.id, '');
      if (options.id !== undefined) assert.equal(target.id, options.id);
      assert.ok(target.labels.length >= 2);
      assert.equal(new Set(target.labels).size, target.labels.length);
      for (const l of target.labels) assert.ok(typeof l === 'string' && l !== '');
    });

    test('an empty batch gives an empty array', async () => {
      assert.deepEqual(await target.predict([]), []);
    });

    test('one prediction per text: label in labels, scores probabilities summing to 1, label the argmax', async () => {
      const out = await target.predict(batch);
      assert.equal(out.length, batch.length);
      for (const [i, p] of out.entries()) checkPrediction(target, p, `text ${i}`);
    });

    test('batch order is preserved and a text gets the same prediction alone or in any batch', async () => {
      const forward = await target.predict(batch);
      const backward = await target.predict([...batch].reverse());
      assert.deepEqual(backward.reverse(), forward);
      for (let i = 0; i < batch.length; i++)
        assertSamePredictions(
          await target.predict([batch[i]!]),
          [forward[i]!],
          options.batchTolerance,
          `text ${i} alone`,
        );
      assert.deepEqual(forward[batch.length - 1], forward[0], 'the same text twice in a batch differs');
    });

    test('deterministic: a second target instance gives identical predictions', async () => {
      const other = await factory();
      try {
        assert.deepEqual(await other.predict(batch), await target.predict(batch));
      } finally {
        await other.close?.();
      }
    });

    const expectations = options.expectations ?? [];
    if (expectations.length > 0) {
      test('labels obvious texts correctly', async () => {
        const out = await target.predict(expectations.map((e) => e.text));
        for (const [i, e] of expectations.entries()) assert.equal(out[i]!.label, e.label, e.text);
      });
    }
  });
}
