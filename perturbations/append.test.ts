import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackText } from '../src/core/attack-text.js';
import { ConfigError } from '../src/core/errors.js';
import { rngFor } from '../src/core/rng.js';
import { append, CHECKLIST_DISTRACTORS, STRESSTEST_DISTRACTORS } from './append.js';
import { createPerturbation } from './index.js';

const ctx = { analysis: { words: [] }, rng: (k: string) => rngFor(k) };

test('append: StressTest distractors go at the end, once, anchored at the last word only', () => {
  const p = append();
  const t = AttackText.fromString('The food was great.');
  assert.deepEqual(p.candidates(t, 1, ctx), []);
  const out = p.candidates(t, 3, ctx);
  assert.deepEqual(
    out.map((c) => c.text),
    [
      'The food was great and true is true.',
      'The food was great and false is not true.',
      `The food was great ${STRESSTEST_DISTRACTORS[2]}.`,
    ],
  );
  assert.equal(out[0]!.cost, 1);
  assert.deepEqual(out[0]!.edits, [{ family: 'append', position: 4, from: '', to: 'and true is true' }]);
  const last = out[0]!.length - 1;
  assert.deepEqual(p.candidates(out[0]!, last, ctx), []); // no second append
  assert.equal(p.anchor, 'move');
});

test('append: CheckList strings are 50 fixed 10-character alphanumerics; custom lists and bad options', () => {
  assert.equal(CHECKLIST_DISTRACTORS.length, 50);
  assert.equal(new Set(CHECKLIST_DISTRACTORS).size, 50);
  assert.ok(CHECKLIST_DISTRACTORS.every((s) => /^[A-Za-z0-9]{10}$/.test(s)));
  const t = AttackText.fromString('fine');
  assert.equal(createPerturbation('append', { distractors: 'checklist' }).candidates(t, 0, ctx).length, 50);
  assert.deepEqual(
    append({ distractors: ['lol'] })
      .candidates(t, 0, ctx)
      .map((c) => c.text),
    ['fine lol'],
  );
  assert.throws(() => append({ distractors: [] }), ConfigError);
  assert.throws(() => append({ suffix: 'x' }), /unknown option "suffix"/);
});
