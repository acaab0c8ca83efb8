/**
 * The demo command, `quiver run --config experiments/data/assist-demo.yaml` (offline: the quiver-<task> providers are
 * answered in-process), finds verified 1-minimal flips for every demo task; then its promptfoo export, run by the
 * real promptfoo 0.115 against `quiver serve --model task:all`, fails on exactly the adversarial cases and passes the
 * controls (the round trip).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CampaignConfig } from '../../src/contracts/campaign.js';
import { readPromptfooConfig } from '../../src/promptfoo-config/index.js';
import { cliPath, quiverSync, readRecords, repoRoot, serveChild, type Served } from '../../src/testing/cli.js';
import { promptfooEval, promptfooMissing } from '../../src/testing/promptfoo-cli.js';
import { DEMO_CONFIG } from './assist-demo.js';

const built = existsSync(cliPath) || 'run npm run build first';
const work = mkdtempSync(join(tmpdir(), 'quiver-assist-campaign-'));
const out = join(work, 'demo');
let server: Served | undefined;

after(async () => {
  await server?.stop();
});

test('quiver run --config assist-demo.yaml: verified 1-minimal flips for every task, offline', {
  skip: built === true ? false : built,
}, () => {
  const r = quiverSync(repoRoot, 'run', '--config', DEMO_CONFIG, '--workers', '2', '--out', out);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Test runs +62/);
  const taskOf = new Map(readPromptfooConfig(DEMO_CONFIG).tests.map((t) => [t.description!, String(t.metadata.task)]));
  const records = readRecords(out);
  assert.equal(records.length, 62);
  const flips = new Map<string, number>();
  for (const rec of records) {
    assert.notEqual(rec.status, 'errored', `${rec.id}: ${rec.reason}`);
    assert.notEqual(rec.status, 'skipped', `${rec.id} passes on its original vars: ${rec.reason}`);
    if (rec.status !== 'succeeded') continue;
    assert.equal(rec.minimal, true, rec.id);
    assert.equal(rec.verification?.flipRate, 1, rec.id);
    assert.equal(rec.original?.label, 'pass');
    assert.ok(rec.adversarial?.failed?.type !== undefined && rec.adversarial.output !== undefined, rec.id);
    const task = taskOf.get(rec.id)!;
    flips.set(task, (flips.get(task) ?? 0) + 1);
  }
  for (const task of ['extract', 'route', 'policy'])
    assert.ok((flips.get(task) ?? 0) > 0, `no verified flip for ${task}: ${JSON.stringify([...flips])}`);
  const config = JSON.parse(readFileSync(join(out, 'campaign.json'), 'utf8')) as CampaignConfig;
  assert.equal(config.suite?.perturbVar, 'message', 'the one var the prompt uses');
  assert.deepEqual(
    config.attack.suite?.targets.map((t) => t.spec),
    ['task:route', 'task:extract', 'task:policy'],
  );
});

const skipRoundTrip = promptfooMissing() || (built === true ? false : built);

test('the promptfoo export, under promptfoo 0.115 against quiver serve, fails on exactly the adversarial cases', {
  skip: skipRoundTrip,
}, async () => {
  assert.ok(existsSync(join(out, 'results.jsonl')), 'the first test ran the campaign');
  server = await serveChild(work, '--model', 'task:all', '--port', '0');
  const suite = join(work, 'regression.yaml');
  const r = quiverSync(
    repoRoot,
    'export',
    out,
    '--format',
    'promptfoo',
    '--controls',
    '--api-base-url',
    server.url,
    '--out',
    suite,
  );
  assert.equal(r.code, 0, r.stderr);
  const records = readRecords(out);
  const adversarial = new Set(records.filter((x) => x.status === 'succeeded').map((x) => x.id));
  const controls = new Set(records.filter((x) => x.status === 'failed' && x.adversarial === null).map((x) => x.id));
  const run = promptfooEval(suite, work, 'roundtrip');
  assert.equal(run.results.length, adversarial.size + controls.size, run.log);
  for (const res of run.results) {
    const id = String(res.testCase.metadata?.exampleId);
    const components = res.gradingResult?.componentResults?.map((c) => [c.assertion?.type, c.pass, c.reason]);
    const why = `${id}: ${JSON.stringify(components)} ${res.error ?? ''}`;
    if (adversarial.has(id)) assert.equal(res.success, false, `adversarial case passes under promptfoo: ${why}`);
    else assert.equal(res.success, true, `control fails under promptfoo: ${why}`);
  }
  assert.deepEqual([...new Set(run.hosts)], ['127.0.0.1'], 'no connection left the loopback interface');
});
