/**
 * Builds a benchmark-only transformer classifier of realistic cost (experiments/nn/bench-encoder-graph.ts) as a
 * Hugging Face folder (config.json with id2label, tokenizer.json and tokenizer_config.json of local:nn,
 * onnx/model.onnx), so it loads through the real `hf:<dir>` loader. Built at bench time, never committed.
 *
 * - Encoder weights are seeded random (not trained): word embeddings are local:nn's word vectors (the bundled wink
 *   vectors) through a random projection to the hidden size, scaled to unit RMS; the other weights are Gaussian with
 *   std ~ 1/sqrt(fan-in), the residual branches halved so a token's word survives the layers.
 * - Only the classification head is trained, here: logistic regression (full-batch Adam, L2) on the pooled features
 *   of MR test (kept apart from the attacked SST-2 dev examples), computed by onnxruntime; held-out accuracy on SST-2
 *   dev through the real loader. A random-feature encoder with a trained head: its labels mean something, its
 *   accuracy is far from a fine-tuned model's.
 *
 *   npx tsx experiments/nn/build-bench-encoder.ts [--size minilm|distilbert] [--out DIR]
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Tokenizer } from '@huggingface/tokenizers';
import seedrandom from 'seedrandom';
import { readVectorAsset } from '../../src/nlp/vector-asset.js';
import { BUNDLED_VECTORS_PATH } from '../../src/nlp/word-vectors.js';
import { BUNDLED_NN_DIR } from '../../src/targets/hf/bundled.js';
import { createHfTarget } from '../../src/targets/hf/target.js';
import { packageRoot } from '../../src/version.js';
import {
  encodeEncoderModel,
  type EncoderLayer,
  type EncoderSizes,
  type EncoderWeights,
} from './bench-encoder-graph.js';

export const ENCODER_SIZES = {
  /** all-MiniLM-L6-v2 / MiniLM-L6-H384 class. */
  minilm: { layers: 6, hidden: 384, heads: 12, ffn: 1536 },
  /** distilbert-base class. */
  distilbert: { layers: 6, hidden: 768, heads: 12, ffn: 3072 },
} as const satisfies Record<string, EncoderSizes>;

export const LABELS = ['negative', 'positive'] as const;
const POSITIONS = 512;

export interface Row {
  readonly text: string;
  readonly label: string;
}

export interface BenchEncoderOptions {
  readonly sizes: EncoderSizes;
  readonly seed: string;
  readonly train: readonly Row[];
  readonly heldOut: readonly Row[];
  readonly out: string;
}

export interface BenchEncoderBuild {
  readonly dir: string;
  readonly sizes: EncoderSizes;
  readonly parameters: number;
  readonly trainAccuracy: number;
  readonly heldOutAccuracy: number;
  readonly trainRows: number;
  readonly heldOutRows: number;
}

export const readJsonl = (file: string): Row[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Row);

/** Seeded random encoder weights over local:nn's vocabulary (head zero: trained later). */
export function randomEncoderWeights(sizes: EncoderSizes, vocab: Record<string, number>, seed: string): EncoderWeights {
  const { hidden: h, ffn, heads } = sizes;
  if (h % heads !== 0) throw new Error(`hidden ${h} is not a multiple of heads ${heads}`);
  const rng = seedrandom.alea(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const normal = (n: number, std: number) => Float32Array.from({ length: n }, () => gauss() * std);
  const ones = (n: number) => new Float32Array(n).fill(1);

  const asset = readVectorAsset(BUNDLED_VECTORS_PATH);
  const dims = asset.header.dims;
  const rowOf = new Map<string, number>();
  asset.header.words.forEach((w, k) => {
    if (!rowOf.has(w)) rowOf.set(w, k);
  });
  const projection = normal(dims * h, 1);
  const size = Math.max(...Object.values(vocab)) + 1;
  const wordEmbeddings = new Float32Array(size * h);
  const row = new Float64Array(h);
  for (const [word, id] of Object.entries(vocab)) {
    const r = rowOf.get(word);
    if (r === undefined) {
      for (let k = 0; k < h; k++) row[k] = gauss(); // special tokens: a random direction
    } else {
      row.fill(0);
      for (let i = 0; i < dims; i++) {
        const v = asset.rows[r * dims + i]!;
        for (let k = 0; k < h; k++) row[k]! += v * projection[i * h + k]!;
      }
    }
    const rms = Math.sqrt(row.reduce((a, v) => a + v * v, 0) / h) || 1;
    for (let k = 0; k < h; k++) wordEmbeddings[id * h + k] = row[k]! / rms;
  }
  const layers: EncoderLayer[] = Array.from({ length: sizes.layers }, () => ({
    wq: normal(h * h, 1 / Math.sqrt(h)),
    bq: normal(h, 0.02),
    wk: normal(h * h, 1 / Math.sqrt(h)),
    bk: normal(h, 0.02),
    wv: normal(h * h, 1 / Math.sqrt(h)),
    bv: normal(h, 0.02),
    wo: normal(h * h, 0.5 / Math.sqrt(h)),
    bo: normal(h, 0.02),
    ln1g: ones(h),
    ln1b: new Float32Array(h),
    w1: normal(h * ffn, 1 / Math.sqrt(h)),
    b1: normal(ffn, 0.02),
    w2: normal(ffn * h, 0.5 / Math.sqrt(ffn)),
    b2: normal(h, 0.02),
    ln2g: ones(h),
    ln2b: new Float32Array(h),
  }));
  return {
    sizes,
    wordEmbeddings,
    positionEmbeddings: normal(POSITIONS * h, 0.1),
    lnEg: ones(h),
    lnEb: new Float32Array(h),
    layers,
    head: new Float32Array(h * LABELS.length),
    headBias: new Float32Array(LABELS.length),
  };
}

export function parameterCount(w: EncoderWeights): number {
  const layer = w.layers.reduce((a, l) => a + Object.values(l).reduce((b, t: Float32Array) => b + t.length, 0), 0);
  return w.wordEmbeddings.length + w.positionEmbeddings.length + 2 * w.lnEg.length + layer + w.head.length + 2;
}

/** Pooled features of `texts` from the encoder (no head) run by onnxruntime, texts grouped by token length. */
async function pooledFeatures(
  weights: EncoderWeights,
  tokenizer: Tokenizer,
  texts: readonly string[],
): Promise<Float64Array[]> {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(encodeEncoderModel(weights, 'pooled'), { logSeverityLevel: 3 });
  const h = weights.sizes.hidden;
  const ids = texts.map((t) => tokenizer.encode(t).ids.slice(0, POSITIONS));
  const byLength = new Map<number, number[]>();
  ids.forEach((s, i) => {
    byLength.set(s.length, [...(byLength.get(s.length) ?? []), i]);
  });
  const out = new Array<Float64Array>(texts.length);
  for (const [len, group] of byLength) {
    for (let start = 0; start < group.length; start += 32) {
      const chunk = group.slice(start, start + 32);
      const flat = BigInt64Array.from(chunk.flatMap((i) => ids[i]!.map(BigInt)));
      const dims = [chunk.length, len];
      const result = await session.run({
        input_ids: new ort.Tensor('int64', flat, dims),
        attention_mask: new ort.Tensor('int64', new BigInt64Array(flat.length).fill(1n), dims),
      });
      const data = result.pooled!.data as Float32Array;
      chunk.forEach((i, r) => {
        out[i] = Float64Array.from(data.subarray(r * h, (r + 1) * h));
      });
    }
  }
  await session.release();
  return out;
}

/**
 * Logistic regression (softmax over the labels) on standardised features, full-batch Adam with L2, folded back into
 * a head on the raw pooled vector.
 */
function trainHead(xs: readonly Float64Array[], ys: readonly number[], h: number, epochs = 300, l2 = 3e-3) {
  const C = LABELS.length;
  const n = xs.length;
  const mean = new Float64Array(h);
  const std = new Float64Array(h);
  for (const x of xs) for (let k = 0; k < h; k++) mean[k]! += x[k]! / n;
  for (const x of xs) for (let k = 0; k < h; k++) std[k]! += (x[k]! - mean[k]!) ** 2 / n;
  for (let k = 0; k < h; k++) std[k] = Math.sqrt(std[k]!) || 1;
  const zs = xs.map((x) => x.map((v, k) => (v - mean[k]!) / std[k]!));
  const w = new Float64Array(h * C);
  const b = new Float64Array(C);
  const m = new Float64Array(w.length + C);
  const v = new Float64Array(w.length + C);
  const logits = (z: Float64Array) =>
    Array.from({ length: C }, (_, c) => {
      let s = b[c]!;
      for (let k = 0; k < h; k++) s += z[k]! * w[k * C + c]!;
      return s;
    });
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const g = new Float64Array(w.length + C);
    zs.forEach((z, i) => {
      const l = logits(z);
      const max = Math.max(...l);
      const e = l.map((x) => Math.exp(x - max));
      const sum = e.reduce((a, x) => a + x, 0);
      for (let c = 0; c < C; c++) {
        const d = e[c]! / sum - (c === ys[i] ? 1 : 0);
        for (let k = 0; k < h; k++) g[k * C + c]! += (d * z[k]!) / n;
        g[w.length + c]! += d / n;
      }
    });
    for (let k = 0; k < g.length; k++) {
      const param = k < w.length ? w : b;
      const at = k < w.length ? k : k - w.length;
      const grad = g[k]! + (k < w.length ? l2 * param[at]! : 0);
      m[k] = 0.9 * m[k]! + 0.1 * grad;
      v[k] = 0.999 * v[k]! + 0.001 * grad * grad;
      param[at]! -= (0.01 * (m[k]! / (1 - 0.9 ** epoch))) / (Math.sqrt(v[k]! / (1 - 0.999 ** epoch)) + 1e-8);
    }
  }
  const correct = zs.filter((z, i) => {
    const l = logits(z);
    return l.indexOf(Math.max(...l)) === ys[i];
  }).length;
  // logits = b + Σ_k w_k (x_k - mean_k) / std_k = (b - Σ_k w_k mean_k / std_k) + Σ_k (w_k / std_k) x_k
  const head = new Float32Array(h * C);
  const headBias = new Float32Array(C);
  for (let c = 0; c < C; c++) {
    let bias = b[c]!;
    for (let k = 0; k < h; k++) {
      head[k * C + c] = w[k * C + c]! / std[k]!;
      bias -= (w[k * C + c]! * mean[k]!) / std[k]!;
    }
    headBias[c] = bias;
  }
  return { head, headBias, trainAccuracy: correct / n };
}

/** Writes `weights` as a Hugging Face folder in `out` (replacing it), with local:nn's tokenizer. */
export function writeEncoderFolder(
  out: string,
  weights: EncoderWeights,
  tokenizerJson: object = JSON.parse(readFileSync(join(BUNDLED_NN_DIR, 'tokenizer.json'), 'utf8')) as object,
  tokenizerConfig: string = readFileSync(join(BUNDLED_NN_DIR, 'tokenizer_config.json'), 'utf8'),
): void {
  const sizes = weights.sizes;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'onnx'), { recursive: true });
  writeFileSync(join(out, 'onnx', 'model.onnx'), encodeEncoderModel(weights));
  writeFileSync(join(out, 'tokenizer.json'), JSON.stringify(tokenizerJson));
  writeFileSync(join(out, 'tokenizer_config.json'), tokenizerConfig);
  writeFileSync(
    join(out, 'config.json'),
    `${JSON.stringify(
      {
        architectures: ['QuiverBenchEncoderForSequenceClassification'],
        model_type: 'quiver-bench-encoder',
        id2label: { 0: 'negative', 1: 'positive' },
        label2id: { negative: 0, positive: 1 },
        num_hidden_layers: sizes.layers,
        hidden_size: sizes.hidden,
        num_attention_heads: sizes.heads,
        intermediate_size: sizes.ffn,
        max_position_embeddings: POSITIONS,
        vocab_size: weights.wordEmbeddings.length / sizes.hidden,
      },
      null,
      2,
    )}\n`,
  );
}

const labelIndex = (r: Row, i: number): number => {
  const y = LABELS.indexOf(r.label as (typeof LABELS)[number]);
  if (y < 0) throw new Error(`training row ${i}: label "${r.label}" is not one of ${LABELS.join(', ')}`);
  return y;
};

/** Builds (or reuses, when `out` holds a build of the same options) the bench encoder folder. */
export async function buildBenchEncoder(o: BenchEncoderOptions): Promise<BenchEncoderBuild> {
  const key = JSON.stringify({ sizes: o.sizes, seed: o.seed, train: o.train.length, heldOut: o.heldOut.length, v: 1 });
  const stamp = join(o.out, 'build.json');
  if (existsSync(stamp)) {
    const built = JSON.parse(readFileSync(stamp, 'utf8')) as BenchEncoderBuild & { key: string };
    if (built.key === key) return { ...built, dir: o.out };
  }
  const tokenizerJson = JSON.parse(readFileSync(join(BUNDLED_NN_DIR, 'tokenizer.json'), 'utf8')) as {
    model: { vocab: Record<string, number> };
  };
  const tokenizerConfig = readFileSync(join(BUNDLED_NN_DIR, 'tokenizer_config.json'), 'utf8');
  const tokenizer = new Tokenizer(tokenizerJson, JSON.parse(tokenizerConfig) as object);
  const encoder = randomEncoderWeights(o.sizes, tokenizerJson.model.vocab, o.seed);
  const features = await pooledFeatures(
    encoder,
    tokenizer,
    o.train.map((r) => r.text),
  );
  const { head, headBias, trainAccuracy } = trainHead(features, o.train.map(labelIndex), o.sizes.hidden);
  const weights: EncoderWeights = { ...encoder, head, headBias };

  writeEncoderFolder(o.out, weights, tokenizerJson, tokenizerConfig);
  const target = await createHfTarget('bench-encoder', o.out, {});
  const preds = await target.predict(o.heldOut.map((r) => r.text));
  await target.close?.();
  const build: BenchEncoderBuild = {
    dir: o.out,
    sizes: o.sizes,
    parameters: parameterCount(weights),
    trainAccuracy,
    heldOutAccuracy: preds.filter((p, i) => p.label === o.heldOut[i]!.label).length / Math.max(1, o.heldOut.length),
    trainRows: o.train.length,
    heldOutRows: o.heldOut.length,
  };
  writeFileSync(stamp, `${JSON.stringify({ ...build, key }, null, 2)}\n`);
  return build;
}

/** The bench encoder of a named size, trained on MR test, measured on SST-2 dev, built once in the temp folder. */
export function buildNamedBenchEncoder(size: keyof typeof ENCODER_SIZES, out?: string): Promise<BenchEncoderBuild> {
  const datasets = join(packageRoot, '..', 'shared', 'datasets');
  return buildBenchEncoder({
    sizes: ENCODER_SIZES[size],
    seed: `bench-encoder-${size}`,
    train: readJsonl(join(datasets, 'mr-test.jsonl')),
    heldOut: readJsonl(join(datasets, 'sst2-dev.jsonl')),
    out: out ?? join(tmpdir(), `quiver-bench-encoder-${size}`),
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { size: { type: 'string', default: 'minilm' }, out: { type: 'string' } } });
  const size = values.size;
  if (size !== 'minilm' && size !== 'distilbert') throw new Error(`--size must be minilm or distilbert, got ${size}`);
  process.stdout.write(`${JSON.stringify(await buildNamedBenchEncoder(size, values.out))}\n`);
}
