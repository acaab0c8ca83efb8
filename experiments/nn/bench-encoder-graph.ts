/**
 * @module The ONNX graph of a BERT-style transformer encoder classifier, for benchmarking the `hf:<dir>` loader on a
 * model of realistic cost (MiniLM / DistilBERT class): token + position embeddings, LayerNorm, N post-LN layers of
 * multi-head self-attention (with the attention mask) and a GELU (erf) feed-forward block, masked mean pooling, a
 * linear classification head. Inputs and output as an Optimum text-classification export: `input_ids`,
 * `attention_mask` int64 [batch, sequence]; `logits` float [batch, labels].
 *
 * `referenceForward` computes the same function in float64 JavaScript, so a test can check the graph.
 */
import {
  encodeOnnxModel,
  OnnxType,
  type OnnxGraph,
  type OnnxNode,
  type OnnxTensor,
} from '../../src/targets/hf/onnx-writer.js';

export interface EncoderSizes {
  readonly layers: number;
  readonly hidden: number;
  readonly heads: number;
  readonly ffn: number;
}

export interface EncoderLayer {
  /** hidden × hidden (q, k, v, attention output) and hidden × ffn, ffn × hidden, row-major [in, out]. */
  readonly wq: Float32Array;
  readonly bq: Float32Array;
  readonly wk: Float32Array;
  readonly bk: Float32Array;
  readonly wv: Float32Array;
  readonly bv: Float32Array;
  readonly wo: Float32Array;
  readonly bo: Float32Array;
  readonly ln1g: Float32Array;
  readonly ln1b: Float32Array;
  readonly w1: Float32Array;
  readonly b1: Float32Array;
  readonly w2: Float32Array;
  readonly b2: Float32Array;
  readonly ln2g: Float32Array;
  readonly ln2b: Float32Array;
}

export interface EncoderWeights {
  readonly sizes: EncoderSizes;
  /** vocabulary × hidden and positions × hidden. */
  readonly wordEmbeddings: Float32Array;
  readonly positionEmbeddings: Float32Array;
  readonly lnEg: Float32Array;
  readonly lnEb: Float32Array;
  readonly layers: readonly EncoderLayer[];
  /** hidden × labels and labels: the classification head on the pooled vector. */
  readonly head: Float32Array;
  readonly headBias: Float32Array;
}

export const LN_EPSILON = 1e-12;
/** Added to the attention scores of masked keys (as Hugging Face models add the float minimum). */
export const MASKED_SCORE = -1e9;

/** The graph; `output: 'pooled'` stops at the pooled vector (float [batch, hidden]), for training the head. */
export function encoderGraph(w: EncoderWeights, output: 'logits' | 'pooled' = 'logits'): OnnxGraph {
  const { hidden, heads, layers } = w.sizes;
  const headDim = hidden / heads;
  const labels = w.headBias.length;
  const inits: OnnxTensor[] = [];
  const f32 = (name: string, dims: readonly number[], data: Float32Array): string => {
    inits.push({ name, type: OnnxType.FLOAT, dims, data });
    return name;
  };
  const i64 = (name: string, values: readonly number[]): string => {
    inits.push({ name, type: OnnxType.INT64, dims: [values.length], data: BigInt64Array.from(values.map(BigInt)) });
    return name;
  };
  const scalar = (name: string, v: number): string => {
    inits.push({ name, type: OnnxType.FLOAT, dims: [], data: Float32Array.of(v) });
    return name;
  };
  const nodes: OnnxNode[] = [];
  const node = (op: string, inputs: string[], out: string, attributes: OnnxNode['attributes'] = []): string => {
    nodes.push({ op, inputs, outputs: [out], attributes });
    return out;
  };
  const layerNorm = (x: string, g: string, b: string, out: string): string =>
    node('LayerNormalization', [x, g, b], out, [
      { name: 'axis', i: -1 },
      { name: 'epsilon', f: LN_EPSILON },
    ]);
  const linear = (x: string, wName: string, bName: string, out: string): string =>
    node('Add', [node('MatMul', [x, wName], `${out}_mm`), bName], out);

  const vocab = w.wordEmbeddings.length / hidden;
  const positions = w.positionEmbeddings.length / hidden;
  f32('word_embeddings', [vocab, hidden], w.wordEmbeddings);
  f32('position_embeddings', [positions, hidden], w.positionEmbeddings);
  i64('zero_1d', [0]);
  i64('axes_12', [1, 2]);
  i64('axis_1', [1]);
  i64('axis_2', [2]);
  i64('split_heads', [0, 0, heads, headDim]);
  i64('merge_heads', [0, 0, hidden]);
  scalar('one', 1);
  scalar('half', 0.5);
  scalar('masked_score', MASKED_SCORE);
  scalar('inv_sqrt2', Math.SQRT1_2);
  scalar('score_scale', 1 / Math.sqrt(headDim));

  const words = node('Gather', ['word_embeddings', 'input_ids'], 'words', [{ name: 'axis', i: 0 }]);
  const len = node('Shape', ['input_ids'], 'seq_len', [
    { name: 'start', i: 1 },
    { name: 'end', i: 2 },
  ]);
  const pos = node('Slice', ['position_embeddings', 'zero_1d', len, 'zero_1d'], 'positions');
  let x = layerNorm(
    node('Add', [words, pos], 'embedded'),
    f32('ln_e_g', [hidden], w.lnEg),
    f32('ln_e_b', [hidden], w.lnEb),
    'x_0',
  );
  const maskF = node('Cast', ['attention_mask'], 'mask_f', [{ name: 'to', i: OnnxType.FLOAT }]);
  const maskBias = node(
    'Unsqueeze',
    [node('Mul', [node('Sub', ['one', maskF], 'mask_inv'), 'masked_score'], 'mask_bias_2d'), 'axes_12'],
    'mask_bias',
  );

  w.layers.forEach((l, k) => {
    const p = `l${k}_`;
    const proj = (name: string, wt: Float32Array, b: Float32Array, perm: number[]): string =>
      node(
        'Transpose',
        [
          node(
            'Reshape',
            [
              linear(x, f32(`${p}w${name}`, [hidden, hidden], wt), f32(`${p}b${name}`, [hidden], b), `${p}${name}`),
              'split_heads',
            ],
            `${p}${name}_heads`,
          ),
        ],
        `${p}${name}_t`,
        [{ name: 'perm', ints: perm }],
      );
    const q = proj('q', l.wq, l.bq, [0, 2, 1, 3]);
    const kT = proj('k', l.wk, l.bk, [0, 2, 3, 1]);
    const v = proj('v', l.wv, l.bv, [0, 2, 1, 3]);
    const scores = node(
      'Add',
      [node('Mul', [node('MatMul', [q, kT], `${p}qk`), 'score_scale'], `${p}scaled`), maskBias],
      `${p}scores`,
    );
    const probs = node('Softmax', [scores], `${p}probs`, [{ name: 'axis', i: -1 }]);
    const context = node(
      'Reshape',
      [
        node('Transpose', [node('MatMul', [probs, v], `${p}ctx_heads`)], `${p}ctx_t`, [
          { name: 'perm', ints: [0, 2, 1, 3] },
        ]),
        'merge_heads',
      ],
      `${p}ctx`,
    );
    const attn = linear(context, f32(`${p}wo`, [hidden, hidden], l.wo), f32(`${p}bo`, [hidden], l.bo), `${p}attn`);
    const x1 = layerNorm(
      node('Add', [x, attn], `${p}res1`),
      f32(`${p}ln1g`, [hidden], l.ln1g),
      f32(`${p}ln1b`, [hidden], l.ln1b),
      `${p}x1`,
    );
    const ffn = w.sizes.ffn;
    const up = linear(x1, f32(`${p}w1`, [hidden, ffn], l.w1), f32(`${p}b1`, [ffn], l.b1), `${p}up`);
    const erf = node('Erf', [node('Mul', [up, 'inv_sqrt2'], `${p}up_s`)], `${p}erf`);
    const gelu = node(
      'Mul',
      [node('Mul', [up, 'half'], `${p}up_h`), node('Add', [erf, 'one'], `${p}erf_1`)],
      `${p}gelu`,
    );
    const down = linear(gelu, f32(`${p}w2`, [ffn, hidden], l.w2), f32(`${p}b2`, [hidden], l.b2), `${p}down`);
    x = layerNorm(
      node('Add', [x1, down], `${p}res2`),
      f32(`${p}ln2g`, [hidden], l.ln2g),
      f32(`${p}ln2b`, [hidden], l.ln2b),
      `l${k + 1}_x`,
    );
  });
  if (w.layers.length !== layers) throw new Error(`encoderGraph: ${w.layers.length} layers, sizes say ${layers}`);

  const mask3 = node('Unsqueeze', [maskF, 'axis_2'], 'mask_3d');
  const summed = node('ReduceSum', [node('Mul', [x, mask3], 'masked'), 'axis_1'], 'summed', [
    { name: 'keepdims', i: 0 },
  ]);
  const count = node(
    'Max',
    [node('ReduceSum', [mask3, 'axis_1'], 'count', [{ name: 'keepdims', i: 0 }]), 'one'],
    'count_1',
  );
  const pooledName = output === 'pooled' ? 'pooled' : 'pooled_vec';
  node('Div', [summed, count], pooledName);
  if (output === 'logits') {
    node('Gemm', [pooledName, f32('head', [hidden, labels], w.head), f32('head_bias', [labels], w.headBias)], 'logits');
  }
  const seq = (name: string) => ({ name, type: OnnxType.INT64, shape: ['batch_size', 'sequence_length'] });
  return {
    name: 'bench_transformer_encoder',
    nodes,
    initializers: inits,
    inputs: [seq('input_ids'), seq('attention_mask')],
    outputs: [
      output === 'logits'
        ? { name: 'logits', type: OnnxType.FLOAT, shape: ['batch_size', labels] }
        : { name: 'pooled', type: OnnxType.FLOAT, shape: ['batch_size', hidden] },
    ],
    opset: 17,
    producer: 'quiver',
    doc: `Quiver bench encoder: ${layers} layers, hidden ${hidden}, ${heads} heads, ffn ${w.sizes.ffn}`,
  };
}

export function encodeEncoderModel(w: EncoderWeights, output: 'logits' | 'pooled' = 'logits'): Buffer {
  return encodeOnnxModel(encoderGraph(w, output));
}

/** y[out] = b[out] + Σ x[in] w[in, out] for each of `rows` rows of x (row-major). */
function affine(x: Float64Array, rows: number, w: Float32Array, b: Float32Array): Float64Array {
  const nOut = b.length;
  const nIn = w.length / nOut;
  const y = new Float64Array(rows * nOut);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < nOut; o++) y[r * nOut + o] = b[o]!;
    for (let i = 0; i < nIn; i++) {
      const xi = x[r * nIn + i]!;
      if (xi === 0) continue;
      for (let o = 0; o < nOut; o++) y[r * nOut + o]! += xi * w[i * nOut + o]!;
    }
  }
  return y;
}

function layerNormRows(x: Float64Array, rows: number, g: Float32Array, b: Float32Array): Float64Array {
  const h = g.length;
  const y = new Float64Array(x.length);
  for (let r = 0; r < rows; r++) {
    let mean = 0;
    for (let k = 0; k < h; k++) mean += x[r * h + k]!;
    mean /= h;
    let variance = 0;
    for (let k = 0; k < h; k++) variance += (x[r * h + k]! - mean) ** 2;
    variance /= h;
    const inv = 1 / Math.sqrt(variance + LN_EPSILON);
    for (let k = 0; k < h; k++) y[r * h + k] = (x[r * h + k]! - mean) * inv * g[k]! + b[k]!;
  }
  return y;
}

/** erf in float64, far more precise than the float32 graph: Maclaurin series below 2, continued fraction above. */
function erf(x: number): number {
  const t = Math.abs(x);
  if (t < 2) {
    let sum = 0;
    let term = x;
    for (let n = 0; n < 60; n++) {
      sum += term / (2 * n + 1);
      term *= (-x * x) / (n + 1);
      if (Math.abs(term) < 1e-18) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (t + f);
  const erfc = Math.exp(-t * t) / Math.sqrt(Math.PI) / (t + f);
  return Math.sign(x) * (1 - erfc);
}

/** The pooled vector and logits of one sequence (`mask[t]` 0 or 1), in float64. */
export function referenceForward(
  w: EncoderWeights,
  ids: readonly number[],
  mask: readonly number[] = ids.map(() => 1),
): { pooled: Float64Array; logits: Float64Array } {
  const { hidden: h, heads, ffn } = w.sizes;
  const d = h / heads;
  const L = ids.length;
  let x: Float64Array = new Float64Array(L * h);
  for (let t = 0; t < L; t++)
    for (let k = 0; k < h; k++) x[t * h + k] = w.wordEmbeddings[ids[t]! * h + k]! + w.positionEmbeddings[t * h + k]!;
  x = layerNormRows(x, L, w.lnEg, w.lnEb);
  for (const l of w.layers) {
    const q = affine(x, L, l.wq, l.bq);
    const kk = affine(x, L, l.wk, l.bk);
    const v = affine(x, L, l.wv, l.bv);
    const ctx = new Float64Array(L * h);
    const s = new Float64Array(L);
    for (let a = 0; a < heads; a++) {
      for (let i = 0; i < L; i++) {
        let max = -Infinity;
        for (let j = 0; j < L; j++) {
          let dot = 0;
          for (let c = 0; c < d; c++) dot += q[i * h + a * d + c]! * kk[j * h + a * d + c]!;
          s[j] = dot / Math.sqrt(d) + (1 - mask[j]!) * MASKED_SCORE;
          max = Math.max(max, s[j]!);
        }
        let sum = 0;
        for (let j = 0; j < L; j++) {
          s[j] = Math.exp(s[j]! - max);
          sum += s[j]!;
        }
        for (let j = 0; j < L; j++)
          for (let c = 0; c < d; c++) ctx[i * h + a * d + c]! += (s[j]! / sum) * v[j * h + a * d + c]!;
      }
    }
    const attn = affine(ctx, L, l.wo, l.bo);
    for (let k = 0; k < x.length; k++) attn[k]! += x[k]!;
    const x1 = layerNormRows(attn, L, l.ln1g, l.ln1b);
    const up = affine(x1, L, l.w1, l.b1);
    for (let k = 0; k < up.length; k++) up[k] = 0.5 * up[k]! * (1 + erf(up[k]! * Math.SQRT1_2));
    const down = affine(up, L, l.w2, l.b2);
    for (let k = 0; k < down.length; k++) down[k]! += x1[k]!;
    x = layerNormRows(down, L, l.ln2g, l.ln2b);
    if (ffn !== l.b1.length) throw new Error('referenceForward: layer ffn size mismatch');
  }
  const pooled = new Float64Array(h);
  let count = 0;
  for (let t = 0; t < L; t++) {
    if (mask[t] === 0) continue;
    count++;
    for (let k = 0; k < h; k++) pooled[k]! += x[t * h + k]!;
  }
  for (let k = 0; k < h; k++) pooled[k]! /= Math.max(count, 1);
  return { pooled, logits: affine(pooled, 1, w.head, w.headBias) };
}
