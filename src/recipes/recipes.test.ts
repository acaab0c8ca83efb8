import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttackConfig } from '../contracts/campaign.js';
import type { Example, ResultRecord } from '../contracts/record.js';
import { ConfigError, UnknownComponentError } from '../core/errors.js';
import { attackExample } from '../engine/attack-example.js';
import { isStopword } from '../nlp/stopwords.js';
import { perturbBudget } from '../constraints/index.js';
import { buildAttackParts } from '../registry.js';
import { packageRoot } from '../version.js';
import { loadAllRecipes, loadRecipe, parseRecipe, recipeNames } from './index.js';

const published = [
  'abfs-xiao-2025',
  'abs-xiao-2024',
  'alzantot-2018',
  'checklist-ribeiro-2020',
  'deepwordbug-gao-2018',
  'pruthi-2019',
  'pso-zang-2020',
  'pwws-ren-2019',
  'stresstest-naik-2018',
  'textbugger-li-2018',
  'textfooler-jin-2020',
];

test('recipes: every published recipe loads from the package root, with a citation and a README line', () => {
  assert.deepEqual(recipeNames(), published);
  const readme = readFileSync(join(packageRoot, 'experiments', 'recipes', 'README.md'), 'utf8');
  for (const r of loadAllRecipes()) {
    assert.ok(r.citation.length > 20 && r.description.length > 10, r.name);
    assert.ok(readme.includes(`| \`${r.name}\` |`), `README line for ${r.name}`);
  }
  assert.throws(
    () => loadRecipe('pwws'),
    (e: unknown) => e instanceof UnknownComponentError && /pwws-ren-2019/.test(e.message),
  );
});

test('recipes: a bad recipe names its file and field', () => {
  const good = JSON.parse(readFileSync(join(packageRoot, 'experiments', 'recipes', 'pwws-ren-2019.json'), 'utf8'));
  const bad = (patch: Record<string, unknown>, field: RegExp) =>
    assert.throws(
      () => parseRecipe({ ...good, ...patch }, 'x.json', 'pwws-ren-2019'),
      (e: unknown) => e instanceof ConfigError && e.message.startsWith('x.json: field ') && field.test(e.message),
      JSON.stringify(patch),
    );
  bad({ name: 'other' }, /"name"/);
  bad({ search: { name: 'greedy', options: {} } }, /"search": unknown search "greedy"/);
  bad({ search: { name: 'beam', options: { beamWidth: 0 } } }, /"search": .*beamWidth/);
  bad({ perturbations: [{ name: 'typo', options: { preset: 'nope' } }] }, /"perturbations\[0\]": .*preset/);
  bad({ perturbations: [] }, /"perturbations"/);
  bad({ maxPerturbRatio: 0 }, /"maxPerturbRatio"/);
  bad({ deviations: 'none' }, /"deviations"/);
  bad({ searchh: {} }, /"searchh": unknown field/);
  const dir = mkdtempSync(join(tmpdir(), 'quiver-recipes-'));
  writeFileSync(join(dir, 'broken.json'), '{ "name": ');
  assert.throws(
    () => loadRecipe('broken', dir),
    (e: unknown) => e instanceof ConfigError && e.message.includes('broken.json'),
  );
});

/** The demo reviews most lexicons get right, so every recipe has something to attack. */
const examples: Example[] = readFileSync(join(packageRoot, 'experiments', 'data', 'demo-reviews.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .slice(0, 4)
  .map((l, index) => ({ ...JSON.parse(l), index }));

const strip = (r: ResultRecord) => ({ ...r, elapsedMs: 0 });
const successes = new Map<string, number>();

for (const name of published) {
  test(`recipe ${name}: deterministic, within its query and edit budgets, stopwords untouched`, async () => {
    const recipe = loadRecipe(name);
    const maxQueries = 120;
    const config: AttackConfig = {
      target: 'local:vader',
      targetOptions: {},
      goal: { name: 'untargeted' },
      search: recipe.search,
      perturbations: recipe.perturbations,
      maxPerturbRatio: recipe.maxPerturbRatio ?? 0.25,
      protect: [],
      seed: 7,
      maxQueries,
      stabilitySamples: 0,
      verifyRepeats: 1,
    };
    const settings = {
      seed: 7,
      maxQueries,
      maxPerturbRatio: config.maxPerturbRatio,
      stabilitySamples: 0,
      verifyRepeats: 1,
    };
    const run = async () => {
      const parts = await buildAttackParts(config);
      const out: ResultRecord[] = [];
      for (const ex of examples) out.push(await attackExample(parts, settings, ex));
      return out;
    };
    const first = await run();
    successes.set(name, first.filter((r) => r.status === 'succeeded').length);
    assert.deepEqual((await run()).map(strip), first.map(strip));
    for (const r of first) {
      assert.notEqual(r.status, 'errored', r.reason);
      assert.ok(r.uniqueQueries <= maxQueries, `${r.uniqueQueries} > ${maxQueries}`);
      if (r.status !== 'succeeded') continue;
      assert.equal(r.minimal, true);
      const cost = r.edits.reduce((a, e) => a + (e.family === 'reorder' ? 2 : 1), 0);
      assert.ok(cost <= perturbBudget(config.maxPerturbRatio, r.wordCount), `${cost} edits in ${r.wordCount} words`);
      for (const e of r.edits)
        if (e.from !== '' && e.family !== 'reorder') assert.ok(!isStopword(e.from), `edited stopword ${e.from}`);
      const families = new Set(recipe.perturbations.map((p) => p.name));
      for (const e of r.edits) assert.ok(families.has(e.family), `${e.family} not in ${name}`);
    }
  });
}

test('recipes: the published set finds flips on the demo reviews (success is detected)', async () => {
  // Every recipe but CheckList (random strings carry no sentiment for VADER) flips some of the four demo reviews.
  for (const name of published) {
    if (name === 'checklist-ribeiro-2020' || !successes.has(name)) continue;
    assert.ok(successes.get(name)! > 0, `${name} found no flip`);
  }
  // StressTest's "true" is a positive word for VADER: appending it flips a negative review.
  const recipe = loadRecipe('stresstest-naik-2018');
  const config: AttackConfig = {
    target: 'local:vader',
    targetOptions: {},
    goal: { name: 'untargeted' },
    search: recipe.search,
    perturbations: recipe.perturbations,
    maxPerturbRatio: 1,
    protect: [],
    seed: 7,
    maxQueries: null,
    stabilitySamples: 0,
    verifyRepeats: 1,
  };
  const parts = await buildAttackParts(config);
  const r = await attackExample(
    parts,
    { seed: 7, maxQueries: Infinity, maxPerturbRatio: 1, stabilitySamples: 0, verifyRepeats: 1 },
    { id: 'x', index: 0, text: 'The plot was dull.', label: 'negative' },
  );
  assert.equal(r.status, 'succeeded');
  assert.equal(r.edits[0]?.family, 'append');
});
