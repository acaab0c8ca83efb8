/**
 * `quiver run --config` on configs it cannot use: promptfoo would reject them, the --perturb-var is in no test, a
 * provider cannot be called, an assertion is model-graded. Each is an error naming the file and field, exit 2, and
 * nothing is written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, quiverSync } from '../testing/cli.js';

const skip = !existsSync(cliPath) && 'run npm run build first';
const work = mkdtempSync(join(tmpdir(), 'quiver-suite-cli-'));
const TASK = 'providers:\n  - id: openai:chat:quiver-route\n    config: { apiBaseUrl: "http://127.0.0.1:4917/v1" }\n';
const TESTS = 'tests:\n  - vars: { ticket: "Please send a copy of the invoice." }\n    assert: [{ type: equals, value: billing }]\n';

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
  refused('no-var', `prompts: ["Text: {{ticket}}"]\n${TASK}${TESTS}`, /no-var\.yaml: tests: --perturb-var message: no test has a var "message" \(vars: ticket\)/, '--perturb-var', 'message');
  refused('two-vars', `prompts: ["{{lang}} Text: {{ticket}}"]\n${TASK}${TESTS}`, /two-vars\.yaml: prompts: name the var to perturb with --perturb-var: the prompts use several vars \(lang, ticket\)/);
  refused('anthropic', `prompts: ["Text: {{ticket}}"]\nproviders: [anthropic:messages:claude-3-5-haiku]\n${TESTS}`, /anthropic\.yaml: providers\[0\]\.id: provider "anthropic:messages:claude-3-5-haiku" cannot be called by Quiver/);
  refused('no-key', `prompts: ["Text: {{ticket}}"]\nproviders:\n  - id: openai:chat:gpt-4o-mini\n    config: { apiBaseUrl: "https://llm.example.com/v1", apiKeyEnvar: QUIVER_TEST_UNSET_KEY }\n${TESTS}`, /no-key\.yaml: providers\[0\]: provider openai:chat:gpt-4o-mini calls https:\/\/llm\.example\.com\/v1, but the environment variable QUIVER_TEST_UNSET_KEY holding its key is not set/);
  refused('rubric', `prompts: ["Text: {{ticket}}"]\n${TASK}tests:\n  - vars: { ticket: refund }\n    assert: [{ type: llm-rubric, value: polite }]\n`, /rubric\.yaml: tests\[0\]\.assert\[0\]\.type: assertion type "llm-rubric" is not supported: it is model-graded/);
});
