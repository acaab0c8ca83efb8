/**
 * @module Synonyms of a word that fit the text it stands in (shared by `synonym` and `rare-word`): WordNet synonyms
 * (synonym-candidates.ts) minus those a reader would reject. In order, cheapest first:
 *  - fixed-expression: the word is part of a phrasal verb or idiom ("pay for", "a must"): no synonym at all;
 *  - name: the word stands next to a likely name ("cletis tout"): no synonym at all (name-context.ts);
 *  - word-sense: only synonyms of the sense the context selects ("funny" as in laughter, not as in odd);
 *  - derivation: the synonym is a derivational variant of the word ("laugh" -> "laughter"; derivation-check.ts);
 *  - word-form: the inflected synonym must be a real, reasonably common word form (SUBTLEX-US);
 *  - embedding: cosine to the original word at least `minCosine` (unknown words fail);
 *  - context-fit: the synonym may not sit much further from the context's words than the original.
 * Results depend on the word's context, so they are cached per example (its PerturbContext) and word id.
 */
import type { AttackText } from '../../src/core/attack-text.js';
import type { PerturbContext } from '../../src/core/perturbation.js';
import { isStopword } from '../../src/nlp/stopwords.js';
import { loadWordVectors, type WordVectors } from '../../src/nlp/word-vectors.js';
import { contextFitDrop } from './context-fit.js';
import { isDerivationalVariant } from './derivation-check.js';
import { inFixedExpression } from './fixed-expressions.js';
import { lookupPos } from './lookup-pos.js';
import { nextToName } from './name-context.js';
import { synonymCandidates, WORDNET_POS, type SynonymCandidateOptions } from './synonym-candidates.js';
import { DEFAULT_WORD_FORM, isCommonWordForm, type WordFormOptions } from './word-form-check.js';
import { rankSenses } from './word-sense.js';

export interface SynonymChecks {
  readonly fixedExpressions: boolean;
  /** Leave words next to a likely name alone (name-context.ts). */
  readonly nameCheck: boolean;
  /** Drop derivational variants of the word ("dream" -> "dreaming"; derivation-check.ts). */
  readonly derivationCheck: boolean;
  readonly wordSense: boolean;
  /** null: any form the inflector makes. */
  readonly wordForm: WordFormOptions | null;
  /** null: no embedding filter. */
  readonly minCosine: number | null;
  /** Largest allowed context-fit drop (context-fit.ts); null: off. */
  readonly maxContextDrop: number | null;
  /** Original words on each side whose lemmas make the context. */
  readonly contextWindow: number;
}

/**
 * On by default, for `synonym` and `rare-word` alike. The thresholds were set on the swaps of the validity review
 * (experiments/synonym-checks/calibrate.ts): once the WordNet and frequency checks have run, a cosine floor of 0
 * to 0.1 and a context-fit drop of 0.25 reject no swap the judges found valid but most they found questionable or
 * invalid (antonym-like "unintentional" -> "designed", "winning" -> "victorious", "authority" -> "authorisation").
 */
export const DEFAULT_SYNONYM_CHECKS: SynonymChecks = {
  fixedExpressions: true,
  nameCheck: true,
  derivationCheck: true,
  wordSense: true,
  wordForm: DEFAULT_WORD_FORM,
  minCosine: 0.05,
  maxContextDrop: 0.25,
  contextWindow: 6,
};

export type SynonymCheckName =
  | 'fixed-expression'
  | 'name'
  | 'derivation'
  | 'word-sense'
  | 'word-form'
  | 'embedding'
  | 'context-fit';

/** Counts of candidates removed by each check, for measurement (experiments/synonym-checks). */
export type CheckTrace = Map<SynonymCheckName | 'kept', number>;

const CONTENT_POS = new Set(['NOUN', 'VERB', 'ADJ', 'ADV', 'PROPN']);

export type SynonymChecker = (
  text: AttackText,
  index: number,
  ctx: PerturbContext,
  trace?: CheckTrace,
) => readonly string[];

/**
 * A checker for one perturbation: `base` picks the WordNet candidates, `checks` filters them, `vectorsPath` is the
 * word-vector asset (read on first use; null: the vector-based parts are skipped).
 */
export function synonymChecker(
  base: SynonymCandidateOptions,
  checks: SynonymChecks,
  vectorsPath: string | null,
): SynonymChecker {
  let vectors: WordVectors | null | undefined;
  const perExample = new WeakMap<PerturbContext, Map<string, readonly string[]>>();
  const all = { ...base, maxCandidates: Number.POSITIVE_INFINITY };
  return (text, index, ctx, trace) => {
    const id = text.ids[index];
    if (id === undefined || id >= text.originalWordCount) return [];
    // Not cached: it looks at the current neighbours, which reorder and insertions change.
    if (checks.fixedExpressions && inFixedExpression(text, index, ctx)) {
      if (trace !== undefined)
        count(trace, 'fixed-expression', synonymCandidates(text.words[index]!, ctx.analysis.words[id], all).length);
      return [];
    }
    // Original neighbours only (a reorder does not make a name); cheap: two lookups.
    if (checks.nameCheck && nextToName(ctx.analysis.words, id)) {
      if (trace !== undefined)
        count(trace, 'name', synonymCandidates(text.words[index]!, ctx.analysis.words[id], all).length);
      return [];
    }
    let known = perExample.get(ctx);
    if (known === undefined) {
      known = new Map();
      perExample.set(ctx, known);
    }
    const word = text.words[index]!;
    const key = `${id}\u0000${word}`;
    let out = trace === undefined ? known.get(key) : undefined;
    if (out === undefined) {
      if (vectors === undefined) vectors = vectorsPath === null ? null : loadWordVectors(vectorsPath);
      out = check(word, id, ctx, vectors, trace);
      known.set(key, out);
    }
    return out;
  };

  function check(
    word: string,
    id: number,
    ctx: PerturbContext,
    v: WordVectors | null,
    trace: CheckTrace | undefined,
  ): readonly string[] {
    const tagged = ctx.analysis.words[id];
    const lookup = lookupPos(ctx.analysis.words, id);
    const pos = lookup === undefined ? undefined : WORDNET_POS[lookup];
    if (tagged === undefined || lookup === undefined || pos === undefined) return [];
    const info = lookup === tagged.pos ? tagged : { ...tagged, pos: lookup };
    const context = contextLemmas(ctx, id, checks.contextWindow);
    let candidates: readonly string[];
    if (checks.wordSense) {
      const best = rankSenses(info.lemma, pos, context, base.maxSenses, v)[0];
      candidates = best === undefined ? [] : synonymCandidates(word, info, { ...all, senses: [best.offset] });
      if (trace !== undefined)
        count(trace, 'word-sense', synonymCandidates(word, info, all).length - candidates.length);
    } else {
      candidates = synonymCandidates(word, info, all);
    }
    const centroid = v !== null && checks.maxContextDrop !== null ? v.centroid(context) : null;
    const kept: string[] = [];
    for (const to of candidates) {
      if (kept.length >= base.maxCandidates) break;
      let failed: SynonymCheckName | undefined;
      if (checks.derivationCheck && isDerivationalVariant(word, to)) failed = 'derivation';
      else if (checks.wordForm !== null && !isCommonWordForm(to, word, checks.wordForm)) failed = 'word-form';
      else if (v !== null && checks.minCosine !== null && (v.cosine(word, to) ?? -2) < checks.minCosine)
        failed = 'embedding';
      else if (
        v !== null &&
        centroid !== null &&
        (contextFitDrop(v, word, to, centroid) ?? 0) > checks.maxContextDrop!
      ) {
        failed = 'context-fit';
      }
      if (failed === undefined) kept.push(to);
      else if (trace !== undefined) count(trace, failed, 1);
    }
    if (trace !== undefined) count(trace, 'kept', kept.length);
    return Object.freeze(kept);
  }
}

/** Lemmas of the original content words within `window` words of `id`, the word itself excluded. */
export function contextLemmas(ctx: PerturbContext, id: number, window: number): string[] {
  const out: string[] = [];
  const words = ctx.analysis.words;
  for (let k = Math.max(0, id - window); k <= Math.min(words.length - 1, id + window); k++) {
    const w = words[k]!;
    if (k === id || w.entity || !CONTENT_POS.has(w.pos) || isStopword(w.lemma) || !/^[a-z]/.test(w.lemma)) continue;
    out.push(w.lemma);
  }
  return out;
}

function count(trace: CheckTrace, name: SynonymCheckName | 'kept', n: number): void {
  trace.set(name, (trace.get(name) ?? 0) + n);
}
