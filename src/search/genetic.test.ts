import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rngFor } from '../core/rng.js';
import { engineFixture } from '../testing/engine-fixture.js';
import { contractTable, runSearchContract } from '../testing/search-contract.js';
import { swapTable } from '../testing/swap-table-perturbation.js';
import { crossover, genetic, selectionWeights } from './genetic.js';

runSearchContract('genetic', () => genetic());
runSearchContract('genetic (small population, TextAttack selection sign)', () =>
  genetic({ populationSize: 4, maxIterations: 3, invertedSelection: true }),
);

test('genetic: parents are drawn fittest-first (Alzantot); invertedSelection reproduces TextAttack', () => {
  const scores = [0.1, 0.5, 0.9];
  const paper = selectionWeights(scores, 0.3, false);
  const textattack = selectionWeights(scores, 0.3, true);
  assert.ok(Math.abs(paper.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.ok(paper[2]! > paper[1]! && paper[1]! > paper[0]!);
  assert.ok(textattack[0]! > textattack[1]! && textattack[1]! > textattack[2]!);
  // exp((0.9 - 0.5) / 0.3) between the two fittest.
  assert.ok(Math.abs(paper[2]! / paper[1]! - Math.exp(0.4 / 0.3)) < 1e-9);
});

test('genetic: a crossover child takes each anchor from one of its parents, nothing else', () => {
  const a = [
    { anchor: 1, key: 'a1' },
    { anchor: 3, key: 'a3' },
  ];
  const b = [
    { anchor: 3, key: 'b3' },
    { anchor: 5, key: 'b5' },
  ];
  const rng = rngFor('crossover');
  const seen = new Set<string>();
  for (let k = 0; k < 200; k++) {
    const child = crossover(rng, a, b);
    for (const m of child) {
      assert.ok(
        [...a, ...b].some((p) => p.anchor === m.anchor && p.key === m.key),
        JSON.stringify(m),
      );
      seen.add(m.key);
    }
    assert.equal(new Set(child.map((m) => m.anchor)).size, child.length);
  }
  assert.deepEqual([...seen].sort(), ['a1', 'a3', 'b3', 'b5']);
});

test('genetic: every text it evaluates is one the candidate space generates (crossover replays expand)', async () => {
  const hard = 'The food was great, the dessert was good and tasty, the service was great.';
  const f = await engineFixture({ text: hard, groundTruth: 'positive', perturbations: [swapTable(contractTable)] });
  await genetic({ populationSize: 8, maxIterations: 5 }).search(f.ctx);
  const allowed = new Set(Object.values(contractTable).flat());
  for (const t of f.target.sent) {
    for (const w of t.toLowerCase().match(/[a-z]+/g) ?? []) {
      assert.ok(hard.toLowerCase().includes(w) || allowed.has(w), `${w} in ${t}`);
    }
  }
  assert.ok(f.evaluator.queries > f.evaluator.uniqueQueries, 'repeated requests are served by the cache');
});
