import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, InputError } from '../core/errors.js';
import { createTarget, targetDriver } from './index.js';
import { createNbTarget, heldOutExamples, loadNbModel, readLabelled, resolveNbOptions } from './nb.js';
import { isHeldOut } from './nb-model.js';

const sports = ['match', 'goal', 'team', 'coach', 'season', 'league', 'striker', 'score'];
const money = ['shares', 'profit', 'bank', 'market', 'stocks', 'investor', 'earnings', 'dividend'];
const tech = ['software', 'chip', 'laptop', 'internet', 'startup', 'robot', 'cloud', 'app'];

/** 300 short texts, 100 per topic, each mixing topic words with shared filler. */
function dataset(dir: string): string {
  const topics = { sports, business: money, scitech: tech } as const;
  const lines: string[] = [];
  let k = 0;
  for (let i = 0; i < 100; i++) {
    for (const [label, words] of Object.entries(topics)) {
      const w = (j: number) => words[(i * 3 + j) % words.length]!;
      lines.push(
        JSON.stringify({
          id: `ex-${k++}`,
          text: `The ${w(0)} and the ${w(1)} made news today, the ${w(2)} said.`,
          label,
        }),
      );
    }
  }
  lines.push(JSON.stringify({ text: 'constructor toString the match', label: 'sports' })); // id-less, prototype words
  const file = join(dir, 'train.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

test('local:nb: trains, predicts its labels, and holds out a disjoint split by id hash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-nb-'));
  const file = dataset(dir);
  const target = createNbTarget({ train: file, cacheDir: join(dir, 'cache') });
  assert.deepEqual(target.labels, ['business', 'scitech', 'sports']);
  const all = readLabelled(file);
  const preds = await target.predict(all.map((e) => e.text));
  const correct = preds.filter((p, k) => p.label === all[k]!.label).length;
  assert.ok(correct / all.length > 0.95, `accuracy ${correct / all.length}`);
  for (const p of preds) {
    const sum = Object.values(p.scores).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-9 && Object.values(p.scores).every(Number.isFinite));
  }
  const held = heldOutExamples(file, 0.2);
  const { model } = loadNbModel(resolveNbOptions({ train: file, cacheDir: join(dir, 'cache') }));
  assert.ok(held.length > 30 && held.length < 100, `${held.length} held out`);
  assert.equal(model.trainedOn + model.calibratedOn + held.length, all.length);
  assert.ok(held.every((e) => isHeldOut(e.id, 0.2)));
  assert.ok(
    all.some((e) => e.id === 'line-301'),
    'an id-less line is named by its line, as in datasets',
  );
});

test('local:nb: the trained model is cached on disk and reloaded, keyed by file content and options', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-nb-'));
  const file = dataset(dir);
  const cacheDir = join(dir, 'cache');
  const first = loadNbModel(resolveNbOptions({ train: file, cacheDir }));
  const second = loadNbModel(resolveNbOptions({ train: file, cacheDir }));
  assert.equal(first.fromCache, false);
  assert.equal(second.fromCache, true);
  assert.deepEqual(second.model, first.model);
  assert.equal(loadNbModel(resolveNbOptions({ train: file, cacheDir, holdout: 0.3 })).fromCache, false);
  assert.equal(readdirSync(cacheDir).filter((f) => f.startsWith('nb-') && f.endsWith('.json')).length, 2);
  writeFileSync(
    file,
    readLabelled(file)
      .slice(1)
      .map((e) => JSON.stringify(e))
      .join('\n'),
  );
  assert.equal(loadNbModel(resolveNbOptions({ train: file, cacheDir })).fromCache, false);
});

test('local:nb: registered, labels known only once trained, bad options and files are ConfigErrors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quiver-nb-'));
  const file = dataset(dir);
  assert.equal(targetDriver('local:nb').labels('local:nb', {}), undefined);
  const t = await createTarget('local:nb', { train: file, cacheDir: null });
  assert.equal(t.id, 'local:nb');
  assert.throws(
    () => resolveNbOptions({}),
    (e: unknown) => e instanceof ConfigError && /--train FILE/.test(e.message),
  );
  assert.throws(() => resolveNbOptions({ train: file, holdout: 1 }), /holdout/);
  assert.throws(() => resolveNbOptions({ train: file, epochs: 3 }), /unknown option "epochs"/);
  const bad = join(dir, 'bad.jsonl');
  writeFileSync(bad, '{"text": "ok", "label": "a"}\n{"text": 3, "label": "b"}\n');
  assert.throws(
    () => readLabelled(bad),
    (e: unknown) => e instanceof InputError && e.line === 2 && e.field === 'text',
  );
  assert.throws(() => createNbTarget({ train: join(dir, 'missing.jsonl') }), ConfigError);
});

test(
  'local:nb: a campaign trains once in the main thread, and a worker builds its target from the shared model ' +
    'alone',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quiver-nb-'));
    const file = dataset(dir);
    const options = { train: file, cacheDir: null };
    const driver = targetDriver('local:nb');
    const texts = ['The striker and the coach made news today.', 'The bank and the market said.', 'A robot app.'];
    const expected = await createNbTarget(options).predict(texts);
    // What a worker receives: a structured clone of the main thread's state; the training file is gone by then.
    const shared = structuredClone(await driver.prepareShared('local:nb', options));
    assert.equal(shared.kind, 'nb-model');
    rmSync(file);
    const target = await driver.create('local:nb', options, shared);
    assert.deepEqual(await target.predict(texts), expected);
    assert.deepEqual(target.labels, ['business', 'scitech', 'sports']);
  },
);
