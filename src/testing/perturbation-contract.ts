/**
 * @module Contract every perturbation must meet, run over every registered family (perturbations/contract.test.ts):
 * deterministic for a seed, never returns its input, one well-formed edit per candidate, never touches protected
 * spans (through the real CandidateSpace and protect constraint), valid UTF-8, and within the edit budget.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttackText } from '../core/attack-text.js';
import type { Perturbation, PerturbContext } from '../core/perturbation.js';
import { rngFor } from '../core/rng.js';
import { levenshtein } from '../constraints/char-budget.js';
import { maxPerturbRatioConstraint, perturbBudget } from '../constraints/max-perturb-ratio.js';
import { protectConstraint } from '../constraints/protect.js';
import { repeatModificationConstraint } from '../constraints/repeat-modification.js';
import { CandidateSpace } from '../engine/candidates.js';
import { winkAnalyzer } from '../nlp/wink-analyzer.js';

export const CONTRACT_TEXTS: readonly string[] = [
  'The food at Luigi was great, but the service was painfully slow. We waited 45 minutes!',
  'I loved this movie; the acting was brilliant and the plot kept me guessing until the end.',
  'naïve café — “quoted” words, emoji 😀👍🏽 and 3 friends in Paris with Sarah in 2019.',
  'Classify the review {{input}} as positive or negative. The answer is one word.',
  "it 's a charming and often affecting journey . ",
  'TERRIBLE. Absolutely TERRIBLE customer support, never again!!!',
  '',
  '...!!! :)',
];

/** Each protected substring must survive every edit, character for character. */
const PROTECTED = [/great service|painfully slow/g, /\{\{input\}\}/g, /Luigi/g, /brilliant and the plot/g, /😀👍🏽/g];

function context(text: AttackText, seed: string): PerturbContext {
  return { analysis: winkAnalyzer.analyze(text.words, text.seps), rng: (key) => rngFor(`${seed}:${key}`) };
}

function allCandidates(
  p: Perturbation,
  text: AttackText,
  ctx: PerturbContext,
  order: 'up' | 'down' = 'up',
): string[][] {
  const idx = text.words.map((_, i) => i);
  if (order === 'down') idx.reverse();
  const out: string[][] = [];
  for (const i of idx) out[i] = p.candidates(text, i, ctx).map((c) => c.text);
  return out;
}

/** A text with one edit of `p` already applied (its first candidate anywhere), to check candidates of edited texts. */
function edited(p: Perturbation, text: AttackText, ctx: PerturbContext): AttackText | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = p.candidates(text, i, ctx)[0];
    if (c !== undefined) return c;
  }
  return undefined;
}

function wellFormedUtf8(s: string): boolean {
  return Buffer.from(s, 'utf8').toString('utf8') === s;
}

function count(s: string, re: RegExp): number {
  return [...s.matchAll(new RegExp(re.source, 'g'))].length;
}

/**
 * Registers the contract tests for one perturbation configuration. `make` must build a fresh instance each call;
 * `expectSome` says whether the family must produce at least one candidate over the contract texts.
 */
export function runPerturbationContract(label: string, make: () => Perturbation, expectSome = true): void {
  test(`${label}: deterministic for a seed, whatever the call order and instance`, () => {
    let total = 0;
    for (const s of CONTRACT_TEXTS) {
      const text = AttackText.fromString(s);
      const a = allCandidates(make(), text, context(text, 'seed-1'));
      const b = allCandidates(make(), text, context(text, 'seed-1'), 'down');
      assert.deepEqual(b, a, s);
      total += a.flat().length;
    }
    if (expectSome) assert.ok(total > 0, `${label} produced no candidate at all`);
  });

  test(`${label}: every candidate is its input plus exactly one new edit, and differs from it`, () => {
    const p = make();
    for (const s of CONTRACT_TEXTS) {
      const original = AttackText.fromString(s);
      const ctx = context(original, 'seed-2');
      const second = edited(p, original, ctx);
      for (const parent of second === undefined ? [original] : [original, second]) {
        for (let i = 0; i < parent.length; i++) {
          for (const c of p.candidates(parent, i, ctx)) {
            assert.notEqual(c.text, parent.text, `${label} returned its input at ${i} of ${JSON.stringify(s)}`);
            assert.equal(c.applied.length, parent.applied.length + 1);
            assert.deepEqual(c.applied.slice(0, -1), parent.applied);
            const last = c.lastEdit!;
            assert.equal(last.edit.family, p.family);
            assert.ok(last.changed.length + last.moved.length > 0, 'an edit changes or moves something');
            // Replaying the edit on the parent gives the same text (shrinking relies on it).
            assert.equal(parent.apply(last.op, last.edit.family).text, c.text);
            assert.equal(
              AttackText.replay(
                original,
                c.applied,
                c.applied.map((_, k) => k),
              ).text,
              c.text,
            );
          }
        }
      }
    }
  });

  test(`${label}: output is valid UTF-8 and each edit stays within its budget`, () => {
    const p = make();
    for (const s of CONTRACT_TEXTS) {
      const text = AttackText.fromString(s);
      const ctx = context(text, 'seed-3');
      for (let i = 0; i < text.length; i++) {
        for (const c of p.candidates(text, i, ctx)) {
          assert.ok(wellFormedUtf8(c.text), `lone surrogate in ${JSON.stringify(c.text)}`);
          assert.ok(!c.text.includes('\uFFFD') || s.includes('\uFFFD'));
          const last = c.lastEdit!;
          assert.ok(last.cost === 1 || last.cost === 2, `cost ${last.cost}`);
          assert.equal(c.cost, text.cost + last.cost);
          if (p.granularity === 'char') {
            assert.ok(levenshtein(last.edit.from, last.edit.to) <= 2, `${last.edit.from} -> ${last.edit.to}`);
          }
          if (last.op.kind === 'replace') assert.ok(last.edit.to.trim() !== '' && last.edit.to.trim() === last.edit.to);
        }
      }
    }
  });

  test(`${label}: through CandidateSpace, never touches protected spans and never exceeds the edit budget`, () => {
    for (const s of CONTRACT_TEXTS) {
      const original = AttackText.fromString(s);
      const constraints = [
        repeatModificationConstraint(),
        maxPerturbRatioConstraint(0.25),
        protectConstraint({ patterns: PROTECTED, templateVariables: true }),
      ];
      const space = new CandidateSpace(original, [make()], constraints, context(original, 'seed-4'));
      const budget = perturbBudget(0.25, original.originalWordCount);
      const keep = (t: AttackText) => {
        for (const re of PROTECTED) assert.equal(count(t.text, re), count(s, re), `${re} in ${JSON.stringify(t.text)}`);
        assert.ok(t.cost <= budget, `cost ${t.cost} > budget ${budget}`);
        assert.ok(wellFormedUtf8(t.text));
      };
      // Every single edit, then seeded random walks of several edits.
      for (const i of space.positions(original)) space.expand(original, i).forEach(keep);
      for (let walk = 0; walk < 4; walk++) {
        const rng = rngFor(`walk:${walk}:${s}`);
        let t = original;
        for (let step = 0; step < 4; step++) {
          const options = space.positions(t).flatMap((i) => space.expand(t, i));
          if (options.length === 0) break;
          t = options[Math.floor(rng() * options.length)]!;
          keep(t);
        }
      }
    }
  });
}
