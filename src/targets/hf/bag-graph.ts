/**
 * @module The ONNX graph of an embedding-bag classifier, the architecture of the bundled `local:nn` model: the masked
 * mean of int8 word embeddings, one tanh hidden layer, then logits. Its inputs and output are named as in a Hugging
 * Face (Optimum) text-classification export: `input_ids`, `attention_mask` (and optionally `token_type_ids`, unused),
 * int64 [batch, sequence]; `logits`, float [batch, labels]. `bagFeatures` computes the pooled vector exactly as the
 * graph does, for training in JavaScript.
 */
import { encodeOnnxModel, OnnxType, type OnnxGraph, type OnnxNode, type OnnxValue } from './onnx-writer.js';

export interface BagModel {
  /** Vocabulary × dims int8 embeddings; a row's value times `scale` is the float embedding. */
  readonly embeddings: Int8Array;
  readonly scale: number;
  readonly dims: number;
  /** dims × hidden, row-major (Gemm B), and the hidden bias. */
  readonly w1: Float32Array;
  readonly b1: Float32Array;
  /** hidden × labels, row-major, and the label bias. */
  readonly w2: Float32Array;
  readonly b2: Float32Array;
}

export interface BagGraphOptions {
  /** Declare a third input `token_type_ids`, as BERT exports do (the graph ignores it). */
  readonly tokenTypeIds?: boolean;
  /** Rename inputs or the output (for tests of the loader's checks). */
  readonly names?: { readonly inputIds?: string; readonly attentionMask?: string; readonly logits?: string };
  readonly doc?: string;
}

export function hiddenSize(m: BagModel): number {
  return m.b1.length;
}

export function bagGraph(m: BagModel, options: BagGraphOptions = {}): OnnxGraph {
  const ids = options.names?.inputIds ?? 'input_ids';
  const mask = options.names?.attentionMask ?? 'attention_mask';
  const logits = options.names?.logits ?? 'logits';
  const vocab = m.embeddings.length / m.dims;
  const hidden = hiddenSize(m);
  const labels = m.b2.length;
  const seqInput = (name: string): OnnxValue => ({
    name,
    type: OnnxType.INT64,
    shape: ['batch_size', 'sequence_length'],
  });
  const nodes: OnnxNode[] = [
    { op: 'Gather', inputs: ['embeddings', ids], outputs: ['gathered_q'], attributes: [{ name: 'axis', i: 0 }] },
    { op: 'DequantizeLinear', inputs: ['gathered_q', 'embedding_scale', 'embedding_zero'], outputs: ['gathered'] },
    { op: 'Cast', inputs: [mask], outputs: ['mask_f'], attributes: [{ name: 'to', i: OnnxType.FLOAT }] },
    { op: 'Unsqueeze', inputs: ['mask_f', 'axis_2'], outputs: ['mask_3d'] },
    { op: 'Mul', inputs: ['gathered', 'mask_3d'], outputs: ['masked'] },
    { op: 'ReduceSum', inputs: ['masked', 'axis_1'], outputs: ['summed'], attributes: [{ name: 'keepdims', i: 0 }] },
    { op: 'ReduceSum', inputs: ['mask_3d', 'axis_1'], outputs: ['count'], attributes: [{ name: 'keepdims', i: 0 }] },
    { op: 'Max', inputs: ['count', 'one'], outputs: ['count_1'] },
    { op: 'Div', inputs: ['summed', 'count_1'], outputs: ['pooled'] },
    { op: 'Gemm', inputs: ['pooled', 'w1', 'b1'], outputs: ['hidden_pre'] },
    { op: 'Tanh', inputs: ['hidden_pre'], outputs: ['hidden'] },
    { op: 'Gemm', inputs: ['hidden', 'w2', 'b2'], outputs: [logits] },
  ];
  return {
    name: 'embedding_bag_classifier',
    nodes,
    initializers: [
      { name: 'embeddings', type: OnnxType.INT8, dims: [vocab, m.dims], data: m.embeddings },
      { name: 'embedding_scale', type: OnnxType.FLOAT, dims: [], data: Float32Array.of(m.scale) },
      { name: 'embedding_zero', type: OnnxType.INT8, dims: [], data: Int8Array.of(0) },
      { name: 'axis_1', type: OnnxType.INT64, dims: [1], data: BigInt64Array.of(1n) },
      { name: 'axis_2', type: OnnxType.INT64, dims: [1], data: BigInt64Array.of(2n) },
      { name: 'one', type: OnnxType.FLOAT, dims: [], data: Float32Array.of(1) },
      { name: 'w1', type: OnnxType.FLOAT, dims: [m.dims, hidden], data: m.w1 },
      { name: 'b1', type: OnnxType.FLOAT, dims: [hidden], data: m.b1 },
      { name: 'w2', type: OnnxType.FLOAT, dims: [hidden, labels], data: m.w2 },
      { name: 'b2', type: OnnxType.FLOAT, dims: [labels], data: m.b2 },
    ],
    inputs: [seqInput(ids), seqInput(mask), ...(options.tokenTypeIds === true ? [seqInput('token_type_ids')] : [])],
    outputs: [{ name: logits, type: OnnxType.FLOAT, shape: ['batch_size', labels] }],
    producer: 'quiver',
    ...(options.doc === undefined ? {} : { doc: options.doc }),
  };
}

export function encodeBagModel(m: BagModel, options: BagGraphOptions = {}): Buffer {
  return encodeOnnxModel(bagGraph(m, options));
}

/** The pooled vector of one token sequence (all attended), as the graph computes it before the hidden layer. */
export function bagFeatures(m: Pick<BagModel, 'embeddings' | 'scale' | 'dims'>, ids: readonly number[]): Float64Array {
  const out = new Float64Array(m.dims);
  for (const id of ids) {
    const at = id * m.dims;
    for (let k = 0; k < m.dims; k++) out[k]! += m.embeddings[at + k]! * m.scale;
  }
  const n = Math.max(ids.length, 1);
  for (let k = 0; k < m.dims; k++) out[k]! /= n;
  return out;
}
