import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackText } from '../core/attack-text.js';
import { predictionFrom, type Prediction, type Target } from '../core/target.js';
import { attackExample } from '../engine/attack-example.js';
import { untargetedGoal } from '../goals/untargeted.js';
import { winkAnalyzer } from '../nlp/wink-analyzer.js';
import { createSearch } from '../search/index.js';
import { typo } from '../../perturbations/typo.js';
import { campaignConstraints, createConstraint, defaultConstraints } from './index.js';
import { typoCap, typoDensityConstraint } from './typo-density.js';

const TEN = 'the gentle comedy makes everyone laugh easily and feel happy.';

/** Applies typo edits (replacements) at the given word indices, checking each step against the constraint. */
function typoChain(s: string, indices: readonly number[], constraint = typoDensityConstraint()): boolean[] {
  const original = AttackText.fromString(s);
  let t = original;
  return indices.map((i) => {
    const next = t.replaceWord(i, `${t.word(i).slice(0, 1)}x${t.word(i).slice(1)}`, 'typo');
    const ok = constraint.allowsCandidate!(next, t, { original });
    t = next;
    return ok;
  });
}

test('typoCap: two below 15 words, then three (issue #14: 4-5 typos in 25-35 words were questionable)', () => {
  assert.deepEqual(
    [3, 10, 14, 15, 21, 22, 32, 40].map((n) => typoCap(n)),
    [2, 2, 2, 3, 3, 3, 3, 3],
  );
  // Without the ceiling, one per 7 words.
  assert.deepEqual(
    [22, 40].map((n) => typoCap(n, { perSentence: 2, wordsPerTypo: 7, maxPerSentence: 99 })),
    [4, 6],
  );
});

test('a 10-word sentence takes two typos, not a third', () => {
  assert.deepEqual(typoChain(TEN, [1, 2, 3]), [true, true, false]);
  // Other families do not count, and do not break the cap.
  const original = AttackText.fromString(TEN);
  let t = original.replaceWord(1, 'gnetle', 'typo').replaceWord(2, 'comdey', 'typo');
  const syn = t.replaceWord(3, 'causes', 'synonym');
  assert.equal(typoDensityConstraint().allowsCandidate!(syn, t, { original }), true);
  t = syn.replaceWord(5, 'lagh', 'typo');
  assert.equal(typoDensityConstraint().allowsCandidate!(t, syn, { original }), false);
});

test('the cap is per sentence and grows with long sentences', () => {
  // Two typos in each of two short sentences are fine.
  assert.deepEqual(typoChain(`${TEN} The plot was thin but the jokes landed well.`, [1, 2, 12, 13]), [
    true,
    true,
    true,
    true,
  ]);
  const long = 'the gentle comedy makes everyone laugh easily and feel happy while the plot wanders around town.';
  assert.equal(AttackText.fromString(long).length, 16);
  assert.deepEqual(typoChain(long, [1, 2, 3, 5]), [true, true, true, false]);
});

test('options: off, looser, validated; campaign --constraint typo-density replaces the default', () => {
  assert.deepEqual(typoChain(TEN, [1, 2, 3], typoDensityConstraint({ enabled: false })), [true, true, true]);
  assert.deepEqual(typoChain(TEN, [1, 2, 3, 5], typoDensityConstraint({ perSentence: 3 })), [true, true, true, false]);
  assert.throws(() => typoDensityConstraint({ perSentence: 0 }), /perSentence must be an integer >= 1/);
  assert.throws(() => createConstraint('typo-density', { max: 2 }), /unknown option "max"/);
  const names = (refs: { name: string; options: Record<string, unknown> }[]) =>
    campaignConstraints({ maxPerturbRatio: 0.25, protect: [] }, refs).map((c) => c.name);
  assert.deepEqual(
    names([]),
    defaultConstraints({ maxPerturbRatio: 0.25, protect: [] }).map((c) => c.name),
  );
  assert.ok(names([]).includes('typo-density'), 'on by default');
  assert.equal(
    names([{ name: 'typo-density', options: { perSentence: 3 } }]).filter((n) => n === 'typo-density').length,
    1,
  );
  assert.ok(!names([{ name: 'typo-density', options: { enabled: false } }]).includes('typo-density'));
});

/** Positive until three words of the text are not words of `vocabulary` (a model that only a third typo fools). */
function typoCounter(vocabulary: string): Target {
  const known = new Set(vocabulary.toLowerCase().match(/[a-z]+/g));
  const labels = ['negative', 'positive'] as const;
  return {
    id: 'test:typo-counter',
    labels,
    async predict(texts: readonly string[]): Promise<Prediction[]> {
      return texts.map((t) => {
        const unknown = (t.toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => !known.has(w)).length;
        const negative = Math.min(0.99, 0.1 + 0.15 * unknown);
        return predictionFrom(labels, { negative, positive: 1 - negative });
      });
    },
  } as Target;
}

async function attack(text: string, refs: { name: string; options: Record<string, unknown> }[] = []) {
  const parts = {
    target: typoCounter(text),
    goal: untargetedGoal(),
    perturbations: [typo()],
    constraints: campaignConstraints({ maxPerturbRatio: 0.5, protect: [] }, refs),
    search: createSearch('abs', {}),
    analyzer: winkAnalyzer,
  };
  const settings = { seed: 42, maxQueries: Infinity, maxPerturbRatio: 0.5, stabilitySamples: 5, verifyRepeats: 1 };
  return attackExample(parts, settings, { id: 'e1', index: 0, text, label: 'positive' });
}

test('end to end: a flip never packs three typos into a 10-word sentence', async () => {
  const capped = await attack(TEN);
  assert.equal(capped.status, 'failed', `found ${capped.adversarial?.text}`);
  // The same campaign without the cap finds the three-typo flip, so the cap is what stopped it.
  const uncapped = await attack(TEN, [{ name: 'typo-density', options: { enabled: false } }]);
  assert.equal(uncapped.status, 'succeeded');
  assert.equal(uncapped.edits.filter((e) => e.family === 'typo').length, 3);
  // With two sentences, three typos spread over both are allowed.
  const two = await attack(`${TEN} The plot was thin but the jokes landed well.`);
  assert.equal(two.status, 'succeeded');
  const inFirst = two.edits.filter((e) => e.position < 10).length;
  assert.ok(inFirst <= 2 && two.edits.length - inFirst <= 2, JSON.stringify(two.edits));
});
