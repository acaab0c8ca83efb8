import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError, UnknownComponentError } from '../core/errors.js';
import { examplesInFlight, noShared } from './driver.js';
import { createTarget, targetDriver, targetDrivers, targetSpecs } from './index.js';
import { resolveOpenAIOptions } from './openai/options.js';

const LOOPBACK = { baseURL: 'http://127.0.0.1:9/v1' }; // no key needed, never called

test('registry: the targets whose labels are known before loading build with that id and those labels', async () => {
  const known = targetSpecs.filter((spec) => !spec.includes('<') && targetDriver(spec).labels(spec, {}) !== undefined);
  assert.deepEqual(known, ['local:wink', 'local:afinn', 'local:vader']);
  for (const name of known) {
    const target = await createTarget(name);
    assert.equal(target.id, name);
    assert.deepEqual(target.labels, targetDriver(name).labels(name, {}));
    const [p] = await target.predict(['The service was terrible and the food was cold.']);
    assert.equal(p!.label, 'negative');
  }
  assert.deepEqual(targetDriver('openai:gpt-x').labels('openai:gpt-x', { labels: ['no', 'yes'] }), ['no', 'yes']);
});

test('registry: an unknown spec throws UnknownComponentError listing all specs, openai: and module: too', async () => {
  assert.deepEqual(
    [...targetSpecs],
    [
      'local:wink',
      'local:afinn',
      'local:vader',
      'local:nb',
      'local:nn',
      'hf:<dir>',
      'openai:<model>',
      'module:<path>',
      'task:<name>',
    ],
  );
  assert.deepEqual(targetSpecs, Object.keys(targetDrivers), 'the list is the map itself');
  // Exact names match only themselves; a placeholder key matches its prefix.
  for (const spec of ['local:bert', 'wink', 'LOCAL:WINK', '', 'local:wink2', 'openai', 'hf']) {
    await assert.rejects(createTarget(spec), (err: unknown) => {
      assert.ok(err instanceof UnknownComponentError);
      assert.equal(
        err.message,
        `unknown target "${spec}"; valid targets: local:wink, local:afinn, local:vader, local:nb, local:nn, ` +
          'hf:<dir>, openai:<model>, module:<path>, task:<name>',
      );
      return true;
    });
    assert.throws(() => targetDriver(spec), UnknownComponentError);
  }
  assert.equal(targetDriver('openai:gpt-4o-mini'), targetDrivers['openai:<model>']);
  assert.equal(targetDriver('hf:./my-model'), targetDrivers['hf:<dir>']);
  assert.equal(targetDriver('module:./x.js'), targetDrivers['module:<path>']);
  assert.equal(targetDriver('task:route'), targetDrivers['task:<name>']);
  assert.notEqual(targetDriver('local:nn'), targetDrivers['hf:<dir>']);
  assert.equal(targetDriver('module:./x.js').labels('module:./x.js', {}), undefined);
});

test('drivers: in-flight policy, from the one concurrency default of the openai: options', () => {
  for (const spec of ['local:wink', 'local:nb', 'local:nn', 'module:./x.js'])
    assert.equal(examplesInFlight(targetDriver(spec), {}, 3), 3);
  const openai = targetDriver('openai:gpt-x');
  assert.equal(openai.inFlight.kind, 'endpoint');
  assert.equal(examplesInFlight(openai, {}, 2), resolveOpenAIOptions({}).concurrency);
  assert.equal(examplesInFlight(openai, { concurrency: 20 }, 2), 20);
  assert.equal(examplesInFlight(openai, { concurrency: 2 }, 6), 6, 'at least one example per worker');
});

test('drivers: shared state is prepared per kind, checked on arrival, and read by the status line', async () => {
  assert.deepEqual(await targetDriver('local:wink').prepareShared('local:wink', {}), noShared);
  assert.equal(await targetDriver('local:wink').statusLine(noShared), null);
  const openai = targetDriver('openai:gpt-x');
  const shared = await openai.prepareShared('openai:gpt-x', LOOPBACK);
  assert.equal(shared.kind, 'openai-limiter');
  const line = await openai.statusLine(shared);
  assert.equal(line?.(), 'endpoint 0 in flight, 0 rate-limited, 0 failed');
  // State prepared for another kind of target is a bug, not something to paper over with a limiter of its own.
  await assert.rejects(
    createTarget('openai:gpt-x', LOOPBACK, noShared),
    /got shared state of kind "none", expected "openai-limiter"/,
  );
  await assert.rejects(
    createTarget('local:wink', {}, shared),
    /got shared state of kind "openai-limiter", expected "none"/,
  );
  assert.equal((await createTarget('openai:gpt-x', LOOPBACK, shared)).id, 'openai:gpt-x');
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

test("registry: loading one target does not load the other targets' libraries", () => {
  // A fresh process, so modules loaded by the tests above do not count. CommonJS packages land in require.cache.
  const script = `
    import { createRequire } from 'node:module';
    const { createTarget } = await import(${JSON.stringify(new URL('./index.ts', import.meta.url).href)});
    await createTarget(process.argv[1]);
    const loaded = Object.keys(createRequire(import.meta.url).cache)
      .map((k) => k.split('node_modules/').at(-1).split('/')[0]);
    console.log(JSON.stringify(['wink-nlp', 'natural', 'vader-sentiment'].filter((p) => loaded.includes(p))));`;
  const loadedBy = (spec: string): string[] =>
    JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, spec], {
        encoding: 'utf8',
      }),
    );
  assert.deepEqual(loadedBy('local:vader'), ['vader-sentiment']);
  assert.deepEqual(loadedBy('local:afinn'), ['natural']);
  assert.deepEqual(loadedBy('local:wink'), ['wink-nlp']);
});
