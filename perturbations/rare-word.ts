/**
 * @module The `rare-word` family: at a word, swap in its rarest synonyms (by SUBTLEX-US rank), or insert a rare,
 * sentiment-neutral filler adverb before it where an adverb can stand (lib/filler-slots.ts); optionally (off by
 * default) CheckList-style swaps of names, places and numbers.
 */
import type { AttackText } from '../src/core/attack-text.js';
import type { Perturbation, PerturbContext } from '../src/core/perturbation.js';
import { shuffled, type Rng } from '../src/core/rng.js';
import { CITIES, COUNTRIES, FEMALE_NAMES, MALE_NAMES } from './lib/checklist-lists.js';
import { fillerSlot } from './lib/filler-slots.js';
import { integerAtLeast, isBoolean, resolveOptions } from './lib/options.js';
import { RARE_FILLERS } from './lib/rare-fillers.js';
import { BUNDLED_VECTORS_PATH } from '../src/nlp/word-vectors.js';
import { DEFAULT_SYNONYM_CHECKS, synonymChecker } from './lib/checked-synonyms.js';
import { frequencyRank } from './lib/word-frequency.js';

export interface RareWordOptions {
  /** Synonyms come from the lemma's first `maxSenses` WordNet senses. */
  readonly maxSenses: number;
  /** At most this many synonym replacements per word: the rarest ones that are rarer than the word itself. */
  readonly maxReplacements: number;
  /** At most this many filler insertions before a word. */
  readonly maxInserts: number;
  /**
   * CheckList swaps (Ribeiro et al. 2020). They change what the text is about, so a flip they cause is a robustness
   * failure only for tasks that should ignore such details (sentiment, toxicity), not for QA or extraction: off by
   * default. `swapNames`: a first name for another of the same list (female/male); `swapPlaces`: a city or country
   * for another city or country; `swapNumbers`: a standalone integer changed by a little (±20 %, years ±10), digit
   * count and zero padding kept.
   */
  readonly swapNames: boolean;
  readonly swapPlaces: boolean;
  readonly swapNumbers: boolean;
  /** Replacements per swapped name, place or number. */
  readonly maxSwaps: number;
}

export const DEFAULT_RARE_WORD_OPTIONS: RareWordOptions = {
  maxSenses: 3,
  maxReplacements: 2,
  maxInserts: 1,
  swapNames: false,
  swapPlaces: false,
  swapNumbers: false,
  maxSwaps: 2,
};

export function resolveRareWordOptions(options: object): RareWordOptions {
  return resolveOptions(
    'rare-word',
    DEFAULT_RARE_WORD_OPTIONS,
    {
      maxSenses: integerAtLeast(1),
      maxReplacements: integerAtLeast(0),
      maxInserts: integerAtLeast(0),
      swapNames: isBoolean,
      swapPlaces: isBoolean,
      swapNumbers: isBoolean,
      maxSwaps: integerAtLeast(1),
    },
    options,
  );
}

const SWAP_LISTS: readonly { readonly kind: 'name' | 'place'; readonly words: readonly string[] }[] = [
  { kind: 'name', words: FEMALE_NAMES },
  { kind: 'name', words: MALE_NAMES },
  { kind: 'place', words: CITIES },
  { kind: 'place', words: COUNTRIES },
];
// Tags a name or place may carry: wink calls some names NOUN, and X when it has no tag.
const NAME_POS = new Set(['PROPN', 'NOUN', 'X']);
const TITLE_WORD = /^\p{Lu}\p{Ll}+$/u;
const DIGITS = /^\d+$/;
// A separator that joins two digit runs into one number ("3.5", "1,000", "10:30", "1/2").
const NUMBER_JOINT = /^[.,:/]$/;

// A separator ending a sentence: the next word's capital is positional, not part of the word.
const SENTENCE_END = /[.!?…]["'”’)\]]*\s*$/u;

// A separator a word can be slipped into: it ends with a space or an opening bracket or quote.
const OPEN_GAP = /[\s([{"“]$/u;

export function rareWord(options: Partial<RareWordOptions> = {}): Perturbation {
  const opts = resolveRareWordOptions(options);
  // The same WordNet candidates and the same checks as `synonym`'s defaults (sense in context, fixed expressions, real
  // and not too rare word forms, vectors): a rare word is welcome, a rare sense or a made-up form is not.
  const check = synonymChecker(
    { maxSenses: opts.maxSenses, maxCandidates: Number.POSITIVE_INFINITY, multiWord: false, minSenseShare: 0.1 },
    DEFAULT_SYNONYM_CHECKS,
    BUNDLED_VECTORS_PATH,
  );

  // Per example (its context): the fillers before a word never change along a search path, and every parent text of
  // the search asks for them again.
  const perExample = new WeakMap<PerturbContext, Map<number, readonly string[]>>();

  function fillersBefore(id: number, ctx: PerturbContext): readonly string[] {
    let fillers = perExample.get(ctx);
    if (fillers === undefined) {
      fillers = new Map();
      perExample.set(ctx, fillers);
    }
    let out = fillers.get(id);
    if (out === undefined) {
      // Keyed by word id, so a word gets the same filler whatever the search path.
      out = shuffled(ctx.rng(`rare-word:${id}`), RARE_FILLERS).slice(0, opts.maxInserts);
      fillers.set(id, out);
    }
    return out;
  }

  /** The word's checked synonyms (cached per example by the checker) that are rarer than it, rarest first. */
  function rarestSynonyms(text: AttackText, index: number, ctx: PerturbContext): string[] {
    const own = frequencyRank(text.words[index]!);
    const ranked = check(text, index, ctx)
      .map((to, order) => ({ to, order, rank: frequencyRank(to) }))
      .filter((c) => c.rank > own);
    // Rarest first (unknown words count as rarest); ties keep sense order.
    ranked.sort((a, b) => (a.rank === b.rank ? a.order - b.order : a.rank < b.rank ? 1 : -1));
    return ranked.slice(0, opts.maxReplacements).map((c) => c.to);
  }

  /**
   * Where a filler may go: only in a slot where an adverb can stand (lib/filler-slots.ts: "is perchance good", never
   * "to hereabouts humor"); not before a capitalised sentence-initial word (its capital would be stranded: "verily
   * The"), and not where the word is glued to the one before it ("it 's" would become "it 'verily s").
   */
  function canInsertBefore(text: AttackText, index: number, ctx: PerturbContext): boolean {
    const sep = text.seps[index] ?? '';
    if (index > 0 && !OPEN_GAP.test(sep)) return false;
    const atStart = index === 0 || SENTENCE_END.test(sep);
    if (atStart && /^\p{Lu}/u.test(text.words[index] ?? '')) return false;
    return fillerSlot(text, index, ctx.analysis) !== null;
  }

  /** CheckList replacements for the word at `index` (an original word), if it is a name, place or number. */
  function swaps(text: AttackText, index: number, id: number, ctx: PerturbContext): string[] {
    const word = text.words[index]!;
    const rng = () => ctx.rng(`rare-word:swap:${id}`);
    if (opts.swapNumbers && DIGITS.test(word) && standaloneNumber(text, index)) {
      return numberVariants(word, rng(), opts.maxSwaps);
    }
    if (!(opts.swapNames || opts.swapPlaces) || !TITLE_WORD.test(word)) return [];
    const pos = ctx.analysis.words[id]?.pos ?? 'X';
    if (!NAME_POS.has(pos)) return [];
    const list = SWAP_LISTS.find((l) => l.words.includes(word));
    if (list === undefined || !(list.kind === 'name' ? opts.swapNames : opts.swapPlaces)) return [];
    // "New York", "Paris Hilton": a place next to another capitalised word is part of a longer name.
    if (list.kind === 'place' && (capitalisedNeighbour(text, index, -1) || capitalisedNeighbour(text, index, 1)))
      return [];
    return shuffled(
      rng(),
      list.words.filter((w) => w !== word),
    ).slice(0, opts.maxSwaps);
  }

  return {
    family: 'rare-word',
    granularity: 'word',
    candidates(text: AttackText, index: number, ctx: PerturbContext): AttackText[] {
      const id = text.ids[index];
      if (id === undefined) return [];
      const out: AttackText[] = [];
      if (id < text.originalWordCount) {
        for (const to of rarestSynonyms(text, index, ctx)) {
          out.push(text.replaceWord(index, to, 'rare-word'));
        }
        for (const to of swaps(text, index, id, ctx)) out.push(text.replaceWord(index, to, 'rare-word'));
      }
      if (opts.maxInserts > 0 && canInsertBefore(text, index, ctx)) {
        for (const filler of fillersBefore(id, ctx)) out.push(text.insertWord(index, filler, 'rare-word'));
      }
      return out;
    },
  };
}

/** Not part of a longer number: no "." "," ":" or "/" joins it to a neighbouring digit run. */
function standaloneNumber(text: AttackText, index: number): boolean {
  const before = index > 0 && NUMBER_JOINT.test(text.seps[index]!) && DIGITS.test(text.words[index - 1]!);
  const after =
    index + 1 < text.length && NUMBER_JOINT.test(text.seps[index + 1]!) && DIGITS.test(text.words[index + 1]!);
  return !before && !after;
}

/** A capitalised word right next to `index` (only spaces between) that is not merely sentence-initial. */
function capitalisedNeighbour(text: AttackText, index: number, step: -1 | 1): boolean {
  const k = index + step;
  if (k < 0 || k >= text.length) return false;
  const gap = text.seps[Math.max(index, k)]!;
  if (!/^[^\S\n]+$/u.test(gap) || !/^\p{Lu}/u.test(text.words[k]!)) return false;
  return !(k === 0 || SENTENCE_END.test(text.seps[k]!));
}

/**
 * Up to `count` distinct nearby values of a non-negative integer written as digits: within ±20 % (at least ±1), or
 * ±10 for a year (1900–2099), in the same number of digits, keeping zero padding ("07" -> "08").
 */
export function numberVariants(word: string, rng: Rng, count: number): string[] {
  const n = Number(word);
  if (!DIGITS.test(word) || !Number.isSafeInteger(n)) return [];
  const year = word.length === 4 && n >= 1900 && n <= 2099;
  const spread = year ? 10 : Math.max(1, Math.round(n * 0.2));
  const padded = word.length > 1 && word.startsWith('0');
  const out: string[] = [];
  for (let tries = 0; tries < 8 * count && out.length < count; tries++) {
    const delta = 1 + Math.floor(rng() * spread);
    const m = rng() < 0.5 ? n - delta : n + delta;
    if (m < 0) continue;
    let s = String(m);
    if (padded) s = s.padStart(word.length, '0');
    if (s.length !== word.length && (padded || n >= 10)) continue;
    if (s !== word && !out.includes(s)) out.push(s);
  }
  return out;
}
