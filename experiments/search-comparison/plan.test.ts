import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSearch } from '../../src/search/index.js';
import { sharedDataset } from '../../src/testing/cli.js';
import { oneEditCheck, pairedDistance } from './checks.js';
import { AUDIT, runAudit, runJob } from './job.js';
import { cells, methods, runsOn } from './plan.js';
import { fingerprint } from './report.js';

test('search-comparison: every method builds, ids are unique, the literature rows come from recipes', () => {
  const ms = methods();
  assert.equal(new Set(ms.map((m) => m.id)).size, ms.length);
  for (const m of ms) createSearch(m.search.name, { ...m.search.options });
  for (const id of ['pwws', 'textfooler', 'deepwordbug', 'abs-paper-faithful', 'genetic', 'pso', 'abfs']) {
    assert.match(ms.find((m) => m.id === id)!.source, /^recipe /);
  }
  assert.deepEqual(
    cells().map((c) => c.id),
    ['sst2-wink', 'sst2-vader', 'mr-wink', 'mr-vader', 'fp-nb', 'ag-nb', 'sst2-openai'],
  );
  const served = cells().find((c) => c.served !== undefined)!;
  assert.deepEqual(
    ms
      .filter((m) => runsOn(served, m))
      .map((m) => m.id)
      .sort(),
    [...served.served!.methods].sort(),
  );
  assert.deepEqual(
    ms.filter((m) => m.priorFromExamples === true).map((m) => m.id),
    ['abs', 'abs-beam'],
    'the default row and its beam variant get the prior',
  );
});

test('search-comparison: a job is deterministic, and the fingerprint ignores wall time only', async () => {
  // The cell reads SST-2 dev from ../shared/datasets: fail here, by name, when it is missing.
  sharedDataset('sst2-dev.jsonl');
  const runsDir = mkdtempSync(join(tmpdir(), 'quiver-bench-'));
  const spec = { cell: 'sst2-vader', method: 'abs', limit: 8, runsDir, cacheDir: join(runsDir, 'cache') };
  const a = await runJob(spec);
  const b = await runJob(spec);
  assert.equal(a.examples, 8);
  assert.equal(fingerprint([a]), fingerprint([b]));
  assert.equal(a.minimal, a.succeeded);
  assert.notEqual(fingerprint([a]), fingerprint([{ ...a, succeeded: a.succeeded + 1 }]));
  assert.ok(existsSync(join(runsDir, 'sst2-vader', 'abs', 'results.jsonl')));
  assert.ok(a.prior !== null && a.prior.textsPerAttacked > 0, 'the default row reports what its prior cost');
});

test('search-comparison: the one-edit audit and the per-example checks', async () => {
  sharedDataset('sst2-dev.jsonl');
  const runsDir = mkdtempSync(join(tmpdir(), 'quiver-bench-'));
  const spec = { cell: 'sst2-vader', limit: 12, runsDir, cacheDir: join(runsDir, 'cache') };
  const audit = await runAudit({ ...spec, method: AUDIT });
  assert.ok(audit.oneEditFlippable.length > 0 && audit.oneEditFlippable.length <= audit.attacked);
  for (const method of ['abs', 'pwws']) await runJob({ ...spec, method });
  const check = oneEditCheck(runsDir, audit, 'abs')!;
  assert.equal(check.reportedAsOne, check.flippable, 'every example one edit can flip is reported as one edit');
  const paired = pairedDistance(runsDir, 'sst2-vader', 'abs', 'pwws')!;
  assert.ok(paired.both > 0 && paired.meanDistance! <= paired.versusMeanDistance!);
});
