/**
 * @module The default Analyzer: POS, lemma and entity flag per AttackText word, from wink-nlp aligned by character
 * offsets; and `tagWords`, the same POS tags alone, from a pipeline without entities (what the POS-consistency
 * constraint asks for every synonym candidate).
 */
import type { WinkMethods } from 'wink-nlp';
import type { Analyzer, WordInfo } from '../core/analysis.js';
import { wink, winkPos } from './wink.js';

/** What a word gets when wink has no token for it (or wink fails): unknown POS, the word itself as lemma. */
function fallback(word: string): WordInfo {
  return { pos: 'X', lemma: word.toLowerCase(), entity: false };
}

interface TokenSpan {
  readonly start: number;
  readonly end: number;
  pos: string;
  lemma: string;
  readonly entity: boolean;
  /** First non-punctuation token of a sentence. */
  readonly sentenceStart: boolean;
}

/**
 * The instance to read with and whether it is the full pipeline (`wink()`: tags, lemmas, entities) or the POS-only
 * one (`winkPos()`: no lemma, the value stands in, and no entity).
 */
export interface Facts {
  readonly nlp: WinkMethods;
  readonly full: boolean;
}

/** Wink tokens with their character spans in `text`, in text order. */
function winkTokens(text: string, { nlp, full }: Facts): TokenSpan[] {
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const pos = tokens.out(its.pos) as string[];
  // its.lemma's typing does not fit ItsFunction (see dependencies.md §4).
  const lemmas = full ? (tokens.out(its.lemma as never) as string[]) : values;
  const inEntity = new Uint8Array(values.length);
  if (full) {
    for (const [from, to] of doc.entities().out(its.span) as unknown as number[][]) {
      for (let t = Math.max(0, from ?? 0); t <= (to ?? -1) && t < values.length; t++) inEntity[t] = 1;
    }
  }
  const sentenceStart = new Uint8Array(values.length);
  for (const [from, to] of doc.sentences().out(its.span) as unknown as number[][]) {
    let t = Math.max(0, from ?? 0);
    while (t < (to ?? -1) && (pos[t] === 'PUNCT' || pos[t] === 'SPACE')) t++;
    if (t < values.length) sentenceStart[t] = 1;
  }
  const out: TokenSpan[] = [];
  let cursor = 0;
  for (let t = 0; t < values.length; t++) {
    const value = values[t] ?? '';
    if (value.length === 0) continue;
    // precedingSpaces is normalised (runs of spaces, no-break spaces), so fall back to searching forward.
    let start = cursor + (spaces[t]?.length ?? 0);
    if (!text.startsWith(value, start)) {
      start = text.indexOf(value, cursor);
      if (start < 0) continue;
    }
    const end = start + value.length;
    out.push({
      start,
      end,
      pos: pos[t] ?? 'X',
      lemma: (lemmas[t] ?? value).toLowerCase(),
      entity: inEntity[t] === 1,
      sentenceStart: sentenceStart[t] === 1,
    });
    cursor = end;
  }
  return out;
}

const TITLE = /^\p{Lu}[^\p{Lu}]*$/u;
const SHOUTED = /^\p{Lu}[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u;

/**
 * wink tags nearly every capitalised word PROPN ("Terrible acting." -> PROPN VERB), which would hide sentence-initial
 * and shouted words from word-level perturbations. The text is tagged again with only those words lower-cased (same
 * length, so spans still match), and that pass's tags and lemmas are used for every token it places identically
 * ("terrible acting." -> ADJ NOUN). Mid-sentence Title-case words stay as they are: they are usually names.
 * Entity flags stay from the first pass, where capitals help ("May 2020").
 */
function retagCapitalised(text: string, tokens: TokenSpan[], facts: Facts): void {
  let lowered = '';
  let last = 0;
  for (const tok of tokens) {
    if (tok.pos !== 'PROPN') continue;
    const value = text.slice(tok.start, tok.end);
    if (!SHOUTED.test(value) && !(tok.sentenceStart && TITLE.test(value))) continue;
    const lower = value.toLowerCase();
    if (lower.length !== value.length) continue;
    lowered += text.slice(last, tok.start) + lower;
    last = tok.end;
  }
  if (last === 0) return;
  lowered += text.slice(last);
  const again = winkTokens(lowered, facts);
  let j = 0;
  for (const tok of tokens) {
    while (j < again.length && again[j]!.start < tok.start) j++;
    const other = again[j];
    if (other === undefined || other.start !== tok.start || other.end !== tok.end) continue;
    tok.pos = other.pos;
    tok.lemma = other.lemma;
  }
}

function analyzeWith(words: readonly string[], seps: readonly string[], load: () => Facts): WordInfo[] {
  let text = '';
  const starts: number[] = [];
  for (let k = 0; k < words.length; k++) {
    text += seps[k] ?? '';
    starts.push(text.length);
    text += words[k] ?? '';
  }
  text += seps[words.length] ?? '';
  // Outside the try: a wink that cannot load is a broken install, which must show as an error, not as a campaign
  // without synonyms, reorders or rare words whose summary still lists their checks as passed.
  const facts = load();
  let tokens: TokenSpan[];
  try {
    tokens = winkTokens(text, facts);
    retagCapitalised(text, tokens, facts);
  } catch {
    // One odd text must not stop a campaign: words without facts simply get no synonym candidates.
    return words.map((w) => fallback(w ?? ''));
  }
  const out: WordInfo[] = [];
  let first = 0;
  for (let k = 0; k < words.length; k++) {
    const word = words[k] ?? '';
    const start = starts[k]!;
    const end = start + word.length;
    while (first < tokens.length && tokens[first]!.end <= start) first++;
    let hit: TokenSpan | undefined;
    let overlapping = 0;
    let entity = false;
    for (let t = first; t < tokens.length && tokens[t]!.start < end; t++) {
      hit ??= tokens[t];
      overlapping++;
      entity ||= tokens[t]!.entity;
    }
    if (hit === undefined || word.length === 0) {
      out.push(fallback(word));
      continue;
    }
    // A word wink splits ("don't" -> do + n't) or one inside a larger token (a URL) keeps itself as lemma.
    const exact = overlapping === 1 && hit.start === start && hit.end === end;
    out.push({ pos: hit.pos, lemma: exact ? hit.lemma : word.toLowerCase(), entity, form: word.toLowerCase() });
  }
  return out;
}

// Made once per thread, on first use (a failed load is thrown again at the next call).
let fullFactsMade: Facts | undefined;
let posFactsMade: Facts | undefined;
const fullFacts = (): Facts => (fullFactsMade ??= { nlp: wink(), full: true });
const posFacts = (): Facts => (posFactsMade ??= { nlp: winkPos(), full: false });

/** An Analyzer over the instance `load` gives (loaded when first needed; a load error is thrown, not swallowed). */
export function analyzerOver(load: () => Facts): Analyzer {
  return { analyze: (words, seps) => ({ words: analyzeWith(words, seps, load) }) };
}

export const winkAnalyzer: Analyzer = analyzerOver(fullFacts);

/**
 * Each word's POS tag, exactly as `winkAnalyzer` gives it (tagging comes before entity recognition in wink's
 * pipeline, and wink-analyzer.test.ts compares the two), in about two thirds of its time (144 against 222 µs per
 * text over the shared datasets' sentences).
 */
export function tagWords(words: readonly string[], seps: readonly string[]): string[] {
  return analyzeWith(words, seps, posFacts).map((w) => w.pos);
}
