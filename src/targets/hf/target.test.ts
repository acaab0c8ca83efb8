import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceSession } from 'onnxruntime-node';
import { ConfigError } from '../../core/errors.js';
import { assertSamePredictions, runTargetContract, sentimentExpectations } from '../../testing/target-contract.js';
import { createTarget, targetDriver, targetLabels, targetSpecs } from '../index.js';
import { encodeBagModel, type BagModel, type BagGraphOptions } from './bag-graph.js';
import { BUNDLED_NN_DIR } from './bundled.js';
import { createHfTarget, sessionThreads } from './target.js';

runTargetContract('local:nn', () => createTarget('local:nn'), {
  id: 'local:nn',
  expectations: sentimentExpectations,
  batchTolerance: 1e-6,
});

const work = mkdtempSync(join(tmpdir(), 'quiver-hf-'));
let n = 0;

/** A copy of the bundled folder, in the other layout Optimum writes (model.onnx at the top), edited by `edit`. */
function folder(edit: (dir: string) => void = () => {}): string {
  const dir = join(work, `model-${n++}`);
  cpSync(BUNDLED_NN_DIR, dir, { recursive: true });
  edit(dir);
  return dir;
}

/** A tiny random bag model over the bundled tokenizer's ids, with the given graph options. */
function writeModel(dir: string, options: BagGraphOptions, labels = 2): void {
  const vocab = Object.keys(
    (JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as { model: { vocab: object } }).model.vocab,
  ).length;
  const m: BagModel = {
    embeddings: Int8Array.from({ length: vocab * 4 }, (_, k) => ((k * 37) % 255) - 127),
    scale: 1 / 127,
    dims: 4,
    w1: Float32Array.from({ length: 4 * 3 }, (_, k) => Math.sin(k)),
    b1: new Float32Array(3),
    w2: Float32Array.from({ length: 3 * labels }, (_, k) => Math.cos(k)),
    b2: new Float32Array(labels),
  };
  rmSync(join(dir, 'onnx'), { recursive: true, force: true });
  writeFileSync(join(dir, 'model.onnx'), encodeBagModel(m, options));
}

const configError =
  (file: string, what: RegExp) =>
  (err: unknown): boolean => {
    assert.ok(err instanceof ConfigError, `not a ConfigError: ${String(err)}`);
    assert.ok(err.message.includes(file), `message does not name ${file}: ${err.message}`);
    assert.match(err.message, what);
    return true;
  };

test('hf:<dir> loads a user folder as local:nn (model.onnx at the top, token_type_ids fed when declared)', async () => {
  const nn = await createTarget('local:nn');
  const dir = folder((d) => {
    copyFileSync(join(d, 'onnx', 'model.onnx'), join(d, 'model.onnx'));
    rmSync(join(d, 'onnx'), { recursive: true });
  });
  const hf = await createTarget(`hf:${dir}`);
  assert.equal(hf.id, `hf:${dir}`);
  assert.deepEqual(hf.labels, ['negative', 'positive']);
  assert.equal(targetDriver(`hf:${dir}`).labels(`hf:${dir}`, {}), undefined, 'labels come from loading the model');
  assert.ok(targetSpecs.includes('hf:<dir>') && targetSpecs.includes('local:nn'));
  const texts = ['a gorgeous, witty, seductive movie.', 'the plot is nothing but boilerplate clichés.', 'plain'];
  assert.deepEqual(await hf.predict(texts), await nn.predict(texts));

  const typed = folder((d) => writeModel(d, { tokenTypeIds: true }));
  const withTypes = await createTarget(`hf:${typed}`);
  assert.equal((await withTypes.predict(texts)).length, 3);
  await Promise.all([nn.close?.(), hf.close?.(), withTypes.close?.()]);
});

test('hf: texts of one length go through the model in --batch-size calls; lengths never padded together', async () => {
  const calls: number[] = [];
  // The session class behind InferenceSession.create (typed as a factory, so without its prototype).
  const proto = (InferenceSession as unknown as { prototype: InferenceSession }).prototype;
  const run = proto.run;
  const nn = await createHfTarget('local:nn', BUNDLED_NN_DIR, { batchSize: 32 });
  const single = await createHfTarget('local:nn', BUNDLED_NN_DIR, { batchSize: 1 });
  proto.run = function (this: InferenceSession, feeds: InferenceSession.FeedsType, ...rest: unknown[]) {
    calls.push((feeds.input_ids as { dims: readonly number[] }).dims[0]!);
    return (run as (...args: unknown[]) => ReturnType<typeof run>).call(this, feeds, ...rest);
  } as typeof run;
  try {
    const words = ['good', 'bad', 'fine', 'dull', 'great', 'awful', 'superb', 'boring'];
    // 7 tokens each
    const texts = Array.from({ length: 70 }, (_, i) => `the film was ${words[i % 8]} ${words[(i >> 3) % 8]}`);
    texts.push('short', 'a much longer text than the others');
    const batched = await nn.predict(texts);
    assert.deepEqual(calls, [32, 32, 6, 1, 1]);
    calls.length = 0;
    assertSamePredictions(await single.predict(texts), batched, 1e-6, 'one text per call');
    assert.equal(calls.length, 72);
  } finally {
    proto.run = run;
    await Promise.all([nn.close?.(), single.close?.()]);
  }
});

test('hf: intra-op threads share the cores among the worker threads', () => {
  assert.equal(sessionThreads(2, 2), 1);
  assert.equal(sessionThreads(2, 1), 2);
  assert.equal(sessionThreads(8, 3), 2);
  assert.equal(sessionThreads(2, 4), 1);
});

test('hf: bad folders are ConfigErrors naming the file and what is missing, loaded or checked', async () => {
  const created = (dir: string, options: Record<string, unknown> = {}) => createTarget(`hf:${dir}`, options);
  // What a campaign's main thread does before it writes anything: the driver's lighter check.
  const checked = (dir: string, options: Record<string, unknown> = {}) => targetLabels(`hf:${dir}`, options);
  for (const load of [created, checked]) await rejectsBadFolders(load);
});

test("hf: the check session (no graph optimisation) gives the attack session's labels and scores", async () => {
  assert.ok(targetDriver('local:nn').check !== undefined && targetDriver('hf:x').check !== undefined);
  assert.deepEqual(await targetLabels('local:nn'), ['negative', 'positive']);
  const texts = ['a gripping , funny film', 'dull and far too long', ''];
  const attack = await createHfTarget('local:nn', BUNDLED_NN_DIR, {});
  const check = await createHfTarget('local:nn', BUNDLED_NN_DIR, {}, 'check');
  const [a, c] = [await attack.predict(texts), await check.predict(texts)];
  await Promise.all([attack.close?.(), check.close?.()]);
  a.forEach((p, i) => {
    assert.equal(c[i]!.label, p.label);
    for (const l of ['negative', 'positive']) assert.ok(Math.abs(c[i]!.scores[l]! - p.scores[l]!) < 1e-5);
  });
});

async function rejectsBadFolders(load: (dir: string, options?: Record<string, unknown>) => Promise<unknown>) {
  await assert.rejects(load(join(work, 'nowhere')), configError(join(work, 'nowhere'), /model folder not found/));

  let dir = folder((d) => rmSync(join(d, 'config.json')));
  await assert.rejects(load(dir), configError(join(dir, 'config.json'), /missing .*id2label/));

  dir = folder((d) => writeFileSync(join(d, 'config.json'), JSON.stringify({ model_type: 'distilbert' })));
  await assert.rejects(load(dir), configError(join(dir, 'config.json'), /no "id2label"/));

  dir = folder((d) => writeFileSync(join(d, 'config.json'), '{"id2label": {"0": "negative", "1": "positive"'));
  await assert.rejects(load(dir), configError(join(dir, 'config.json'), /not valid JSON/));

  dir = folder((d) => rmSync(join(d, 'tokenizer.json')));
  await assert.rejects(load(dir), configError(join(dir, 'tokenizer.json'), /missing/));

  dir = folder((d) => writeFileSync(join(d, 'tokenizer.json'), JSON.stringify({ version: '1.0' })));
  await assert.rejects(load(dir), configError(join(dir, 'tokenizer.json'), /no "model" section/));

  dir = folder((d) => rmSync(join(d, 'onnx'), { recursive: true }));
  await assert.rejects(load(dir), configError(dir, /no ONNX model \(looked for onnx\/model\.onnx and model\.onnx\)/));

  dir = folder((d) => writeModel(d, { names: { attentionMask: 'mask' } }));
  await assert.rejects(
    load(dir),
    configError(join(dir, 'model.onnx'), /missing input\(s\) attention_mask; unexpected input\(s\) mask/),
  );

  dir = folder((d) => writeModel(d, { names: { logits: 'probabilities' } }));
  await assert.rejects(
    load(dir),
    configError(join(dir, 'model.onnx'), /no output "logits" .*outputs \[probabilities\]/),
  );

  dir = folder((d) => writeModel(d, {}, 3));
  await assert.rejects(
    load(dir),
    configError(join(dir, 'model.onnx'), /expected float32 \[1, 2\] .*config\.json id2label/),
  );

  dir = folder((d) => {
    mkdirSync(join(d, 'onnx'), { recursive: true });
    writeFileSync(join(d, 'onnx', 'model.onnx'), 'not a model');
  });
  await assert.rejects(load(dir), configError(join(dir, 'onnx', 'model.onnx'), /onnxruntime cannot load it/));

  await assert.rejects(load(BUNDLED_NN_DIR, { batchSize: 0 }), configError('batchSize', /whole number >= 1/));
  await assert.rejects(
    load(BUNDLED_NN_DIR, { epochs: 3 }),
    configError('unknown option "epochs"', /valid options: batchSize, threads/),
  );
}
