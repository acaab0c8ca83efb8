import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import seedrandom from 'seedrandom';
import { BUNDLED_NN_DIR } from '../../src/targets/hf/bundled.js';
import { createHfTarget } from '../../src/targets/hf/target.js';
import { encodeEncoderModel, referenceForward, type EncoderSizes, type EncoderWeights } from './bench-encoder-graph.js';
import { ENCODER_SIZES, randomEncoderWeights, writeEncoderFolder } from './build-bench-encoder.js';

const work = mkdtempSync(join(tmpdir(), 'quiver-bench-encoder-'));
const tokenizerJson = JSON.parse(readFileSync(join(BUNDLED_NN_DIR, 'tokenizer.json'), 'utf8')) as {
  model: { vocab: Record<string, number> };
};
const tokenizer = new Tokenizer(tokenizerJson, {});
const texts = [
  'a gorgeous, witty, seductive movie.',
  'the plot is nothing but boilerplate clichés from start to finish.',
  'plain',
];

/** Random encoder weights with a random (untrained) head, so the logits are far from zero. */
function weightsOf(sizes: EncoderSizes, seed: string): EncoderWeights {
  const w = randomEncoderWeights(sizes, tokenizerJson.model.vocab, seed);
  const rng = seedrandom.alea(`${seed}-head`);
  return {
    ...w,
    head: Float32Array.from(w.head, () => (rng() - 0.5) * (8 / Math.sqrt(sizes.hidden))),
    headBias: Float32Array.of(0.3, -0.2),
  };
}

async function assertLoaderMatchesReference(w: EncoderWeights, name: string): Promise<void> {
  const dir = join(work, name);
  writeEncoderFolder(dir, w);
  const target = await createHfTarget(`hf:${dir}`, dir, { threads: 1 });
  assert.deepEqual(target.labels, ['negative', 'positive']);
  const preds = await target.predict(texts);
  await target.close?.();
  texts.forEach((text, i) => {
    const { logits } = referenceForward(w, tokenizer.encode(text).ids);
    const p = preds[i]!.scores;
    // Two labels: the loader's softmax scores give back the logit difference.
    const margin = Math.log(p.positive! / p.negative!);
    assert.ok(Math.abs(logits[1]! - logits[0]!) > 0.1, `logits too close to test anything: ${logits.join(', ')}`);
    assert.ok(
      Math.abs(margin - (logits[1]! - logits[0]!)) < 1e-4,
      `${name}, "${text}": logit difference ${margin} through hf:, ${logits[1]! - logits[0]!} in the reference`,
    );
    const p1 = 1 / (1 + Math.exp(logits[0]! - logits[1]!));
    assert.ok(Math.abs(p.positive! - p1) < 1e-5, `${name}, "${text}": p(positive) ${p.positive} vs ${p1}`);
  });
}

test('bench encoder: a small encoder through the hf: loader gives the logits of the JS reference', async () => {
  await assertLoaderMatchesReference(weightsOf({ layers: 2, hidden: 64, heads: 4, ffn: 128 }, 'small'), 'small');
});

test('bench encoder: padded rows are masked (raw logits of a padded batch match the reference)', async () => {
  const w = weightsOf({ layers: 2, hidden: 64, heads: 4, ffn: 128 }, 'masked');
  const session = await InferenceSession.create(encodeEncoderModel(w));
  const ids = texts.map((t) => tokenizer.encode(t).ids);
  const len = Math.max(...ids.map((s) => s.length));
  const flat = (f: (s: number[], t: number) => number) =>
    BigInt64Array.from(ids.flatMap((s) => Array.from({ length: len }, (_, t) => BigInt(f(s, t)))));
  const dims = [ids.length, len];
  const out = await session.run({
    input_ids: new Tensor(
      'int64',
      flat((s, t) => s[t] ?? 0),
      dims,
    ),
    attention_mask: new Tensor(
      'int64',
      flat((s, t) => (t < s.length ? 1 : 0)),
      dims,
    ),
  });
  await session.release();
  const logits = out.logits!.data as Float32Array;
  ids.forEach((s, i) => {
    const ref = referenceForward(w, s).logits;
    for (let c = 0; c < 2; c++) {
      assert.ok(
        Math.abs(logits[i * 2 + c]! - ref[c]!) < 1e-4,
        `row ${i} (${s.length} of ${len} tokens), logit ${c}: ${logits[i * 2 + c]} vs reference ${ref[c]}`,
      );
    }
  });
});

test('bench encoder: the MiniLM-size default through the hf: loader matches the reference', async () => {
  await assertLoaderMatchesReference(weightsOf(ENCODER_SIZES.minilm, 'minilm'), 'minilm');
});
