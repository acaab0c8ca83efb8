/**
 * @module How often each word was seen in each WordNet sense (the SemCor tag counts in `index.sense`). A synonym is
 * only as good as the sense the two words share: "bad" and "big" share "very intense" (a bad cold), which is 3 of
 * 51 tagged uses of bad's main sense and 2 against big's 107.
 *
 * The file (7 MB, 207k lines) is sorted by sense key, so a lemma's lines are found by binary search in its bytes as
 * read (shared by a campaign's workers: src/nlp/shared-files.ts), and only the lemmas asked for are parsed.
 * Parsing it all into a map took ~230 ms and ~40 MB of heap in every worker thread (experiments/results/bench.md).
 */
import { fileBytes } from '../../src/nlp/shared-files.js';
import { linesStartingWith } from './sorted-lines.js';
import type { WordNetPos } from './wordnet.js';
import { wordNetFile } from './wordnet-files.js';

// index.sense's ss_type digit: 1 noun, 2 verb, 3 adjective, 4 adverb, 5 adjective satellite.
const POS_OF_TYPE: Record<string, WordNetPos> = { '1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a' };

interface LemmaSenses {
  /** Tag count of the lemma's most frequent sense, in any part of speech. */
  readonly max: number;
  /** Tag count by `${pos}\t${offset}`. */
  readonly counts: ReadonlyMap<string, number>;
}

let bytes: Buffer | undefined;
const lemmas = new Map<string, LemmaSenses>();

function senseIndex(): Buffer {
  bytes ??= fileBytes(wordNetFile('index.sense'));
  return bytes;
}

function sensesOf(lemma: string): LemmaSenses {
  const known = lemmas.get(lemma);
  if (known !== undefined) return known;
  const t = senseIndex();
  const key = `${lemma}%`;
  const counts = new Map<string, number>();
  let max = 0;
  for (const line of linesStartingWith(t, key)) {
    // lemma%ss_type:lex_filenum:lex_id:head_word:head_id synset_offset sense_number tag_cnt
    const sp1 = line.indexOf(' ');
    const sp2 = line.indexOf(' ', sp1 + 1);
    const sp3 = line.indexOf(' ', sp2 + 1);
    const pos = POS_OF_TYPE[line.charAt(key.length)];
    if (sp1 < 0 || pos === undefined) continue;
    const tags = Number(line.slice(sp3 + 1));
    counts.set(`${pos}\t${Number(line.slice(sp1 + 1, sp2))}`, tags);
    max = Math.max(max, tags);
  }
  const senses = { max, counts };
  lemmas.set(lemma, senses);
  return senses;
}

/**
 * The share of `lemma`'s most frequent sense, in any part of speech, that its sense `offset` reaches (1 for its most
 * frequent sense). Any part of speech: "howling" as an adjective ("a howling success") has no tagged use while its
 * noun has, so the adjective sense counts as rare. A word with no tagged use at all gives 1 for every sense: nothing
 * says which of its senses is rare.
 */
export function senseShare(lemma: string, pos: WordNetPos, offset: number): number {
  const { max, counts } = sensesOf(lemma);
  if (max === 0) return 1;
  return (counts.get(`${pos}\t${offset}`) ?? 0) / max;
}
