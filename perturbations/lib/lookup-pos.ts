/**
 * @module The part of speech a word's synonyms are looked up under. wink's tag, except in two frames where wink
 * reliably tags a noun/adjective-ambiguous word the wrong way, and WordNet then offers synonyms of the other part of
 * speech (both seen in the demo campaign's flips):
 *
 * - `with kind and attentive staff`: a word tagged NOUN, coordinated by "and"/"or" with an adjective that modifies
 *   the following noun, is an attributive adjective (noun "kind" gave "sort").
 * - `the sole came loose`: a word tagged ADJ between a determiner and a verb that has no noun object right after it
 *   is the head noun (adjective "sole" gave "exclusive").
 *
 * Only the lookup uses this: the analysis, and so pos-consistency and the other families, keep wink's tags. With
 * pos-consistency on (the default) a synonym found this way must still keep wink's tag when the changed text is
 * tagged again, so a repair removes wrong-sense candidates and adds few.
 */
import type { UposTag, WordInfo } from '../../src/core/analysis.js';
import { senseOffsetsOf } from './wordnet.js';

const COORDINATORS = new Set(['and', 'or']);
// Past forms and auxiliaries only: wink tags gerunds and plural nouns after an adjective as verbs too ("the lazy
// plotting", "the smartest takes"), and there the adjective is right.
const FINITE_VERB = /^(?![a-z]*(?:ing|s)$)[a-z]+$/;
// A word after these modifies the same noun as the adjective ("a great price and good service" stays a noun).
const NOUN_MODIFIERS = new Set(['ADJ', 'NOUN', 'PROPN', 'NUM']);
const NOUNS = new Set(['NOUN', 'PROPN']);

export function lookupPos(words: readonly WordInfo[], id: number): UposTag | undefined {
  const word = words[id];
  if (word === undefined) return undefined;
  const before = words[id - 1];
  const next = words[id + 1];
  const afterNext = words[id + 2];
  if (
    word.pos === 'NOUN' &&
    senseOffsetsOf(word.lemma, 'a').length > 0 &&
    next !== undefined &&
    COORDINATORS.has(next.lemma) &&
    afterNext?.pos === 'ADJ' &&
    NOUNS.has(words[id + 3]?.pos ?? '') &&
    !NOUN_MODIFIERS.has(before?.pos ?? '')
  ) {
    return 'ADJ';
  }
  if (
    word.pos === 'ADJ' &&
    before?.lemma === 'the' &&
    !word.lemma.includes('-') &&
    next !== undefined &&
    (next.pos === 'AUX' || (next.pos === 'VERB' && !next.lemma.includes('-') && FINITE_VERB.test(next.form ?? ''))) &&
    !NOUNS.has(afterNext?.pos ?? '')
  ) {
    return 'NOUN';
  }
  return word.pos;
}
