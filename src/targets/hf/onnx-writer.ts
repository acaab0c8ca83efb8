/**
 * @module A minimal ONNX (protobuf) writer: enough of onnx.proto's ModelProto to write small feed-forward graphs
 * (initializers, nodes with int/ints/float attributes, typed inputs and outputs with symbolic dimensions). Used to
 * build the bundled `local:nn` model (experiments/nn/build-local-nn.ts) and the malformed models of the loader's
 * tests; Quiver itself only reads ONNX, through onnxruntime-node. Field numbers are those of onnx/onnx.proto (IR 7).
 */

/** onnx.TensorProto.DataType values used here. */
export const OnnxType = { FLOAT: 1, INT8: 3, INT64: 7 } as const;
export type OnnxElemType = (typeof OnnxType)[keyof typeof OnnxType];

export interface OnnxTensor {
  readonly name: string;
  readonly type: OnnxElemType;
  readonly dims: readonly number[];
  readonly data: Float32Array | Int8Array | BigInt64Array;
}

export type OnnxAttribute = { readonly name: string } & (
  | { readonly i: number }
  | { readonly ints: readonly number[] }
  | { readonly f: number }
);

export interface OnnxNode {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: readonly OnnxAttribute[];
}

export interface OnnxValue {
  readonly name: string;
  readonly type: OnnxElemType;
  /** A number is a fixed size, a string a symbolic one (e.g. "batch"). */
  readonly shape: readonly (number | string)[];
}

export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValue[];
  readonly outputs: readonly OnnxValue[];
  readonly opset?: number;
  readonly producer?: string;
  readonly doc?: string;
}

class Writer {
  private readonly parts: Buffer[] = [];

  private varint(value: bigint | number): void {
    let v = BigInt.asUintN(64, BigInt(value));
    const bytes: number[] = [];
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) b |= 0x80;
      bytes.push(b);
    } while (v !== 0n);
    this.parts.push(Buffer.from(bytes));
  }

  private key(field: number, wire: 0 | 2 | 5): void {
    this.varint((field << 3) | wire);
  }

  int(field: number, value: number | bigint): this {
    this.key(field, 0);
    this.varint(value);
    return this;
  }

  float(field: number, value: number): this {
    this.key(field, 5);
    const b = Buffer.alloc(4);
    b.writeFloatLE(value);
    this.parts.push(b);
    return this;
  }

  bytes(field: number, value: Uint8Array | string): this {
    const b =
      typeof value === 'string'
        ? Buffer.from(value, 'utf8')
        : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    this.key(field, 2);
    this.varint(b.length);
    this.parts.push(b);
    return this;
  }

  message(field: number, build: (w: Writer) => void): this {
    const inner = new Writer();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function tensor(w: Writer, t: OnnxTensor): void {
  for (const d of t.dims) w.int(1, d);
  w.int(2, t.type).bytes(8, t.name);
  const data = t.data;
  w.bytes(9, new Uint8Array(data.buffer, data.byteOffset, data.byteLength)); // raw_data, little-endian
}

function valueInfo(w: Writer, v: OnnxValue): void {
  w.bytes(1, v.name).message(2, (type) =>
    type.message(1, (tt) =>
      tt.int(1, v.type).message(2, (shape) => {
        for (const d of v.shape) shape.message(1, (dim) => (typeof d === 'number' ? dim.int(1, d) : dim.bytes(2, d)));
      }),
    ),
  );
}

function attribute(w: Writer, a: OnnxAttribute): void {
  w.bytes(1, a.name);
  if ('i' in a) w.int(3, a.i).int(20, 2);
  else if ('f' in a) w.float(2, a.f).int(20, 1);
  else {
    for (const v of a.ints) w.int(8, v);
    w.int(20, 7);
  }
}

/** Serialises `graph` as an ONNX ModelProto (IR version 7, default domain at `opset`, 13 unless given). */
export function encodeOnnxModel(graph: OnnxGraph): Buffer {
  const w = new Writer();
  w.int(1, 7); // ir_version
  w.bytes(2, graph.producer ?? 'quiver');
  w.message(7, (g) => {
    for (const [k, n] of graph.nodes.entries()) {
      g.message(1, (node) => {
        for (const i of n.inputs) node.bytes(1, i);
        for (const o of n.outputs) node.bytes(2, o);
        node.bytes(3, `${n.op}_${k}`).bytes(4, n.op);
        for (const a of n.attributes ?? []) node.message(5, (aw) => attribute(aw, a));
      });
    }
    g.bytes(2, graph.name);
    for (const t of graph.initializers) g.message(5, (tw) => tensor(tw, t));
    if (graph.doc !== undefined) g.bytes(10, graph.doc);
    for (const v of graph.inputs) g.message(11, (vw) => valueInfo(vw, v));
    for (const v of graph.outputs) g.message(12, (vw) => valueInfo(vw, v));
  });
  w.message(8, (op) => op.bytes(1, '').int(2, graph.opset ?? 13));
  return w.finish();
}
