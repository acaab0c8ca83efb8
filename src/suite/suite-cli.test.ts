/**
 * `quiver run --config` on configs it cannot use: promptfoo would reject them, the --perturb-var is in no test, a
 * provider cannot be called, an assertion is model-graded. Each is an error naming the file and field, exit 2, and
 * nothing is written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, quiverSync } from '../testing/cli.js';

const skip = !existsSync(cliPath) && 'run npm run build first';
const work = mkdtempSync(join(tmpdir(), 'quiver-suite-cli-'));
const TASK = 'providers:\n  - id: openai:chat:quiver-route\n    config: { apiBaseUrl: "http://127.0.0.1:4917/v1" }\n';
const TESTS =
  'tests:\n  - vars: { ticket: "Please send a copy of the invoice." }\n' +
  '    assert: [{ type: equals, value: billing }]\n';

function refused(name: string, config: string, pattern: RegExp, ...flags: string[]): void {
  writeFileSync(join(work, `${name}.yaml`), config);
  const out = join(work, `${name}-out`);
  const r = quiverSync(work, 'run', '--config', `${name}.yaml`, ...flags, '--out', out);
  assert.equal(r.code, 2, `${name}: ${r.stderr}`);
  assert.match(r.stderr, pattern, name);
  assert.equal(existsSync(out), false, `${name}: nothing written`);
}

test('bad configs, vars, providers and assertions: exit 2 naming file and field, nothing written', { skip }, () => {
  refused('no-prompts', `${TASK}${TESTS}`, /no-prompts\.yaml: prompts: at least one prompt is needed/);
  refused(
    'no-var',
    `prompts: ["Text: {{ticket}}"]\n${TASK}${TESTS}`,
    /no-var\.yaml: tests: --perturb-var message: no test has a var "message" \(vars: ticket\)/,
    '--perturb-var',
    'message',
  );
  refused(
    'two-vars',
    `prompts: ["{{lang}} Text: {{ticket}}"]\n${TASK}${TESTS}`,
    new RegExp(
      /two-vars\.yaml: prompts: name the var to perturb with --perturb-var: /.source +
        /the prompts use several vars \(lang, ticket\)/.source,
    ),
  );
  refused(
    'anthropic',
    `prompts: ["Text: {{ticket}}"]\nproviders: [anthropic:messages:claude-3-5-haiku]\n${TESTS}`,
    /anthropic\.yaml: providers\[0\]\.id: provider "anthropic:messages:claude-3-5-haiku" cannot be called by Quiver/,
  );
  refused(
    'no-key',
    'prompts: ["Text: {{ticket}}"]\nproviders:\n  - id: openai:chat:gpt-4o-mini\n' +
      `    config: { apiBaseUrl: "https://llm.example.com/v1", apiKeyEnvar: QUIVER_TEST_UNSET_KEY }\n${TESTS}`,
    new RegExp(
      /no-key\.yaml: providers\[0\]: provider openai:chat:gpt-4o-mini calls https:\/\/llm\.example\.com\/v1, /.source +
        /but the environment variable QUIVER_TEST_UNSET_KEY holding its key is not set/.source,
    ),
  );
  refused(
    'rubric',
    `prompts: ["Text: {{ticket}}"]\n${TASK}tests:\n  - vars: { ticket: refund }\n` +
      '    assert: [{ type: llm-rubric, value: polite }]\n',
    /rubric\.yaml: tests\[0\]\.assert\[0\]\.type: assertion type "llm-rubric" is not supported: it is model-graded/,
  );
});

test('native tests end to end: two prompts on the same tests compare (prompt A/B), replay and report show the tests', {
  skip,
}, () => {
  writeFileSync(
    join(work, 'tests.jsonl'),
    `${[
      '{"id":"invoice","vars":{"ticket":"Please send me a copy of the invoice for order 5521."},' +
        '"assert":[{"type":"equals","value":"billing"}]}',
      '{"id":"tracking","vars":{"ticket":"Where is my package? The tracking page shows nothing."},' +
        '"assert":[{"type":"equals","value":"shipping"}]}',
      '{"id":"login","vars":{"ticket":"I cannot log in, my password reset link expired."},' +
        '"assert":[{"type":"equals","value":"account"}]}',
    ].join('\n')}\n`,
  );
  // Prompt B puts a billing word after the Text: marker, where the router reads it.
  writeFileSync(join(work, 'a.txt'), 'Route this ticket.\nText: {{ticket}}\n');
  writeFileSync(join(work, 'b.txt'), 'Route this ticket.\nText: {{ticket}} (payment refund)\n');
  for (const p of ['a', 'b']) {
    const r = quiverSync(
      work,
      'run',
      '--dataset',
      'tests.jsonl',
      '--prompt',
      `${p}.txt`,
      '--target',
      'task:route',
      '--perturb-var',
      'ticket',
      '--workers',
      '1',
      '--out',
      `ab-${p}`,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Test runs +3/);
  }
  const cmp = quiverSync(work, 'compare', 'ab-a', 'ab-b', '--json');
  assert.equal(cmp.code, 0, cmp.stderr);
  const comparison = JSON.parse(cmp.stdout) as {
    examples: number;
    models: { name: string; summary: { originalAccuracy: number } }[];
  };
  assert.equal(comparison.examples, 3, 'aligned test by test');
  assert.deepEqual(
    comparison.models.map((m) => m.name),
    ['task:route [prompt a.txt]', 'task:route [prompt b.txt]'],
  );
  assert.ok(
    comparison.models[1]!.summary.originalAccuracy < 1,
    'prompt B breaks a test on its original vars (skipped there)',
  );

  const exported = quiverSync(work, 'export', 'ab-a', '--format', 'jsonl', '--controls', '--out', 'ab-a.jsonl');
  assert.equal(exported.code, 0, exported.stderr);
  const replay = quiverSync(work, 'replay', 'ab-a.jsonl', '--json');
  assert.equal(replay.code, 0, replay.stderr);
  const counts = (JSON.parse(replay.stdout) as { counts: Record<string, number> }).counts;
  const records = readFileSync(join(work, 'ab-a', 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { status: string });
  assert.equal(counts['still-failing'], records.filter((r) => r.status === 'succeeded').length);
  assert.equal(counts.regressed, 0);
  assert.equal(
    quiverSync(work, 'export', 'ab-a', '--format', 'vitest').code,
    2,
    'label-only formats are refused for assertion campaigns',
  );

  assert.equal(quiverSync(work, 'report', 'ab-a', '--html', 'ab-a.html').code, 0);
  const page = readFileSync(join(work, 'ab-a.html'), 'utf8');
  assert.match(page, /the tests of tests\.jsonl \(var ticket perturbed\)/);
  assert.match(page, /output: <code>billing<\/code>/);
});
