import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError, UnknownComponentError } from '../core/errors.js';
import { createTarget, localTargetNames, targetLabels, targetSpecs } from './index.js';

test('registry: every local name builds a target with that id and the labels targetLabels() promises', async () => {
  assert.deepEqual([...localTargetNames], ['local:wink', 'local:afinn', 'local:vader']);
  for (const name of localTargetNames) {
    const target = await createTarget(name);
    assert.equal(target.id, name);
    assert.deepEqual(target.labels, targetLabels(name));
    const [p] = await target.predict(['The service was terrible and the food was cold.']);
    assert.equal(p!.label, 'negative');
  }
});

test('registry: unknown specs throw UnknownComponentError listing every valid spec, module:<path> included', async () => {
  assert.deepEqual([...targetSpecs], ['local:wink', 'local:afinn', 'local:vader', 'local:nb', 'local:nn', 'hf:<dir>', 'openai:<model>', 'module:<path>']);
  for (const spec of ['local:bert', 'wink', 'LOCAL:WINK', '']) {
    await assert.rejects(createTarget(spec), (err: unknown) => {
      assert.ok(err instanceof UnknownComponentError);
      assert.equal(err.message, `unknown target "${spec}"; valid targets: local:wink, local:afinn, local:vader, local:nb, local:nn, hf:<dir>, openai:<model>, module:<path>`);
      return true;
    });
  }
  assert.throws(() => targetLabels('local:bert'), UnknownComponentError);
  assert.equal(targetLabels('module:./x.js'), undefined);
});

test('registry: module:<path> resolves against the cwd; a missing file is a ConfigError naming it', async () => {
  await assert.rejects(createTarget('module:./missing-model.js'), (err: unknown) => {
    assert.ok(err instanceof ConfigError && !(err instanceof UnknownComponentError));
    assert.ok(err.message.includes(`${process.cwd()}/missing-model.js`), err.message);
    return true;
  });
  const fixture = fileURLToPath(new URL('./fixtures/keyword-classifier.ts', import.meta.url));
  const target = await createTarget(`module:${fixture}`);
  assert.equal(target.id, `module:${fixture}`);
});

test('registry: loading one target does not load the other targets\' libraries', () => {
  // A fresh process, so modules loaded by the tests above do not count. CommonJS packages land in require.cache.
  const script = `
    import { createRequire } from 'node:module';
    const { createTarget } = await import(${JSON.stringify(new URL('./index.ts', import.meta.url).href)});
    await createTarget(process.argv[1]);
    const loaded = Object.keys(createRequire(import.meta.url).cache).map((k) => k.split('node_modules/').at(-1).split('/')[0]);
    console.log(JSON.stringify(['wink-nlp', 'natural', 'vader-sentiment'].filter((p) => loaded.includes(p))));`;
  const loadedBy = (spec: string): string[] =>
    JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, spec], { encoding: 'utf8' }));
  assert.deepEqual(loadedBy('local:vader'), ['vader-sentiment']);
  assert.deepEqual(loadedBy('local:afinn'), ['natural']);
  assert.deepEqual(loadedBy('local:wink'), ['wink-nlp']);
});
