import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttackConfig, CampaignField } from '../contracts/campaign.js';
import { ConfigError } from '../core/errors.js';
import { flagOf, keysOf } from '../options/table.js';
import { quiverSync } from '../testing/cli.js';
import { demoDataset } from './demo.js';
import { runOptionTable, type RunInput, type RunOptions } from './run-options.js';
import { runRequest } from './run-request.js';
import type { RunRequest } from './run.js';

const work = mkdtempSync(join(tmpdir(), 'quiver-run-options-'));

test("quiver run --help lists exactly the table's options, once each, in table order, with their descriptions", () => {
  const help = quiverSync(work, 'run', '--help');
  assert.equal(help.code, 0, help.stderr);
  // Option lines start with two spaces and a flag; long descriptions wrap onto lines that start with more spaces.
  const listed = help.stdout
    .split('\n')
    .flatMap((line) => /^ {2}(--[a-z-]+)/.exec(line)?.[1] ?? [])
    .filter((f) => f !== '--help');
  const declared = keysOf(runOptionTable).map((key) => flagOf(key, runOptionTable[key]));
  assert.deepEqual(listed, declared);
  const flat = help.stdout.replace(/\s+/g, ' ');
  for (const key of keysOf(runOptionTable))
    assert.ok(flat.includes(runOptionTable[key].description.replace(/\s+/g, ' ')), `${key}: its description`);
});

/** Where a field of campaign.json sits in the request runCampaign writes it from. */
function requestField(r: RunRequest, field: CampaignField): unknown {
  const [section, name] = field.split('.');
  const of = (o: object): unknown => new Map(Object.entries(o)).get(name ?? '');
  if (section === 'attack') return of(r.attack);
  if (section === 'budgets') return of(r.budgets);
  if (section === 'dataset') return of(r.dataset.limits ?? {});
  return new Map<string | undefined, unknown>([
    ['limit', r.limit],
    ['workers', r.workers],
    ['preset', r.preset],
  ]).get(section);
}

test('a number option lands where its `config` says; only a result-deciding option declares `identity`', () => {
  const base = runRequest({});
  const values: RunInput = {
    maxWords: 77,
    maxChars: 777,
    exampleTimeout: 5000,
    seed: 7,
    workers: 1,
    limit: 3,
    maxQueries: 99,
    maxPerturbRatio: 0.5,
    stabilitySamples: 4,
    verify: 2,
    maxTotalQueries: 1000,
    maxTime: 60_000,
    maxTokens: 500,
    maxCost: 1.5,
  };
  for (const key of keysOf(values)) {
    const spec = runOptionTable[key];
    const changed = runRequest({ [key]: values[key] });
    assert.equal(spec.config.length, 1, key);
    assert.equal(requestField(changed, spec.config[0]!), values[key], `${key} -> ${spec.config[0]}`);
    // Workers and budgets may change when a campaign is resumed; everything else here decides its results.
    const decides = !/^(workers|budgets\.)/.test(spec.config[0]!);
    assert.equal('identity' in spec, decides, `${key}: identity`);
    if ('identity' in spec)
      assert.notDeepEqual(spec.identity(changed), spec.identity(base), `${key}: its identity sees the change`);
  }
  // Options that only steer this run write nothing into campaign.json and never conflict with it.
  for (const key of [
    'out',
    'resume',
    'force',
    'retryErrored',
    'dryRun',
    'pilot',
    'json',
    'stopTimeout',
    'allowManyWorkers',
  ] as const) {
    assert.deepEqual([runOptionTable[key].config, 'identity' in runOptionTable[key]], [[], false], key);
  }
});

test("runRequest: a partial options object gets the table's defaults, then the preset's for options not given", () => {
  const r = runRequest({ target: 'local:afinn' });
  assert.equal(r.attack.target, 'local:afinn');
  assert.deepEqual(
    [r.attack.seed, r.attack.search.name, r.attack.maxPerturbRatio, r.attack.stabilitySamples],
    [42, 'abs', 0.25, 20],
  );
  assert.deepEqual(
    r.attack.perturbations.map((p) => p.name),
    ['typo', 'synonym', 'reorder', 'rare-word'],
  );
  assert.deepEqual(
    [r.dataset.path, r.dataset.limits, r.attack.exampleTimeoutMs, r.limit],
    [demoDataset, { maxWords: 1000, maxChars: 20_000 }, 120_000, null],
  );
  const smoke = runRequest({ preset: 'smoke' });
  assert.deepEqual(
    [smoke.limit, smoke.attack.maxQueries, smoke.attack.stabilitySamples, smoke.attack.search.options.beamWidth],
    [20, 300, 5, 2],
  );
  const given = runRequest({ preset: 'smoke', limit: 3, stabilitySamples: 0 });
  assert.deepEqual([given.limit, given.attack.stabilitySamples, given.attack.maxQueries], [3, 0, 300]);
  assert.equal(runRequest({ preset: 'release' }).limit, null, 'release attacks every example');
  assert.throws(
    () => runRequest({ recipe: 'pwws-ren-2019', search: 'beam', maxPerturbRatio: 0.5 }),
    (e: unknown) =>
      e instanceof ConfigError &&
      /--recipe pwws-ren-2019 sets the search.*; drop --search, --max-perturb-ratio$/.test(e.message),
  );
});

test('--resume: an option given that decides results must agree with campaign.json; others may change', () => {
  const dir = join(work, 'stored');
  const attack: AttackConfig = { ...runRequest({}).attack, seed: 5 };
  const config = {
    type: 'campaign',
    schemaVersion: 1,
    quiverVersion: '0.1.0',
    createdAt: '2025-01-01T00:00:00.000Z',
    attack,
    dataset: {
      path: demoDataset,
      format: 'jsonl',
      fields: { text: 'text', label: 'label', id: 'id' },
      sha256: 'ab',
      examples: 3,
      skipInvalid: false,
      maxWords: 1000,
      maxChars: 20_000,
    },
    limit: null,
    shard: null,
    preset: null,
    workers: 2,
    budgets: { maxTotalQueries: null, maxTimeMs: null, maxTokens: null, maxCostUsd: null },
    packages: {},
    node: 'v20.0.0',
  };
  mkdirSync(dir);
  writeFileSync(join(dir, 'campaign.json'), JSON.stringify(config));
  const resumed = runRequest({ resume: dir, seed: 5, workers: 1, maxTime: 60_000 });
  assert.deepEqual(
    [resumed.attack, resumed.workers, resumed.budgets.maxTimeMs, resumed.mode],
    [attack, 1, 60_000, 'resume'],
  );
  const conflict = (input: RunInput, flags: string) =>
    assert.throws(
      () => runRequest({ resume: dir, ...input }),
      (e: unknown) => e instanceof ConfigError && e.message.startsWith(`${flags} conflict`),
      flags,
    );
  conflict({ seed: 6 }, '--seed');
  conflict({ posConsistency: false }, '--no-pos-consistency');
  conflict({ search: 'beam', limit: 4 }, '--search, --limit');
});

// Types: the options object is inferred from the table, so a missing or mistyped option does not compile.
// biome-ignore lint/suspicious/noExportsInTest: kept (exported) for noUnusedLocals; type-checked, never run.
export function typeChecks(o: RunOptions): void {
  const seed: number = o.seed;
  const scope: 'example' | 'prompt' | 'both' | undefined = o.scope;
  const cache: boolean = o.cache;
  // @ts-expect-error an option without a default may be absent
  const limit: number = o.limit;
  // @ts-expect-error no such option
  void o.maxWord;
  // @ts-expect-error a seed is a number
  const input: RunInput = { seed: '3' };
  void [seed, scope, cache, limit, input];
}

test('runRequest: the default abs search trains its prior on the campaign dataset, where the prior can read it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-prior-request-'));
  const data = join(dir, 'data.jsonl');
  writeFileSync(data, '{"t":"good","y":"positive"}\n');
  const r = runRequest({ dataset: data, textField: 't', labelField: 'y' });
  assert.deepEqual(r.attack.search, {
    name: 'abs',
    options: { prior: { train: data, textField: 't', labelField: 'y', skipInvalid: true } },
  });
  assert.equal(
    (runRequest({}).attack.search.options.prior as { train: string }).train,
    demoDataset,
    'the bundled demo too',
  );
  const smoke = runRequest({ preset: 'smoke', dataset: data }).attack.search.options;
  assert.deepEqual([smoke.beamWidth, (smoke.prior as { train: string }).train], [2, data], 'with a preset');
  // No prior where it cannot help or the search was told otherwise.
  const none = (input: RunInput) => runRequest(input).attack.search.options.prior;
  writeFileSync(join(dir, 'data.csv'), 'text,label\ngood,positive\n');
  assert.equal(none({ dataset: join(dir, 'data.csv') }), undefined, 'CSV: the prior reads JSONL only');
  assert.equal(none({ dataset: data, labelMap: 'positive=positive' }), undefined, 'a label map');
  assert.equal(none({ dataset: data, ranking: 'delete' }), undefined, 'another ranking turns the sweep off');
  assert.equal(none({ dataset: data, search: 'greedy-wir' }), undefined, 'another search');
  assert.equal(none({ dataset: data, recipe: 'abs-xiao-2024' }), undefined, 'the paper recipe');
});
