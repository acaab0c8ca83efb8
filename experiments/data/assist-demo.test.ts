/**
 * The assist demo config, read by Quiver's promptfoo reader and answered in-process by the bundled tasks: at least
 * 60 tests (20 per task), every one passing on its original vars with Quiver's evaluators.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileSuiteAssertions, evalCells, readPromptfooConfig } from '../../src/promptfoo-config/index.js';
import { DEMO_CONFIG, demoOutputs } from './assist-demo.js';

test('the demo has at least 60 tests, 20 per task, one run each, every provider a bundled task', () => {
  const suite = readPromptfooConfig(DEMO_CONFIG);
  const perTask = new Map<string, number>();
  for (const t of suite.tests) perTask.set(String(t.metadata.task), (perTask.get(String(t.metadata.task)) ?? 0) + 1);
  assert.ok(suite.tests.length >= 60, `${suite.tests.length} tests`);
  for (const task of ['extract', 'route', 'policy'])
    assert.ok((perTask.get(task) ?? 0) >= 20, `${task}: ${perTask.get(task)}`);
  assert.equal(evalCells(suite).length, suite.tests.length);
  assert.equal(new Set(suite.tests.map((t) => t.description)).size, suite.tests.length, 'descriptions are unique');
});

test("every demo test passes on its original vars, each assertion with Quiver's evaluators", async () => {
  const suite = readPromptfooConfig(DEMO_CONFIG);
  const compiled = await compileSuiteAssertions(suite);
  const outputs = demoOutputs();
  for (const t of suite.tests) {
    const output = outputs.get(t.description!)!;
    for (const [j, a] of compiled[t.index]!.entries()) {
      const outcome = await a.evaluate(output, { vars: t.vars, originalOutput: output });
      assert.equal(
        outcome.pass,
        true,
        `${t.description} ${t.assert[j]!.where} (${a.spec.type}) on ${JSON.stringify(output)}: ${outcome.reason}`,
      );
    }
  }
});
