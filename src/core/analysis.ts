/** @module Linguistic facts about the original text's words, computed once per example and shared by perturbations. */

/** Universal POS tag of a word (wink-nlp's UPOS: NOUN, VERB, ADJ, ADV, PROPN, ...). */
export type UposTag = string;

export interface WordInfo {
  readonly pos: UposTag;
  /** Lower-cased lemma ("movies" -> "movie", "ran" -> "run"). */
  readonly lemma: string;
  /** Part of an entity (date, number, URL, ...) as found by the tagger. */
  readonly entity: boolean;
  /** The word as written, lower-cased ("came" where the lemma is "come"); absent from analyzers that do not keep it. */
  readonly form?: string;
}

/** Facts per original word index (AttackText word ids below originalWordCount). */
export interface TextAnalysis {
  readonly words: readonly WordInfo[];
}

export interface Analyzer {
  analyze(words: readonly string[], seps: readonly string[]): TextAnalysis;
}
