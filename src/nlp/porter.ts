/**
 * @module natural's Porter stemmer, loaded on first use from its own file. natural's stemmers index loads every
 * language's stemmer (~250 ms per thread), and even the Porter file pulls in natural's tokenizers and stop-word lists
 * (~15 ms): imported at the top, every `quiver` command paid that at start-up, `--help` included, and a campaign's
 * main thread never stems.
 */
import { createRequire } from 'node:module';

type Stemmer = { stem(word: string): string };
let porter: Stemmer | undefined;

/** The Porter stem of `word` as natural computes it (no lower-casing: callers decide). */
export function porterStem(word: string): string {
  porter ??= createRequire(import.meta.url)('natural/lib/natural/stemmers/porter_stemmer.js') as Stemmer;
  return porter.stem(word);
}
