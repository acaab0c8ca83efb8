/** Reading promptfoo configs and native JSONL tests: promptfoo's merge rules, supported forms, and bad input. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnsupportedAssertionError } from '../assertions/index.js';
import {
  compileSuiteAssertions,
  evalCells,
  localTaskFor,
  readNativeSuite,
  readPromptfooConfig,
  renderCell,
  SuiteConfigError,
} from './index.js';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pf-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const PROVIDER =
  'providers:\n  - id: openai:chat:quiver-route\n    config: { apiBaseUrl: "http://127.0.0.1:4917/v1", ' +
  'apiKeyRequired: false }\n';

test("defaultTest merges as in promptfoo: vars under the test's, assertions first, threshold, provider, affix", () => {
  const dir = folder({
    'c.yaml':
      `prompts: ["Route: {{ticket}} ({{lang}})"]\n${PROVIDER}defaultTest:\n  vars: { lang: en, ticket: ` +
      `default }\n  threshold: 0.5\n  options: { prefix: "[", suffix: "]" }\n  provider: task:policy\n  assert: [{ ` +
      `type: not-contains, value: general }]\n  metadata: { team: support }\ntests:\n  - vars: { ticket: "refund ` +
      `please" }\n    assert: [{ type: equals, value: billing }]\n  - description: own\n    vars: { ticket: x, ` +
      `lang: de }\n    threshold: 0.9\n    provider: { id: "openai:gpt-4o-mini" }\n    metadata: { team: web }\n`,
  });
  const suite = readPromptfooConfig(join(dir, 'c.yaml'));
  const [a, b] = suite.tests;
  assert.deepEqual(a!.vars, { lang: 'en', ticket: 'refund please' });
  assert.deepEqual(
    a!.assert.map((x) => x.where),
    ['defaultTest.assert[0]', 'tests[0].assert[0]'],
  );
  assert.equal(a!.threshold, 0.5);
  assert.deepEqual([a!.provider?.id, b!.provider?.id], ['task:policy', 'openai:gpt-4o-mini']);
  assert.deepEqual([b!.vars.lang, b!.threshold, b!.description, b!.metadata.team], ['de', 0.9, 'own', 'web']);
  assert.equal(renderCell(evalCells(suite)[0]!), '[Route: refund please (en)]');
});

test('list vars expand into one test per combination; prompts from files split at ---; provider prompt filters', () => {
  const dir = folder({
    'p.txt': 'First {{x}}\n---\nSecond {{x}}\n',
    'c.yaml':
      `prompts:\n  - file://p.txt\n  - { raw: "Third {{x}}", label: third }\nproviders:\n  - id: ` +
      `task:route\n    prompts: [third]\n  - id: local:wink\ntests:\n  - vars: { x: [a, b], y: [1, 2], z: [[1], ` +
      `[2]] }\n`,
  });
  const suite = readPromptfooConfig(join(dir, 'c.yaml'));
  assert.deepEqual(
    suite.tests.map((t) => [t.vars.x, t.vars.y]),
    [
      ['a', [1, 2]],
      ['b', [1, 2]],
    ],
    'a list of numbers is not expanded',
  );
  assert.deepEqual(suite.tests[0]!.vars.z, [[1], [2]]);
  assert.deepEqual(
    suite.prompts.map((p) => p.template),
    ['First {{x}}', 'Second {{x}}', 'Third {{x}}'],
  );
  const cells = evalCells(suite).filter((c) => c.test.index === 0);
  assert.deepEqual(
    cells.map((c) => `${c.provider.id} ${renderCell(c)}`),
    ['task:route Third a', 'local:wink First a', 'local:wink Second a', 'local:wink Third a'],
  );
});

test('providers: OpenAI-compatible base URLs, Quiver targets, and which run in-process as bundled tasks', () => {
  const dir = folder({
    'c.yaml':
      'prompts: ["{{x}}"]\nproviders:\n  - id: openai:chat:quiver-route\n    config: { apiBaseUrl: ' +
      '"http://127.0.0.1:4917/v1", temperature: 0 }\n  - { id: "openai:gpt-4o", config: { apiHost: api.example.com ' +
      '} }\n  - openai:chat:quiver-extract\n  - task:policy\n  - openai:chat:quiver-route: { config: { baseURL: ' +
      '"https://llm.example.com/v1" } }\ntests: [{ vars: { x: hi } }]\n',
  });
  const [serve, host, plain, task, remote] = readPromptfooConfig(join(dir, 'c.yaml')).providers;
  assert.deepEqual(serve, {
    kind: 'openai',
    id: 'openai:chat:quiver-route',
    label: 'openai:chat:quiver-route',
    model: 'quiver-route',
    baseURL: 'http://127.0.0.1:4917/v1',
    config: { temperature: 0 },
    prompts: null,
  });
  assert.equal(host!.kind === 'openai' && host!.baseURL, 'https://api.example.com/v1');
  assert.deepEqual(
    [serve, host, plain, task, remote].map((p) => localTaskFor(p!)?.name),
    ['route', undefined, undefined, 'policy', undefined],
    'only loopback quiver-<task> models and task: targets',
  );
});

test('tests from YAML and JSONL files, with their file and position in messages', async () => {
  const dir = folder({
    't.yaml':
      '- vars: { x: a }\n  assert: [{ type: equals, value: a }]\n- vars: { x: b }\n  assert: [{ type: llm-rubric, ' +
      'value: polite }]\n',
    't.jsonl': '{"vars": {"x": "c"}, "assert": [{"type": "contains", "value": "c"}]}\n\n{"vars": {"x": "d"}}\n',
    'c.yaml': `prompts: ["{{x}}"]\n${PROVIDER}tests:\n  - file://t.jsonl\n  - vars: { x: e }\n`,
    'd.yaml': `prompts: ["{{x}}"]\n${PROVIDER}tests: file://t.yaml\n`,
  });
  const suite = readPromptfooConfig(join(dir, 'c.yaml'));
  assert.deepEqual(
    suite.tests.map((t) => [t.vars.x, t.where]),
    [
      ['c', `${join(dir, 't.jsonl')} line 1`],
      ['d', `${join(dir, 't.jsonl')} line 3`],
      ['e', 'tests[1]'],
    ],
  );
  await assert.rejects(
    compileSuiteAssertions(readPromptfooConfig(join(dir, 'd.yaml'))),
    (e: unknown) =>
      e instanceof UnsupportedAssertionError &&
      e.message.startsWith(`${join(dir, 't.yaml')}: [1].assert[0].type: assertion type "llm-rubric"`),
  );
});

test('YAML is read as promptfoo reads it: an unquoted date is a timestamp, merge keys work', () => {
  const dir = folder({
    'c.yaml': `prompts: ["{{x}}"]\n${PROVIDER}base: &b { x: hi }\ntests:\n  - vars: { <<: *b, when: 2025-06-02 }\n`,
  });
  const vars = readPromptfooConfig(join(dir, 'c.yaml')).tests[0]!.vars;
  assert.equal(vars.x, 'hi');
  assert.ok(vars.when instanceof Date);
});

test('configs promptfoo or Quiver cannot use are errors naming the file, test and field', async () => {
  const bad = (body: string, pattern: RegExp) => {
    const dir = folder({ 'c.yaml': body, 'tests.csv': 'x,__expected\na,a\n' });
    assert.throws(
      () => readPromptfooConfig(join(dir, 'c.yaml')),
      (e: unknown) =>
        e instanceof SuiteConfigError && pattern.test(e.message) && e.message.startsWith(join(dir, 'c.yaml')),
    );
  };
  bad(`${PROVIDER}tests: [{ vars: { x: a } }]\n`, /: prompts: at least one prompt is needed/);
  bad('prompts: ["{{x}}"]\ntests: [{ vars: { x: a } }]\n', /: providers: at least one provider is needed/);
  bad(
    'prompts: ["{{x}}"]\nproviders: [anthropic:messages:claude-3-5-sonnet]\ntests: [{ vars: { x: a } }]\n',
    /: providers\[0\]\.id: provider "anthropic:messages:claude-3-5-sonnet" cannot be called/,
  );
  bad('prompts: ["{{x}}"]\nproviders: [openai:embedding:text-embedding-3-small]\ntests: [{}]\n', /providers\[0\]\.id/);
  bad(
    `prompts: ["{{x}}"]\n${PROVIDER}tests:\n  - vars: { x: a }\n  - vars: [x]\n`,
    /: tests\[1\]\.vars: must be an object/,
  );
  bad(`prompts: ["{{x}}"]\n${PROVIDER}tests:\n  - assert: { type: equals }\n`, /: tests\[0\]\.assert: must be a list/);
  bad(
    `prompts: ["{{x}}"]\n${PROVIDER}tests:\n  - vars: { x: "file://secret.txt" }\n`,
    /: tests\[0\]\.vars\.x: "file:\/\/secret\.txt": promptfoo would load/,
  );
  bad(
    `prompts: ["{{x}}"]\n${PROVIDER}defaultTest: { options: { transform: output.trim() } }\ntests: [{ vars: { x: a ` +
      `} }]\n`,
    /: defaultTest\.options\.transform: transforms run code/,
  );
  bad(`prompts: ["{{x}}"]\n${PROVIDER}tests: file://tests.csv\n`, /: tests: CSV test files are not supported yet/);
  bad(
    `prompts: ["file://chat.json"]\n${PROVIDER}tests: [{}]\n`,
    /: prompts\[0\]: file:\/\/chat\.json: only text prompt files/,
  );
  bad(`prompts: ["{{x}}"]\n${PROVIDER}scenarios: []\ntests: [{}]\n`, /: scenarios: scenarios are not supported/);
  bad('- just\n- a list\n', /: file: a promptfoo config must be a mapping/);
  bad('prompts: [\n', /: file: not valid YAML or JSON/);
  const dir = folder({
    'c.yaml':
      `prompts: ["{{x}}"]\n${PROVIDER}tests:\n  - vars: { x: a }\n  - vars: { x: b }\n    assert: [{ type: ` +
      `contians, value: b }]\n`,
  });
  await assert.rejects(
    compileSuiteAssertions(readPromptfooConfig(join(dir, 'c.yaml'))),
    /c\.yaml: tests\[1\]\.assert\[0\]\.type: assertion type "contians" is not supported: unknown assertion type/,
  );
});

test('the native JSONL form: one prompt file, tests by id, errors by line and field', async () => {
  const dir = folder({
    'prompt.txt': 'Route this ticket.\nText: {{ticket}}\n',
    'tests.jsonl':
      '{"id": "t1", "vars": {"ticket": "I was charged twice"}, "assert": [{"type": "equals", "value": "billing"}]}\n',
    'dup.jsonl':
      '{"id": "t1", "vars": {}, "assert": [{"type": "changed"}]}\n{"id": "t1", "vars": {}, "assert": [{"type": ' +
      '"changed"}]}\n',
    'novars.jsonl': '{"id": "t1", "assert": [{"type": "changed"}]}\n',
    'noassert.jsonl': '{"id": "t1", "vars": {}, "assert": []}\n',
  });
  const route = { kind: 'quiver' as const, id: 'task:route', label: 'task:route', prompts: null };
  const suite = readNativeSuite(join(dir, 'tests.jsonl'), join(dir, 'prompt.txt'), [route]);
  const [cell] = evalCells(suite);
  assert.equal(renderCell(cell!), 'Route this ticket.\nText: I was charged twice');
  const equals = (await compileSuiteAssertions(suite))[0]![0]!;
  assert.equal(
    (await equals.evaluate(localTaskFor(cell!.provider)!.answer('I was charged twice'), { vars: {} })).pass,
    true,
  );
  assert.throws(
    () => readNativeSuite(join(dir, 'dup.jsonl'), join(dir, 'prompt.txt'), [route]),
    /dup\.jsonl: line 2\.id: "t1" is already the id of line 1/,
  );
  assert.throws(
    () => readNativeSuite(join(dir, 'novars.jsonl'), join(dir, 'prompt.txt'), [route]),
    /novars\.jsonl: line 1\.vars: must be an object/,
  );
  assert.throws(
    () => readNativeSuite(join(dir, 'noassert.jsonl'), join(dir, 'prompt.txt'), [route]),
    /noassert\.jsonl: line 1\.assert: must be a non-empty list/,
  );
});
