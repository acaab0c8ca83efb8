import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ConfigError,
  loadCampaign,
  runCampaign,
  type CampaignOptions,
  type ResultRecord,
  type Target,
} from '../index.js';
import { runRequest } from '../campaign/run-request.js';
import { runRequestOf } from './campaign.js';
import { readRecords } from '../testing/cli.js';
import { labels, predict } from '../targets/fixtures/keyword-classifier.js';

const work = mkdtempSync(join(tmpdir(), 'quiver-api-campaign-'));
const moduleFile = fileURLToPath(new URL('../targets/fixtures/keyword-classifier.ts', import.meta.url));
/** The module target's own predict, as a Target object in this thread. */
const keywordObject: Target = { id: 'keyword-object', labels, predict: async (texts) => predict([...texts]) };

const examples = [
  { id: 'a', text: 'A great film with a brilliant cast.', label: 'positive' },
  { id: 'b', text: 'The soup was cold and the service slow.', label: 'negative' },
  { id: 'c', text: 'I loved every minute of it, truly good.', label: 'positive' },
  { text: 'Boring plot, awful acting.', label: 'negative' },
];
const attack: CampaignOptions = { dataset: examples, perturbations: ['typo', 'synonym'], stabilitySamples: 4, seed: 3 };
const withoutTimes = (rs: readonly ResultRecord[]) => rs.map(({ elapsedMs: _e, campaignId: _c, ...rest }) => rest);

test('a Target object is attacked in this thread with the results of its module: path in worker threads', async () => {
  const inWorkers = await runCampaign({
    ...attack,
    target: `module:${moduleFile}`,
    workers: 2,
    out: join(work, 'workers'),
  });
  const seen: string[] = [];
  const inProcess = await runCampaign({
    ...attack,
    target: keywordObject,
    workers: 2,
    out: join(work, 'object'),
    reporter: { onResult: (r) => seen.push(r.id) },
  });
  assert.equal(inProcess.stopKind, null);
  assert.equal(inProcess.summary.examples, 4);
  assert.ok(inProcess.summary.succeeded >= 2, JSON.stringify(inProcess.summary));
  assert.deepEqual(seen, ['a', 'b', 'c', 'line-4'], 'records reach the reporter in dataset order');
  assert.deepEqual(withoutTimes(readRecords(inProcess.outDir)), withoutTimes(readRecords(inWorkers.outDir)));
  const stored = loadCampaign(inProcess.outDir);
  assert.equal(stored.config.attack.target, 'keyword-object');
  assert.match(
    stored.config.dataset.path,
    /object\/examples-[0-9a-f]{12}\.jsonl$/,
    'the examples live in the campaign folder',
  );
  assert.equal(stored.config.dataset.sha256, loadCampaign(inWorkers.outDir).config.dataset.sha256);
});

test('the same options on the same folder resume it; other examples need force, moving the old aside', async () => {
  const out = join(work, 'object');
  let alreadyDone = -1;
  const again = await runCampaign({
    ...attack,
    target: keywordObject,
    out,
    reporter: { onStart: (s) => (alreadyDone = s.alreadyDone) },
  });
  assert.equal(alreadyDone, 4);
  assert.equal(readRecords(out).length, 4, 'nothing attacked twice');
  assert.equal(again.summary.examples, 4);

  const fewer = { ...attack, target: keywordObject, out, dataset: examples.slice(0, 2) };
  await assert.rejects(
    runCampaign(fewer),
    (e) => e instanceof ConfigError && /holds a different campaign \(dataset \(sha256\)/.test(e.message),
  );
  const forced = await runCampaign({ ...fewer, force: true });
  assert.equal(forced.summary.examples, 2);
  const aside = readdirSync(work).filter((f) => f.startsWith('object.replaced-'));
  assert.equal(aside.length, 1);
  assert.equal(readRecords(join(work, aside[0]!)).length, 4, 'the earlier campaign is kept, whole');
  assert.ok(readdirSync(out).some((f) => /^examples-[0-9a-f]{12}\.jsonl$/.test(f)));
});

test('a Target object is attacked `workers` examples at once, and many at once need no thread cap', async () => {
  const inFlight = { now: 0, most: 0 };
  const slow: Target = {
    id: 'slow',
    labels,
    predict: async (texts) => {
      inFlight.most = Math.max(inFlight.most, ++inFlight.now);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight.now--;
      return predict([...texts]);
    },
  };
  const many = [...examples, ...examples].map((ex, i) => ({ ...ex, id: `e${i}` }));
  const options = { target: slow, dataset: many, perturbations: ['typo'], stabilitySamples: 1, maxQueries: 20 };
  await runCampaign({ ...options, workers: 3, out: join(work, 'three') });
  assert.equal(inFlight.most, 3);
  const wide = await runCampaign({ ...options, workers: 64, out: join(work, 'wide') });
  assert.equal(wide.summary.examples, 8);
  assert.equal(inFlight.most, 8, 'every example at once');
});

test('bad examples are ConfigErrors naming the entry and field; the default dataset is the bundled demo', async () => {
  await assert.rejects(
    runCampaign({
      target: keywordObject,
      dataset: [examples[0]!, JSON.parse('{"text": "no label"}')],
      out: join(work, 'bad'),
    }),
    (e) => e instanceof ConfigError && e.message === 'dataset[1].label must be a string',
  );
  await assert.rejects(
    runCampaign({ target: keywordObject, dataset: [], out: join(work, 'empty') }),
    /the list of examples is empty/,
  );
  assert.ok(!existsSync(join(work, 'bad')), 'nothing written for a bad list');

  const demo = await runCampaign({
    target: 'local:afinn',
    limit: 2,
    workers: 1,
    stabilitySamples: 2,
    out: join(work, 'demo'),
  });
  assert.equal(demo.summary.examples, 2);
  const config = JSON.parse(readFileSync(join(work, 'demo', 'campaign.json'), 'utf8'));
  assert.match(config.dataset.path, /experiments\/data\/demo-reviews\.jsonl$/);
  assert.equal(config.attack.search.name, 'abs');
  assert.deepEqual(
    config.attack.perturbations.map((p: { name: string }) => p.name),
    ['typo', 'synonym', 'reorder', 'rare-word'],
  );
});

test('runCampaign builds its request with the function quiver run uses: defaults, target options', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'quiver-api-same-')), 'camp');
  const fromApi = runRequestOf({
    target: 'openai:gpt-4o-mini',
    limit: 5,
    seed: 7,
    shard: { index: 1, count: 3 },
    budgets: { maxTotalQueries: 900 },
    out,
  });
  const fromCli = runRequest({
    target: 'openai:gpt-4o-mini',
    limit: 5,
    seed: 7,
    shard: '1/3',
    maxTotalQueries: 900,
    out,
  });
  // The CLI stops on signals; a library call leaves the process's signal handlers alone.
  assert.deepEqual({ ...fromApi, handleSignals: true }, fromCli);
});

test('runCampaign decides the dataset prior on its final search options, as quiver run does', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'quiver-api-prior-')), 'camp');
  const prior = (options: Parameters<typeof runRequestOf>[0]) => runRequestOf({ out, ...options }).attack.search;
  assert.equal(typeof prior({}).options.prior, 'object', 'the default trains it on the dataset');
  const delete_ = prior({ search: { name: 'abs', options: { ranking: 'delete' } } });
  assert.deepEqual(delete_.options, { ranking: 'delete' }, 'another ranking turns the sweep, and the prior, off');
  assert.deepEqual(prior({ search: { name: 'abs', options: { paperFaithful: true } } }).options, {
    paperFaithful: true,
  });
});
