/**
 * Assertion campaigns through runCampaign: native JSONL tests run on task:route, a test failing on its original vars
 * skipped and counted, verified 1-minimal flips recorded with both outputs and the failed assertion, campaign.json
 * recording the suite, resume refusing a changed prompt, and a bad --perturb-var writing nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CampaignConfig } from '../contracts/campaign.js';
import { ConfigError } from '../core/errors.js';
import { fanOut } from '../progress/reporter.js';
import { readRecords } from '../testing/cli.js';
import { runCampaign, type RunRequest } from './run.js';
import { suiteDatasetSpec, type SuiteRequest } from './suite.js';

const work = mkdtempSync(join(tmpdir(), 'quiver-suite-'));
writeFileSync(join(work, 'prompt.txt'), 'Route this ticket to one department.\nText: {{ticket}}\n');
writeFileSync(
  join(work, 'tests.jsonl'),
  `${[
    {
      id: 'invoice',
      vars: { ticket: 'Please send me a copy of the invoice for order 5521.' },
      assert: [{ type: 'equals', value: 'billing' }],
    },
    {
      id: 'wrong-on-original',
      vars: { ticket: 'I was charged twice this month.' },
      assert: [{ type: 'contains', value: 'tech' }],
    },
    {
      id: 'tracking',
      vars: { ticket: 'Where is my package? The tracking page shows nothing.' },
      assert: [
        { type: 'not-contains', value: 'general' },
        { type: 'equals', value: 'shipping' },
      ],
    },
  ]
    .map((l) => JSON.stringify(l))
    .join('\n')}\n`,
);

function request(outDir: string, perturbVar = 'ticket', prompt = 'prompt.txt'): RunRequest {
  const suite: SuiteRequest = {
    source: {
      kind: 'quiver-tests',
      file: join(work, 'tests.jsonl'),
      promptFile: join(work, prompt),
      target: { spec: 'task:route', options: {} },
    },
    perturbVar,
  };
  return {
    attack: {
      target: 'task:route',
      targetOptions: {},
      goal: { name: 'untargeted' },
      search: { name: 'abs', options: {} },
      perturbations: ['typo', 'synonym'].map((name) => ({ name, options: {} })),
      maxPerturbRatio: 0.25,
      protect: [],
      seed: 7,
      maxQueries: null,
      stabilitySamples: 4,
      verifyRepeats: 2,
      exampleTimeoutMs: null,
    },
    suite,
    dataset: suiteDatasetSpec(suite, { maxWords: 1000, maxChars: 20_000 }),
    skipInvalid: false,
    limit: null,
    shard: null,
    preset: null,
    workers: 1,
    budgets: { maxTotalQueries: null, maxTimeMs: null, maxTokens: null, maxCostUsd: null },
    outDir,
    mode: 'new',
    force: false,
    handleSignals: false,
  };
}

test('native tests: skipped originals counted, 1-minimal flips verified with output and failed assertion', async () => {
  const dir = join(work, 'run');
  const { summary } = await runCampaign(request(dir), fanOut([]));
  assert.equal(summary.examples, 3);
  assert.equal(summary.skipped, 1);
  const [invoice, wrong, tracking] = readRecords(dir);
  assert.equal(wrong!.status, 'skipped');
  assert.equal(
    wrong!.reason,
    `${join(work, 'tests.jsonl')}: line 2.assert[0] (contains) fails on the original output "billing": ` +
      'Expected output to contain "tech"',
  );
  for (const r of [invoice!, tracking!]) {
    assert.equal(r.status, 'succeeded', `${r.id}: ${r.reason}`);
    assert.equal(r.minimal, true);
    assert.deepEqual(r.verification, { repeats: 2, flipRate: 1, originalAgreement: 1 });
    assert.equal(r.original!.label, 'pass');
    assert.equal(r.adversarial!.label, 'fail');
    assert.notEqual(r.adversarial!.output, r.original!.output);
  }
  assert.equal(invoice!.original!.output, 'billing');
  assert.deepEqual(invoice!.adversarial!.failed, {
    index: 0,
    type: 'equals',
    where: `${join(work, 'tests.jsonl')}: line 1.assert[0]`,
    reason: `Expected output "${invoice!.adversarial!.output}" to equal "billing"`,
  });
  assert.equal(tracking!.original!.output, 'shipping');
  const byType: Record<string, number> = {};
  for (const r of [invoice!, tracking!])
    byType[r.adversarial!.failed!.type] = (byType[r.adversarial!.failed!.type] ?? 0) + 1;
  assert.deepEqual(summary.assertions, { flipsByType: byType });
  const config = JSON.parse(readFileSync(join(dir, 'campaign.json'), 'utf8')) as CampaignConfig;
  assert.equal(config.attack.goal.name, 'assertions');
  assert.deepEqual(config.attack.suite, { perturbVar: 'ticket', targets: [{ spec: 'task:route', options: {} }] });
  assert.equal(config.suite?.perturbVar, 'ticket');
  assert.deepEqual(
    config.suite?.prompts.map((p) => p.template),
    ['Route this ticket to one department.\nText: {{ticket}}'],
  );
  assert.equal(config.dataset.sha256, config.suite?.testsSha256);
});

test('resume re-reads the suite: the same one continues, a changed prompt is refused by name', async () => {
  const dir = join(work, 'run');
  const again = await runCampaign({ ...request(dir), mode: 'resume' }, fanOut([]));
  assert.equal(again.summary.examples, 3, 'nothing attacked twice');
  writeFileSync(join(work, 'prompt2.txt'), 'Which department?\nText: {{ticket}}\n');
  await assert.rejects(
    runCampaign({ ...request(dir, 'ticket', 'prompt2.txt'), mode: 'resume' }, fanOut([])),
    (e: unknown) => e instanceof ConfigError && /holds a different campaign \(prompts: /.test(e.message),
  );
});

test('a --perturb-var no test has, or one a test lacks: refused naming file and field, nothing written', async () => {
  const dir = join(work, 'bad-var');
  await assert.rejects(
    runCampaign(request(dir, 'message'), fanOut([])),
    (e: unknown) =>
      e instanceof ConfigError &&
      e.message ===
        `${join(work, 'tests.jsonl')}: tests: --perturb-var message: no test has a var "message" (vars: ticket)`,
  );
  writeFileSync(
    join(work, 'partial.jsonl'),
    '{"id":"a","vars":{"ticket":"refund"},"assert":[{"type":"equals","value":"billing"}]}\n' +
      '{"id":"b","vars":{"subject":"x"},"assert":[{"type":"equals","value":"billing"}]}\n',
  );
  const partial = request(dir);
  const source = { ...partial.suite!.source, file: join(work, 'partial.jsonl') };
  await assert.rejects(
    runCampaign({ ...partial, suite: { ...partial.suite!, source } }, fanOut([])),
    (e: unknown) =>
      e instanceof ConfigError &&
      e.message.startsWith(
        `${join(work, 'partial.jsonl')}: line 2.vars.ticket: ` +
          '--perturb-var ticket must be a non-empty string in every test (test 1), it is missing',
      ),
  );
  assert.equal(existsSync(dir), false);
});
