import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { campaign } from '../report/fixtures/records.js';
import { parseSuite } from '../replay/suite.js';
import { exportInput, exporters, getExporter } from './index.js';
import type { ExportOptions } from './types.js';

const tricky = 'He said "great, {{ really }}",\nthen left & <b>smiled</b>';
const c = campaign('c-demo', 'local:wink', [
  {
    id: 'e1',
    status: 'succeeded',
    text: 'Loved every minute.',
    adversarial: 'Lovfed every minute.',
    edits: [{ family: 'typo', position: 0, from: 'Loved', to: 'Lovfed' }],
    stability: 0.7,
  },
  { id: 'e2', status: 'failed', text: 'Great phone, highly recommended.', truth: 'positive' },
  {
    id: 'e3',
    status: 'succeeded',
    text: tricky,
    truth: 'negative',
    adversarial: tricky.replace('smiled', 'grinned'),
    edits: [
      { family: 'synonym', position: 9, from: 'smiled', to: 'grinned' },
      { family: 'typo', position: 2, from: 'great', to: 'graet' },
    ],
  },
  { id: 'e4', status: 'failed', text: 'Wobbly flip.', adversarial: 'Wobbli flip.', reason: 'unverified' },
  { id: 'e5', status: 'skipped', text: 'Already wrong.' },
  { id: 'e6', status: 'errored', text: 'Target failed.', reason: 'boom' },
  { id: 'e7', status: 'failed', text: '<img src=x onerror=alert(1)>', truth: 'negative' },
]);
const options: ExportOptions = { controls: true, predictModule: './predict.mjs' };
const input = (o: Partial<ExportOptions> = {}) => exportInput(c.config, c, c.records, { ...options, ...o });

/** The exporters' CSV read back by csv-parse. */
function parseCsv(text: string): string[][] {
  return parse(text);
}

test('cases: verified flips always; controls only on request and only robust originals with no unverified flip', () => {
  const without = input({ controls: false }).cases;
  assert.deepEqual(
    without.map((x) => [x.kind, x.id]),
    [
      ['adversarial', 'e1'],
      ['adversarial', 'e3'],
    ],
  );
  const withControls = input().cases;
  assert.deepEqual(
    withControls.map((x) => [x.kind, x.id]),
    [
      ['adversarial', 'e1'],
      ['control', 'e2'],
      ['adversarial', 'e3'],
      ['control', 'e7'],
    ],
  );
  const e1 = withControls[0]!;
  assert.equal(e1.text, 'Lovfed every minute.');
  assert.equal(e1.original, 'Loved every minute.');
  assert.equal(e1.expected, 'positive');
  assert.equal(e1.recorded, 'negative');
  assert.equal(e1.flipDistance, 1);
  assert.equal(withControls[1]!.text, withControls[1]!.original);
});

test('registry: every format is registered and an unknown one is a usage error listing them', () => {
  assert.deepEqual(Object.keys(exporters).sort(), [
    'csv',
    'jsonl',
    'junit',
    'node-test',
    'promptfoo',
    'promptfoo-csv',
    'promptfoo-jsonl',
    'vitest',
  ]);
  assert.throws(
    () => getExporter('yaml'),
    (err: Error & { code?: string }) =>
      err.code === 'QUIVER_UNKNOWN_COMPONENT' && /valid export formats: promptfoo/.test(err.message),
  );
});

test('jsonl: the Quiver suite round-trips through the replay reader', () => {
  const text = getExporter('jsonl').render(input());
  const suite = parseSuite('s.jsonl', text);
  assert.equal(suite.header.schemaVersion, 1);
  assert.deepEqual(suite.header.cases, { adversarial: 2, controls: 2 });
  assert.equal(suite.header.source.model, 'local:wink');
  assert.equal(suite.header.source.seed, 42);
  assert.deepEqual(
    suite.cases.map((x) => x.text),
    input().cases.map((x) => x.text),
  );
  assert.equal(suite.cases[2]!.original, tricky);
  assert.deepEqual(
    suite.cases[2]!.edits.map((e) => e.family),
    ['synonym', 'typo'],
  );
});

test('csv: one row per case, quotes, commas and newlines survive', () => {
  const rows = parseCsv(getExporter('csv').render(input()));
  assert.deepEqual(rows[0]!.slice(0, 7), ['kind', 'id', 'index', 'expected', 'recorded', 'text', 'original']);
  assert.equal(rows.length, 1 + 4);
  const e3 = rows.find((r) => r[1] === 'e3')!;
  assert.equal(e3[5], tricky.replace('smiled', 'grinned'));
  assert.equal(e3[7], 'synonym+typo');
  assert.deepEqual(JSON.parse(e3[10]!), input().cases[2]!.edits);
});

test('promptfoo YAML: a runnable config with the prompt, an OpenAI-compatible provider and one test per case', () => {
  const y = getExporter('promptfoo').render(input({ apiBaseUrl: 'http://127.0.0.1:9999/v1' }));
  assert.match(y, /^# Quiver regression suite for promptfoo/);
  assert.match(y, /\nprompts:\n {2}- "\{\{text\}\}"\n/);
  assert.match(
    y,
    new RegExp(
      String.raw`\n {2}- id: "openai:chat:local:wink"\n {4}label: "local:wink"\n {4}config:\n {6}apiBaseUrl: ` +
        String.raw`"http:\/\/127.0.0.1:9999\/v1"\n`,
    ),
  );
  assert.equal(y.match(/\n {2}- description: /g)?.length, 4);
  assert.match(
    y,
    new RegExp(
      String.raw`- description: "adversarial e1: typo \(1 edit\) flips positive to negative"\n {4}vars:\n ` +
        String.raw`{6}text: "Lovfed every minute."\n {6}original: "Loved every minute."\n {6}expected: ` +
        String.raw`"positive"\n {4}assert:\n {6}- type: "equals"\n {8}value: "positive"\n {8}metric: ` +
        String.raw`"adversarial"\n`,
    ),
  );
  // promptfoo renders vars as Nunjucks: each `{` of a text is written as a string expression, escapes keep it on one
  // line.
  assert.ok(
    y.includes('text: "He said \\"great, {{ \\"{\\" }}{{ \\"{\\" }} really }}\\",\\nthen left & <b>grinned</b>"'),
  );
  assert.match(y, /quiverKind: "control"/);
  assert.match(y, /edits:\n {8}- family: "typo"\n {10}position: 0\n {10}from: "Loved"\n {10}to: "Lovfed"\n/);
  assert.match(y, /seed: 42\n/);
  assert.match(y, /date: "2026-01-02T03:04:05.000Z"/);
  assert.doesNotMatch(getExporter('promptfoo').render(input()), /apiBaseUrl:/, 'no URL given: OPENAI_BASE_URL applies');
  assert.match(
    getExporter('promptfoo').render(input({ provider: 'openai:chat:gpt-4o-mini' })),
    /id: "openai:chat:gpt-4o-mini"/,
  );
  // A campaign against an OpenAI-compatible endpoint keeps its model, base URL and key variable.
  const llm = campaign('c-llm', 'openai:gpt-4o-mini', [{ id: 'e1', status: 'failed', text: 'ok' }]);
  const cfg = {
    ...llm.config,
    attack: {
      ...llm.config.attack,
      targetOptions: { baseURL: 'http://127.0.0.1:8000/v1', apiKeyEnv: 'MY_KEY', model: 'ignored' },
    },
  };
  const ly = getExporter('promptfoo').render(exportInput(cfg, llm, llm.records, options));
  assert.match(
    ly,
    new RegExp(
      String.raw`- id: "openai:chat:gpt-4o-mini"\n {4}label: "openai:gpt-4o-mini"\n {4}config:\n ` +
        String.raw`{6}apiBaseUrl: "http:\/\/127.0.0.1:8000\/v1"\n {6}apiKeyEnvar: "MY_KEY"\n`,
    ),
  );
});

test("promptfoo CSV and JSONL: the same tests in promptfoo's other native forms", () => {
  const rows = parseCsv(getExporter('promptfoo-csv').render(input()));
  const head = rows[0]!;
  assert.deepEqual(head.slice(0, 6), ['text', 'original', 'expected', '__expected', '__description', '__metric']);
  assert.ok(
    head.includes('__metadata:campaign') && head.includes('__metadata:seed') && head.includes('__metadata:edits'),
  );
  const e1 = Object.fromEntries(head.map((h, j) => [h, rows.find((r) => r[0] === 'Lovfed every minute.')![j]]));
  assert.equal(e1.__expected, 'equals:positive');
  assert.equal(e1.__metric, 'adversarial');
  assert.equal(e1['__metadata:flipDistance'], '1');
  assert.equal(e1['__metadata:model'], 'local:wink');
  const lines = getExporter('promptfoo-jsonl')
    .render(input())
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 4);
  assert.deepEqual(lines[1].assert, [{ type: 'equals', value: 'positive', metric: 'control' }]);
  assert.equal(lines[1].vars.text, 'Great phone, highly recommended.');
  assert.equal(lines[0].metadata.campaign, 'c-demo');
});

test('junit: a testcase per example; flip = failure, robust = pass, already wrong = skipped, error = error', () => {
  const x = getExporter('junit').render(input());
  assert.match(
    x,
    new RegExp(
      String.raw`^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="quiver c-demo" tests="7" ` +
        'failures="2" errors="1" skipped="1"',
    ),
  );
  assert.equal(x.match(/<testcase /g)?.length, 7);
  assert.equal(x.match(/<failure /g)?.length, 2);
  // Markup and quotes from the data are escaped, in attributes and text; newlines survive as references.
  assert.ok(x.includes('name="e7: &lt;img src=x onerror=alert(1)&gt;"'));
  assert.ok(x.includes('He said &quot;great, {{ really }}&quot;,&#10;then left &amp; &lt;b&gt;smiled&lt;/b&gt;'));
  assert.doesNotMatch(x, /<img|<b>/);
  assert.match(x, /<error message="boom" type="target-error"\/>/);
  assert.match(x, /<system-out>unverified: Wobbli flip.<\/system-out>/);
});

test('node-test: the generated file runs under node --test, one batched predict call, asserts each label', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-nodetest-'));
  writeFileSync(join(dir, 'suite.test.mjs'), getExporter('node-test').render(input()));
  // A stand-in model: negative only when it sees "Lovfed" or "&" (so e1 and e3's adversarial inputs are answered
  // negative), positive otherwise; it also counts its calls.
  writeFileSync(
    join(dir, 'predict.mjs'),
    "let calls = 0;\nexport async function predict(texts) {\n  if (++calls > 1) throw new Error('predict called " +
      "twice');\n  return texts.map((t, i) => { const l = /Lovfed|&/.test(t) ? 'negative' : 'positive'; return i % " +
      '2 ? l : { label: l, scores: {} }; });\n}\n',
  );
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const r = spawnSync(process.execPath, ['--test', '--test-reporter=tap', 'suite.test.mjs'], {
    cwd: dir,
    encoding: 'utf8',
    env,
    timeout: 60_000,
  });
  // e1: expected positive, answered negative -> fails. e3: expected negative, answered negative -> passes.
  // e2: positive -> passes. e7: expected negative, answered positive -> fails.
  assert.match(r.stdout, /# pass 2\n/, r.stdout + r.stderr);
  assert.match(r.stdout, /# fail 2\n/);
  assert.match(r.stdout, /not ok \d+ - adversarial e1: typo \(1 edit\) flips positive to negative/);
  assert.match(r.stdout, /not ok \d+ - control e7: negative/);
  assert.match(r.stdout, /expected: 'positive'\n\s+actual: 'negative'/);
  assert.equal(r.status, 1);
});

test('vitest: the same test file in vitest dialect parses as an ES module', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-vitest-'));
  const text = getExporter('vitest').render(input({ predictModule: '../src/predict.js' }));
  writeFileSync(join(dir, 'suite.test.mjs'), text);
  assert.match(text, /import \{ describe, expect, test \} from 'vitest';/);
  assert.match(text, /import \* as model from "\.\.\/src\/predict\.js";/);
  assert.match(
    text,
    /expect\(label, `\$\{c\.kind\} \$\{c\.id\}: \$\{JSON\.stringify\(c\.text\)\}`\)\.toBe\(c\.expected\)/,
  );
  const r = spawnSync(process.execPath, ['--check', join(dir, 'suite.test.mjs')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
