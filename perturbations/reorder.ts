/**
 * @module The `reorder` family: swap two members of a coordinated list, clauses around a symmetric coordinator or a
 * comma, or adjacent sentences; optionally (off by default) any two adjacent content words.
 */
import { isStopword } from '../src/nlp/stopwords.js';
import type { AttackText } from '../src/core/attack-text.js';
import type { Perturbation } from '../src/core/perturbation.js';
import type { TextAnalysis } from '../src/core/analysis.js';
import { ConfigError } from '../src/core/errors.js';
import { compareWindows, isUnchanged, type TextWindow } from '../src/core/text-window.js';
import { coordinatedPartner } from './lib/coordinated-words.js';

export interface ReorderOptions {
  /** Swap two words of one coordinated list: "fast, simple" -> "simple, fast", "funny and warm" -> "warm and funny". */
  readonly coordinatedWords: boolean;
  /**
   * Swap word i with word i+1 inside one phrase (only whitespace between them). Off by default: blinded judges
   * rejected such swaps ("the big loser" -> "the loser big") as text nobody would write.
   */
  readonly adjacentWords: boolean;
  /** Swap the clause starting at word i with the next clause of the same sentence. */
  readonly clauses: boolean;
  /** Swap the sentence starting at word i with the next sentence. */
  readonly sentences: boolean;
}

export const defaultReorderOptions: ReorderOptions = {
  coordinatedWords: true,
  adjacentWords: false,
  clauses: true,
  sentences: true,
};

// Coordinators that split a sentence into clauses. Excluded: so/because (swapping would reverse cause and effect) and
// although/though (reverses which clause is conceded; "even though" and "as though" would split).
const MIDDLE_CONJUNCTIONS = new Set(['and', 'or', 'nor', 'but', 'yet', 'while', 'whereas']);
// Of those, the ones clauses may swap around. "X but Y" -> "Y but X" moves the weight of the sentence (for sentiment,
// the clause after "but" usually decides the label), and "while" is also temporal: both sides stay where they are.
const SYMMETRIC_COORDINATORS = new Set(['and', 'or', 'nor']);
// After a comma these open the second clause but must not travel with it ("X, but Y" -> "Y, but X", not "but Y, X").
const COORDINATORS = new Set(['and', 'or', 'nor', 'but', 'yet']);
// Clauses opening with these depend on the previous clause's position (result, sequence, relative clause).
const UNMOVABLE_STARTS = new Set(['so', 'then', 'thus', 'therefore', 'hence', 'which', 'who', 'whom', 'whose', 'that']);
// Inside a piece split off at a bare coordinator, these mean the coordinator may join parts of a subordinate clause
// ("... know when humor ends and tragedy begins"), so the split is not trusted.
const SUBORDINATING_WORDS = new Set([
  ...['which', 'who', 'whom', 'whose', 'what', 'how', 'why', 'when', 'where', 'whether'],
  ...['if', 'because', 'although', 'though', 'since', 'unless', 'until'],
]);
const CONJUNCTION_POS = new Set(['CCONJ', 'SCONJ']);
const VERB_POS = new Set(['VERB', 'AUX']);
const SUBJECT_POS = new Set(['NOUN', 'PROPN', 'PRON', 'NUM']);
const AUX_POS = new Set(['AUX']);
const ADP_POS = new Set(['ADP']);
const SCONJ_POS = new Set(['SCONJ']);
const NOUN_POS = new Set(['NOUN', 'PROPN']);
// Without POS tags a block must be this long to pass as a clause ("the food and the service were bad" must not split).
const MIN_UNTAGGED_CLAUSE = 3;
// Abbreviations whose period does not end a sentence; single letters ("U.S.", "J. K.") are handled separately.
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'vs',
  'inc',
  'ltd',
  'co',
  'corp',
  'fig',
]);

const PHRASE_GAP = /^[^\S\n]+$/u; // spaces only: the two words belong to one phrase
// Terminal punctuation followed by whitespace ("3.5", "e.g", "SPACE.com" stay inside), or a line break.
const SENTENCE_END = /[.!?]['"’”)\]]*\s|\n/u;
const CLAUSE_BREAK = /[,;]['"’”)\]]*\s/u;
// Brackets or double quotes (also PTB-style `` '') inside a swapped span would end up unbalanced; a dash usually
// introduces an appended phrase that belongs to what precedes it.
const RISKY_PUNCT = /[()[\]{}"“”«»`–—]|''|\s-+\s/u;
const NUMBER_LIKE = /\p{N}/u;
// A line break and a bullet ("\n- ", "\n* ", "\n2. "): list items of an instruction swap like sentences, bullets
// staying in place.
const LIST_ITEM_START = /\n[^\S\n]*(?:[-*•]|\d+[.)])[^\S\n]+$/u;

interface Clause {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

interface SplitClause extends Clause {
  /** A coordinator sits between this clause and the previous one (with or without a comma). */
  readonly coordinated: boolean;
}

export function reorder(options: Partial<ReorderOptions> = {}): Perturbation {
  const opts: ReorderOptions = { ...defaultReorderOptions, ...options };
  for (const [k, v] of Object.entries(opts)) {
    if (typeof v !== 'boolean') throw new ConfigError(`reorder: option ${k} must be a boolean`);
  }
  return {
    family: 'reorder',
    granularity: 'sentence',
    anchor: 'move',
    candidates(text, index, ctx) {
      if (index < 0 || index >= text.length) return [];
      const blocks: [number, number, number, number][] = [];
      const partner = opts.coordinatedWords ? coordinatedPartner(text, index, ctx.analysis) : undefined;
      if (partner !== undefined) blocks.push([index, index + 1, partner, partner + 1]);
      if (opts.adjacentWords && adjacentSwappable(text, index, ctx.analysis)) {
        blocks.push([index, index + 1, index + 1, index + 2]);
      }
      const sentence = sentenceAround(text, index);
      if (opts.clauses) {
        const clauses = clausesOf(text, sentence, ctx.analysis);
        const k = clauses.findIndex((c) => c.start === index);
        const a = clauses[k];
        const b = clauses[k + 1];
        if (a && b && clausesSwappable(text, clauses, k, ctx.analysis)) blocks.push([a.start, a.end, b.start, b.end]);
      }
      if (opts.sentences && sentence.start === index && sentence.end < text.length) {
        const next = sentenceAround(text, sentence.end);
        // Separators stay in place, so end marks would trade sentences: "Loved it! Is it cheap?" must not become
        // "Is it cheap! Loved it?". Only sentences that end alike swap.
        if (endMark(text.seps[sentence.end]!) === endMark(text.seps[next.end]!)) {
          blocks.push([sentence.start, sentence.end, next.start, next.end]);
        }
      }
      const out: AttackText[] = [];
      const windows: TextWindow[] = [];
      const base = text.text;
      for (const [a0, a1, b0, b1] of blocks) {
        if (!swappable(text, a0, a1, b0, b1)) continue;
        const candidate = text.swapBlocks(a0, a1, b0, b1, 'reorder');
        // Distinct texts, compared without building them (text-window.ts).
        const window = candidate.windowIn(text);
        if (isUnchanged(base, window) || windows.some((w) => compareWindows(base, w, window) === 0)) continue;
        windows.push(window);
        out.push(candidate);
      }
      return out;
    },
  };
}

// Moving a negation changes what it scopes over ("was not interesting" -> "was interesting not"): such a swap can
// change the meaning, so the flip it causes would not be a robustness failure.
const NEGATION =
  /^(?:not|no|never|nor|neither|none|nothing|nobody|nowhere|without|hardly|barely|scarcely|cannot|.*n['’]t)$/iu;

function adjacentSwappable(text: AttackText, i: number, analysis: TextAnalysis): boolean {
  if (i + 1 >= text.length || !PHRASE_GAP.test(text.seps[i + 1]!)) return false;
  // Both words must be content words, and neither may sit in a negation's scope ("not interesting and").
  const prev = i > 0 ? text.word(i - 1) : undefined;
  if ([text.word(i), text.word(i + 1)].some((w) => NEGATION.test(w) || isStopword(w))) return false;
  if (prev !== undefined && NEGATION.test(prev)) return false;
  return !numberLike(text, i, analysis) && !numberLike(text, i + 1, analysis);
}

function numberLike(text: AttackText, i: number, analysis: TextAnalysis): boolean {
  const info = analysis.words[text.ids[i]!];
  return NUMBER_LIKE.test(text.word(i)) || info?.pos === 'NUM' || info?.entity === true;
}

/** Both blocks hold only original words and the span has no bracket or quote that the swap would unbalance. */
function swappable(text: AttackText, a0: number, a1: number, b0: number, b1: number): boolean {
  for (let k = a0; k < b1; k++) {
    if ((k < a1 || k >= b0) && text.ids[k]! >= text.originalWordCount) return false;
    if (k > a0 && RISKY_PUNCT.test(text.seps[k]!) && !LIST_ITEM_START.test(text.seps[k]!)) return false;
  }
  return true;
}

/** The terminal punctuation in a separator; none counts as a plain period. */
function endMark(sep: string): string {
  return /[.!?]+/u.exec(sep)?.[0] ?? '.';
}

function isSentenceStart(text: AttackText, k: number): boolean {
  if (k === 0) return true;
  const sep = text.seps[k]!;
  if (!SENTENCE_END.test(sep)) return false;
  // "Mr. Smith", "U.S. sales": a period right after an abbreviation is not a boundary.
  if (sep.startsWith('.')) {
    const prev = text.word(k - 1).toLowerCase();
    if (prev.length === 1 || ABBREVIATIONS.has(prev)) return false;
  }
  return true;
}

/** The sentence [start, end) containing word k. */
function sentenceAround(text: AttackText, k: number): Clause {
  let start = k;
  while (!isSentenceStart(text, start)) start--;
  let end = k + 1;
  while (end < text.length && !isSentenceStart(text, end)) end++;
  return { start, end };
}

/**
 * Clauses of one sentence, split at commas/semicolons and at coordinators. The words between two consecutive clauses
 * (a coordinator, or nothing) stay in place when they swap. A coordinator without a comma often joins phrases
 * ("the food and the service were bad", "keep the film grounded and keep the audience riveted"), so such a split is
 * undone unless both sides are full, simple clauses.
 */
/**
 * The clauses of a sentence, split once per text: a search asks for candidates at every word of a text, and each
 * word of a sentence shares its split.
 */
const clauseCache = new WeakMap<AttackText, { analysis: TextAnalysis; bySentence: Map<number, SentenceSplit> }>();

interface SentenceSplit {
  readonly end: number;
  readonly clauses: SplitClause[];
}

// The only words the split reads (besides separators and POS tags, which a replacement keeps).
const SPLIT_WORDS = new Set([
  ...MIDDLE_CONJUNCTIONS,
  ...COORDINATORS,
  ...UNMOVABLE_STARTS,
  ...SUBORDINATING_WORDS,
  'to',
]);

function clausesOf(text: AttackText, sentence: Clause, analysis: TextAnalysis): SplitClause[] {
  let known = clauseCache.get(text);
  if (known === undefined || known.analysis !== analysis) {
    known = { analysis, bySentence: new Map() };
    clauseCache.set(text, known);
  }
  let split = known.bySentence.get(sentence.start);
  if (split === undefined || split.end !== sentence.end) {
    split = {
      end: sentence.end,
      clauses: inheritedSplit(text, sentence, analysis) ?? splitClauses(text, sentence, analysis),
    };
    known.bySentence.set(sentence.start, split);
  }
  return split.clauses;
}

/**
 * The parent's split of the same sentence, when this text only replaced a word the split does not read: the stability
 * sampler and the search ask for a fresh text's clauses at every step, and nearly all of those texts are replacements.
 */
function inheritedSplit(text: AttackText, sentence: Clause, analysis: TextAnalysis): SplitClause[] | undefined {
  const made = text.replacementOf();
  if (made === undefined) return undefined;
  const parent = clauseCache.get(made.parent);
  const split = parent?.analysis === analysis ? parent.bySentence.get(sentence.start) : undefined;
  if (split === undefined || split.end !== sentence.end) return undefined;
  const from = made.parent.word(made.index).toLowerCase();
  const to = text.word(made.index).toLowerCase();
  return SPLIT_WORDS.has(from) || SPLIT_WORDS.has(to) ? undefined : split.clauses;
}

function splitClauses(text: AttackText, sentence: Clause, analysis: TextAnalysis): SplitClause[] {
  const pieces: (SplitClause & { readonly bare: boolean })[] = [];
  let start = sentence.start;
  let joint: 'none' | 'comma' | 'coordinator' | 'bare' = 'none';
  const close = (end: number) => {
    const coordinated = joint === 'coordinator' || joint === 'bare';
    if (end > start) pieces.push({ start, end, coordinated, bare: joint === 'bare' });
  };
  for (let k = sentence.start + 1; k < sentence.end; k++) {
    if (CLAUSE_BREAK.test(text.seps[k]!)) {
      close(k);
      start = k;
      joint = 'comma';
    }
    const word = text.word(k).toLowerCase();
    const atClauseStart = k === start;
    const joiner = atClauseStart ? COORDINATORS.has(word) : MIDDLE_CONJUNCTIONS.has(word);
    if (joiner && k + 1 < sentence.end && taggedAs(text, k, analysis, CONJUNCTION_POS) !== false) {
      close(k);
      start = k + 1;
      if (!atClauseStart) joint = 'bare';
      else if (joint !== 'bare') joint = 'coordinator';
    }
  }
  close(sentence.end);
  const clauses: SplitClause[] = [];
  for (const p of pieces) {
    const prev = clauses[clauses.length - 1];
    // A verbless piece after a comma trails the clause before it ("net sales totaled EUR 103 mn, up from EUR 96 mn")
    // and must travel with it.
    const trailing = !p.coordinated && !isClause(text, p, analysis);
    if (prev && (trailing || (p.bare && !(fullClause(text, prev, analysis) && fullClause(text, p, analysis))))) {
      clauses[clauses.length - 1] = { ...prev, end: p.end };
    } else {
      clauses.push({ start: p.start, end: p.end, coordinated: p.coordinated });
    }
  }
  return clauses;
}

/** A block that can swap as a clause, and does not lean on the clause before it (result, sequence, relative). */
function movableClause(text: AttackText, c: Clause, analysis: TextAnalysis): boolean {
  return !UNMOVABLE_STARTS.has(text.word(c.start).toLowerCase()) && isClause(text, c, analysis);
}

/** Whether clauses k and k+1 of one sentence can trade places. */
function clausesSwappable(
  text: AttackText,
  clauses: readonly SplitClause[],
  k: number,
  analysis: TextAnalysis,
): boolean {
  for (const j of [k, k + 1]) {
    const c = clauses[j]!;
    if (!movableClause(text, c, analysis)) return false;
    // A coordinator may join mere verb phrases ("..., but never does more"); moving one would leave its partner
    // dangling, so every member of a coordination must be a full clause.
    const coordinated = c.coordinated || clauses[j + 1]?.coordinated === true;
    if (coordinated && !fullClause(text, c, analysis)) return false;
  }
  const a = clauses[k]!;
  const b = clauses[k + 1]!;
  if (b.coordinated) {
    // Only a symmetric coordinator may stay between the swapped clauses.
    for (let m = a.end; m < b.start; m++) if (!SYMMETRIC_COORDINATORS.has(text.word(m).toLowerCase())) return false;
    return true;
  }
  // Across a bare comma both sides must carry their own subject (a subordinate clause moves with its conjunction:
  // "Although it was cheap, ..."); a fronted phrase ("Escaping the studio, ...") or a bare predicate ("..., is
  // intriguing") would be left dangling.
  const auxFirst = (c: Clause) => taggedAs(text, c.start, analysis, AUX_POS) === true;
  return subjectFirst(text, a, analysis) && subjectFirst(text, b, analysis) && !auxFirst(a) && !auxFirst(b);
}

/** Movable, with a subject before its first verb and no subordinate clause inside (untagged: no subordinating word). */
function fullClause(text: AttackText, c: Clause, analysis: TextAnalysis): boolean {
  if (!movableClause(text, c, analysis) || !subjectFirst(text, c, analysis)) return false;
  // Led by a preposition it is usually a phrase whose "subject" sits inside it ("and by Nokian Tyres after ...").
  if (taggedAs(text, c.start, analysis, ADP_POS) === true) return false;
  for (let k = c.start; k < c.end; k++) {
    if (SUBORDINATING_WORDS.has(text.word(k).toLowerCase())) return false;
    if (taggedAs(text, k, analysis, SCONJ_POS) === true) return false;
    if (relativeThat(text, k, c, analysis)) return false;
  }
  return true;
}

/**
 * "that" right after a noun opens a relative clause ("fun that recreates a place and time that will never happen
 * again"): the coordinator inside may then join two nouns, not two clauses (the validity review's one invalid
 * reorder). wink tags it PRON, as it tags a demonstrative "that is great", which the noun before it tells apart.
 */
function relativeThat(text: AttackText, k: number, c: Clause, analysis: TextAnalysis): boolean {
  return k > c.start && text.word(k).toLowerCase() === 'that' && taggedAs(text, k - 1, analysis, NOUN_POS) === true;
}

/**
 * A noun or pronoun comes before the first verb, and that verb is not an infinitive ("movie lore to appreciate ...");
 * true when untagged (nothing to go on).
 */
function subjectFirst(text: AttackText, c: Clause, analysis: TextAnalysis): boolean {
  let subject = false;
  for (let k = c.start; k < c.end; k++) {
    if (taggedAs(text, k, analysis, VERB_POS) === true) return subject && text.word(k - 1).toLowerCase() !== 'to';
    if (taggedAs(text, k, analysis, SUBJECT_POS) === true) subject = true;
  }
  return subject || analysis.words[text.ids[c.start]!]?.pos === undefined;
}

/** Has a verb, or, when untagged, enough words to pass for a clause. */
function isClause(text: AttackText, c: Clause, analysis: TextAnalysis): boolean {
  let tagged = false;
  for (let k = c.start; k < c.end; k++) {
    const verb = taggedAs(text, k, analysis, VERB_POS);
    if (verb === true) return true;
    if (verb === false) tagged = true;
  }
  return !tagged && c.end - c.start >= MIN_UNTAGGED_CLAUSE;
}

/** Whether word k's POS is in `tags`; undefined when the word has no tag (inserted word, or no analysis). */
function taggedAs(text: AttackText, k: number, analysis: TextAnalysis, tags: ReadonlySet<string>): boolean | undefined {
  const pos = analysis.words[text.ids[k]!]?.pos;
  return pos ? tags.has(pos) : undefined;
}
