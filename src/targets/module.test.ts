import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../core/errors.js';
import { runTargetContract, sentimentExpectations } from '../testing/target-contract.js';
import { createModuleTarget } from './module.js';

/** Fixture paths relative to the cwd, as a user would write them after `module:`. */
const fixture = (name: string): string =>
  relative(process.cwd(), fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)));
const abs = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

runTargetContract(
  'module: (TS, named exports with labels)',
  () => createModuleTarget(fixture('keyword-classifier.ts')),
  {
    id: `module:${fixture('keyword-classifier.ts')}`,
    expectations: sentimentExpectations,
  },
);
runTargetContract(
  'module: (JS, default export, probed labels)',
  () => createModuleTarget(fixture('length-classifier.mjs')),
  {
    expectations: [
      { text: 'tiny', label: 'short' },
      { text: 'x'.repeat(100), label: 'long' },
    ],
  },
);

test("module: labels come from the export when present, else from the probe prediction, module's order", async () => {
  assert.deepEqual((await createModuleTarget(fixture('keyword-classifier.ts'))).labels, ['negative', 'positive']);
  assert.deepEqual((await createModuleTarget(fixture('length-classifier.mjs'))).labels, ['short', 'long']);
});

test('module: a module answering strings is a text target: no labels, each answer its output', async () => {
  const target = await createModuleTarget(fixture('echo-text.mjs'));
  assert.deepEqual(target.labels, []);
  const [p] = await target.predict(['Route this.\nText: refund please']);
  assert.equal(p!.output, 'TEXT: REFUND PLEASE');
});

test('module: close() is forwarded to the module', async () => {
  const target = await createModuleTarget(fixture('length-classifier.mjs'));
  const mod = (await import(new URL('./fixtures/length-classifier.mjs', import.meta.url).href)) as {
    default: { closed: boolean };
  };
  mod.default.closed = false; // the contract suites above already closed this shared module instance
  await target.close?.();
  assert.equal(mod.default.closed, true);
});

test('module: a missing file or empty path is a ConfigError naming the path', async () => {
  await assert.rejects(createModuleTarget('./no/such/model.js'), (err: unknown) => {
    assert.ok(err instanceof ConfigError);
    assert.match(err.message, /target module not found: .*no\/such\/model\.js/);
    return true;
  });
  await assert.rejects(createModuleTarget(''), ConfigError);
  await assert.rejects(createModuleTarget(fixture('')), /not found/); // a directory is not a module
});

test('module: load failures and wrong exports are ConfigErrors naming the module', async () => {
  const cases: [string, RegExp][] = [
    ['throws-on-load.ts', /cannot load target module .*throws-on-load\.ts: fixture failed at load time/],
    ['no-predict.ts', /no-predict\.ts must export a function predict/],
    ['duplicate-labels.ts', /duplicate-labels\.ts: "labels" has duplicates/],
    [
      'probe-fails.ts',
      /probe-fails\.ts exports no "labels", and the probe predict\(\[""\]\) .*empty input not supported/,
    ],
  ];
  for (const [name, message] of cases) {
    await assert.rejects(createModuleTarget(fixture(name)), (err: unknown) => {
      assert.ok(err instanceof ConfigError, `${name}: ${String(err)}`);
      assert.match(err.message, message);
      assert.ok(err.message.includes(abs(name)), err.message);
      return true;
    });
  }
});

test('module: every returned prediction is validated, and the error names the module and the problem', async () => {
  const target = await createModuleTarget(fixture('bad-predictions.ts'));
  assert.deepEqual(await target.predict(['fine']), [{ label: 'positive', scores: { negative: 0.25, positive: 0.75 } }]);
  const cases: [string[], RegExp][] = [
    [['NOT_ARRAY'], /predict must return an array/],
    [['a', 'WRONG_LENGTH'], /returned 1 predictions for 2 texts/],
    [['THROW'], /predict failed: model crashed/],
    [['NAN'], /prediction 0 \(text "NAN"\): scores\["negative"\] must be a finite number, got NaN/],
    [['ok', 'NUMBER_LABEL'], /prediction 1 .*label must be a string, got number/],
    [['UNKNOWN_LABEL'], /label "maybe" is not one of the target's labels/],
    [['UNKNOWN_SCORE'], /scores has unknown label "neutral"/],
    [['NOT_NORMALISED'], /scores sum to 1.25, not 1/],
    [['NULL'], /must be an object \{ label, scores \}/],
  ];
  for (const [texts, message] of cases) {
    await assert.rejects(target.predict(texts), (err: unknown) => {
      assert.ok(err instanceof Error);
      assert.match(err.message, message);
      assert.ok(err.message.includes(abs('bad-predictions.ts')), err.message);
      return true;
    });
  }
});

test('module: a TypeScript module loads in plain Node, without a tsx loader (as the installed package runs)', () => {
  // The compiled module.js (dist/, built by `npm test`), in a process started without `--import tsx`.
  const compiled = new URL('../../dist/src/targets/module.js', import.meta.url).href;
  const script = `const { createModuleTarget } = await import(${JSON.stringify(compiled)});
    const t = await createModuleTarget(${JSON.stringify(abs('keyword-classifier.ts'))});
    console.log(JSON.stringify([t.labels, (await t.predict(['a great film']))[0].label]));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [['negative', 'positive'], 'positive']);
});
