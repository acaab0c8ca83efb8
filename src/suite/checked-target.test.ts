/**
 * A test run as a target: the prompt rendered around the perturbed var, the output checked by the test's assertions
 * (values rendered with the original vars), the verdict's score the largest margin, hand-computed here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestRun } from '../contracts/record.js';
import { textPrediction, type Target } from '../core/target.js';
import { checkedTarget, compileTestRun } from './checked-target.js';

/** Answers the text after "Q: ", upper-cased, then " X": a model whose output follows its input word for word. */
const shout: Target = {
  id: 'shout',
  labels: [],
  predict: async (texts) => texts.map((t) => textPrediction(`${t.slice(3).toUpperCase()} X`)),
};

function run(assertions: unknown[], threshold: number | null = null): TestRun {
  return {
    where: 'tests[0]',
    vars: { q: 'hello world', other: 'x' },
    template: 'Q: {{q}}',
    target: 0,
    assert: assertions.map((spec, j) => ({ spec, file: 't.yaml', where: `tests[0].assert[${j}]`, baseDir: '.' })),
    threshold,
  };
}

test('verdict: pass while every assertion holds, score the largest margin, first failing assertion named', async () => {
  const r = run([
    { type: 'icontains', value: '{{other}}' },
    { type: 'levenshtein', value: 'HELLO WORLD X', threshold: 3 },
  ]);
  const target = checkedTarget(shout, r, 'q', 'hello world', await compileTestRun(r));
  await assert.rejects(target.predict(['hi']), /before its original output was known/, 'the original comes first');
  const [original, one, two, broken] = await target.predict(['hello world', 'hello wrld', 'hxllo wxrld', 'hi']);
  assert.deepEqual(
    [original!.label, original!.scores.fail, original!.output, original!.failed],
    ['pass', 0, 'HELLO WORLD X', null],
  );
  // icontains has no margin of its own: output distance, 1 of 3 tokens changed; levenshtein 1 / (3 + 1).
  assert.equal(one!.label, 'pass');
  assert.ok(Math.abs(one!.scores.fail! - 1 / 3) < 1e-12, String(one!.scores.fail));
  // Two tokens changed (2/3) against a distance of 2 (2/4).
  assert.ok(Math.abs(two!.scores.fail! - 2 / 3) < 1e-12, String(two!.scores.fail));
  assert.deepEqual([broken!.label, broken!.scores.fail, broken!.output], ['fail', 1, 'HI X']);
  assert.deepEqual(broken!.failed, {
    index: 1,
    type: 'levenshtein',
    where: 't.yaml: tests[0].assert[1]',
    reason: 'Levenshtein distance 10 is greater than threshold 3',
  });
});

test('assertion values are rendered with the original vars: an edit of the var the value names fails it', async () => {
  const r = run([{ type: 'icontains', value: '{{q}}' }]);
  const target = checkedTarget(shout, r, 'q', 'hello world', await compileTestRun(r));
  const [original, edited] = await target.predict(['hello world', 'hello wrld']);
  assert.equal(original!.label, 'pass');
  assert.equal(edited!.label, 'fail', 'checked against "hello world", not the perturbed "hello wrld"');
  assert.match(edited!.failed!.reason, /contain "hello world"/);
});

test('a test threshold: the weighted score decides; its distance to the threshold is the score', async () => {
  const r = run(
    [
      { type: 'contains', value: 'HELLO' },
      { type: 'contains', value: 'WORLD' },
      { type: 'contains', value: 'NOPE' },
    ],
    0.5,
  );
  const target = checkedTarget(shout, r, 'q', 'hello world', await compileTestRun(r));
  const [original, half, none] = await target.predict(['hello world', 'hello there', 'hi']);
  // 2 of 3 pass: mean 2/3 >= 0.5, passing with an assertion failing; score (1 - 2/3) / (1 - 0.5).
  assert.equal(original!.label, 'pass');
  assert.ok(Math.abs(original!.scores.fail! - 2 / 3) < 1e-12);
  assert.equal(original!.failed, null);
  // 1 of 3: mean 1/3 < 0.5.
  assert.equal(half!.label, 'fail');
  assert.equal(half!.failed!.type, 'contains');
  assert.equal(half!.failed!.index, 1);
  assert.deepEqual([none!.label, none!.failed!.index], ['fail', 0]);
});
