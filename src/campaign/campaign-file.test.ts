import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { readCampaignConfig } from './resume.js';

/** campaign.json as `quiver run` writes it (before --max-words, --max-chars and --example-timeout existed). */
const written = {
  type: 'campaign',
  schemaVersion: 1,
  quiverVersion: '0.1.0',
  createdAt: '2025-01-01T00:00:00.000Z',
  attack: {
    target: 'local:wink',
    targetOptions: {},
    goal: { name: 'untargeted' },
    search: { name: 'abs', options: {} },
    perturbations: [{ name: 'typo', options: {} }],
    maxPerturbRatio: 0.25,
    protect: [],
    seed: 42,
    maxQueries: null,
    stabilitySamples: 20,
    verifyRepeats: 1,
  },
  dataset: {
    path: 'd.jsonl',
    format: 'jsonl',
    fields: { text: 'text', label: 'label', id: 'id' },
    sha256: 'ab',
    examples: 3,
    skipInvalid: false,
  },
  limit: null,
  shard: null,
  preset: null,
  workers: 2,
  budgets: { maxTotalQueries: null, maxTimeMs: null, maxTokens: null, maxCostUsd: null },
  packages: {},
  node: 'v20.0.0',
};

const root = mkdtempSync(join(tmpdir(), 'quiver-campaign-file-'));
let n = 0;
function folder(content: unknown): string {
  const dir = join(root, `c${n++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'campaign.json'), JSON.stringify(content));
  return dir;
}

test('a campaign.json as written is read back; fields added later take their defaults', () => {
  const c = readCampaignConfig(folder(written));
  assert.equal(c.attack.seed, 42);
  assert.equal(c.attack.exampleTimeoutMs, 120_000);
  assert.deepEqual([c.dataset.maxWords, c.dataset.maxChars], [1000, 20_000]);
});

test('an edited campaign.json is refused with the file and the field named', () => {
  const cases: [unknown, RegExp][] = [
    [
      { ...written, limit: 'abc' },
      /campaign\.json: field "limit" must be a whole number >= 1 or null \(as --limit\), got "abc"/,
    ],
    [{ ...written, limit: 0 }, /field "limit" must be a whole number >= 1/],
    [
      { ...written, attack: { ...written.attack, seed: 'abc' } },
      /campaign\.json: field "attack\.seed" must be a whole number >= 0 \(as --seed\), got "abc"/,
    ],
    [{ ...written, attack: { ...written.attack, seed: 1.5 } }, /field "attack\.seed" must be a whole number/],
    [{}, /campaign\.json: field "type" must be "campaign", it is missing/],
    [{ ...written, attack: null }, /campaign\.json: field "attack" must be a JSON object, got null/],
    [[], /campaign\.json: must be a JSON object/],
    [
      { ...written, attack: { ...written.attack, maxPerturbRatio: 2 } },
      /field "attack\.maxPerturbRatio" must be a number > 0 and <= 1/,
    ],
    [
      { ...written, attack: { ...written.attack, perturbations: [{ name: 3 }] } },
      /field "attack\.perturbations\.0\.name" must be a non-empty string/,
    ],
    [{ ...written, attack: { ...written.attack, goal: { name: 'targeted' } } }, /field "attack\.goal\.targetLabel"/],
    [
      { ...written, dataset: { ...written.dataset, format: 'xml' } },
      /field "dataset\.format" must be one of jsonl, csv, tsv/,
    ],
    [
      { ...written, dataset: { ...written.dataset, maxWords: -1 } },
      /field "dataset\.maxWords" must be a whole number >= 1 \(as --max-words\)/,
    ],
    [{ ...written, shard: { index: 3, count: 2 } }, /field "shard\.index" must be below shard\.count/],
    [{ ...written, budgets: { ...written.budgets, maxTimeMs: 'soon' } }, /field "budgets\.maxTimeMs"/],
  ];
  for (const [content, re] of cases) {
    assert.throws(
      () => readCampaignConfig(folder(content)),
      (e: unknown) => e instanceof ConfigError && re.test(e.message),
      JSON.stringify(content).slice(0, 120),
    );
  }
});

test('every field quiver run writes into campaign.json is read back as written (optional ones included)', async () => {
  const { quiverSync } = await import('../testing/cli.js');
  const { fileURLToPath } = await import('node:url');
  const { readFileSync } = await import('node:fs');
  const judge = fileURLToPath(new URL('../judges/fixtures/marker-judge.mjs', import.meta.url));
  const data = join(root, 'numeric.jsonl');
  writeFileSync(
    data,
    `${['{"text":"a fine, lovely film","label":1}', '{"text":"a dull, awful mess","label":0}'].join('\n')}\n`,
  );
  const out = join(root, 'all-flags');
  const r = quiverSync(
    root,
    'run',
    '--dataset',
    data,
    '--label-map',
    '0=negative,1=positive',
    '--no-pos-consistency',
    '--judge',
    `module:${judge}`,
    '--judge-reject',
    'questionable',
    '--constraint',
    'typo-density={"perSentence":1}',
    '--example-timeout',
    '90s',
    '--out',
    out,
  );
  assert.equal(r.code, 0, r.stderr);
  const written = JSON.parse(readFileSync(join(out, 'campaign.json'), 'utf8'));
  assert.equal(written.attack.posConsistency, false);
  assert.equal(written.attack.judge.reject, 'questionable');
  assert.deepEqual(readCampaignConfig(out), written);
});
