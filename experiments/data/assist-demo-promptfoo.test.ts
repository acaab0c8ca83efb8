/**
 * The assist demo config, unmodified, under the real promptfoo 0.115 CLI against `quiver serve --model task:all` on
 * the documented port 4917: every test passes there too, with the outputs Quiver computes in-process. Then the same
 * config with a typo in every message: promptfoo and Quiver's evaluators agree test by test, failures included.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { testPasses } from '../../src/assertions/index.js';
import {
  compileSuiteAssertions,
  evalCells,
  localTaskFor,
  readPromptfooConfig,
  renderCell,
} from '../../src/promptfoo-config/index.js';
import { classifiedPart } from '../../src/serve/input.js';
import { cliPath, serveChild, type Served } from '../../src/testing/cli.js';
import { promptfooEval, promptfooMissing } from '../../src/testing/promptfoo-cli.js';
import { DEMO_CONFIG, demoOutputs } from './assist-demo.js';

const skip = promptfooMissing() || (!existsSync(cliPath) && 'run npm run build first');
const work = mkdtempSync(join(tmpdir(), 'quiver-assist-demo-'));
let server: Served | undefined;

after(async () => {
  await server?.stop();
});

/** Quiver's verdict per test description: in-process task output, every assertion compiled and evaluated. */
async function quiverVerdicts(config: string): Promise<Map<string, { pass: boolean; output: string }>> {
  const suite = readPromptfooConfig(config);
  const compiled = await compileSuiteAssertions(suite);
  const verdicts = new Map<string, { pass: boolean; output: string }>();
  for (const cell of evalCells(suite)) {
    const output = localTaskFor(cell.provider)!.answer(classifiedPart(renderCell(cell), 'Text:'));
    const outcomes = [];
    for (const [j, a] of compiled[cell.test.index]!.entries()) {
      const spec = cell.test.assert[j]!.spec as { weight?: number };
      outcomes.push({ outcome: await a.evaluate(output, { vars: cell.test.vars }), weight: spec.weight ?? 1 });
    }
    verdicts.set(cell.test.description!, { pass: testPasses(outcomes, cell.test.threshold), output });
  }
  return verdicts;
}

test('promptfoo eval of the unmodified demo config: every test passes, with the outputs Quiver computes, offline', {
  skip,
}, async () => {
  server = await serveChild(work, '--model', 'task:all', '--port', '4917').catch((err: Error) => {
    throw new Error(`quiver serve could not take the demo's port 4917 (is another server on it?): ${err.message}`);
  });
  const run = promptfooEval(DEMO_CONFIG, work, 'demo');
  const outputs = demoOutputs();
  assert.equal(run.results.length, outputs.size, run.log);
  for (const r of run.results) {
    const name = r.testCase.description!;
    assert.equal(r.success, true, `${name}: ${JSON.stringify(r.gradingResult?.componentResults)} ${r.error ?? ''}`);
    assert.equal(r.response?.output, outputs.get(name), name);
  }
  assert.equal(run.code, 0);
  assert.deepEqual([...new Set(run.hosts)], ['127.0.0.1'], 'no connection left the loopback interface');
});

/** A typo in the longest word of each message: its middle two letters swapped. */
function typo(message: string): string {
  const longest = message.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a));
  const i = Math.floor(longest.length / 2) - 1;
  const changed = longest.slice(0, i) + longest[i + 1] + longest[i] + longest.slice(i + 2);
  return message.replace(longest, changed);
}

test('with a typo in every message, promptfoo and Quiver give the same verdict on every test', { skip }, async () => {
  assert.ok(server !== undefined, 'the first test started the server');
  cpSync(join(DEMO_CONFIG, '..', 'assist-demo'), join(work, 'assist-demo'), { recursive: true });
  const config = parse(readFileSync(DEMO_CONFIG, 'utf8')) as { tests: { vars: { message: string } }[] };
  for (const t of config.tests) t.vars = { ...t.vars, message: typo(t.vars.message) };
  const typoConfig = join(work, 'assist-demo-typos.yaml');
  writeFileSync(typoConfig, stringify(config));
  const ours = await quiverVerdicts(typoConfig);
  const run = promptfooEval(typoConfig, work, 'typos');
  assert.equal(run.results.length, ours.size, run.log);
  let failed = 0;
  for (const r of run.results) {
    const name = r.testCase.description!;
    const components = r.gradingResult?.componentResults?.map((c) => [c.assertion?.type, c.pass, c.reason]);
    assert.equal(r.response?.output, ours.get(name)!.output, name);
    assert.equal(r.success, ours.get(name)!.pass, `${name}: ${JSON.stringify(components)}`);
    if (!r.success) failed++;
  }
  assert.ok(failed >= 5, `the typos flip some tests (${failed} failed)`);
});
