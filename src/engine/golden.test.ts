/**
 * Golden results: a fixed campaign (demo reviews, seed 42, every default family, the bundled lexicon models, every
 * search method) must give exactly the committed records. It guards performance work, which must never change what a
 * campaign finds. When a change is meant to alter results, regenerate with QUIVER_UPDATE_GOLDEN=1 and say why in the
 * commit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatOf } from '../campaign/dataset-format.js';
import { readExamples } from '../campaign/dataset.js';
import type { Example } from '../contracts/record.js';
import { demoDataset } from '../campaign/demo.js';
import { buildAttackParts } from '../registry.js';
import { attackExample } from './attack-example.js';

const goldenPath = join(import.meta.dirname, 'fixtures', 'golden-demo.json');

async function demoExamples(limit: number): Promise<Example[]> {
  const out: Example[] = [];
  const spec = { path: demoDataset, format: formatOf(demoDataset), fields: { text: 'text', label: 'label', id: 'id' } };
  for await (const e of readExamples(spec, ['negative', 'positive'])) if (out.length < limit) out.push(e);
  return out;
}

async function run(target: string, search = 'abs', limit = 40): Promise<unknown[]> {
  const config = {
    target,
    targetOptions: {},
    goal: { name: 'untargeted' as const },
    search: { name: search, options: {} },
    perturbations: ['typo', 'synonym', 'reorder', 'rare-word'].map((name) => ({ name, options: {} })),
    maxPerturbRatio: 0.25,
    protect: [],
    seed: 42,
    maxQueries: null,
    stabilitySamples: 10,
    verifyRepeats: 1,
  };
  const parts = await buildAttackParts(config);
  const out: unknown[] = [];
  for (const ex of await demoExamples(limit)) {
    const r = await attackExample(
      parts,
      { seed: 42, maxQueries: Infinity, maxPerturbRatio: 0.25, stabilitySamples: 10, verifyRepeats: 1 },
      ex,
    );
    out.push([
      r.id,
      r.status,
      r.adversarial?.text ?? null,
      r.edits.map((e) => `${e.family}:${e.position}:${e.from}>${e.to}`),
      r.queries,
      r.uniqueQueries,
      r.stability,
    ]);
  }
  return out;
}

test('golden: a fixed campaign finds exactly the committed results', async () => {
  const actual: Record<string, unknown[]> = {
    'local:wink': await run('local:wink'),
    'local:vader': await run('local:vader'),
  };
  // Every other search method walks the candidate space its own way (random draws, crossover, swarms, best-first).
  for (const search of ['greedy-wir', 'beam', 'abfs', 'genetic', 'pso', 'random'])
    actual[`local:afinn ${search}`] = await run('local:afinn', search, 12);
  if (process.env.QUIVER_UPDATE_GOLDEN === '1') writeFileSync(goldenPath, `${JSON.stringify(actual, null, 1)}\n`);
  const golden = JSON.parse(readFileSync(goldenPath, 'utf8'));
  assert.deepEqual(actual, golden);
});
