/**
 * @module Coordinated word pairs: the only adjacent words `reorder` swaps by default. Two words of one list ("fast,
 * simple" -> "simple, fast"; "funny and warm" -> "warm and funny") trade places without changing meaning or grammar;
 * any other adjacent pair ("the big loser" -> "the loser big", "typical romantic") reads as text nobody writes.
 */
import type { AttackText } from '../../src/core/attack-text.js';
import type { TextAnalysis } from '../../src/core/analysis.js';

const LIST_POS = new Set(['ADJ', 'NOUN', 'PROPN', 'VERB']);
const COORDINATORS = new Set(['and', 'or']);
// Spaces only, or a comma and spaces.
const SPACE = /^[^\S\n]+$/u;
const COMMA = /^,[^\S\n]+$/u;
// Moving these changes what they scope over ("not funny and warm"), or the pair is a fixed order.
const NEGATION = /^(?:not|no|never|nor|neither|none|nothing|without|hardly|barely|scarcely|cannot|.*n['’]t)$/iu;
const NUMBER_LIKE = /\p{N}/u;
// Words before a noun pair that would then modify the other noun ("great acting and story", "horror movie and
// comedy"), and words after it that would turn the second noun into a modifier ("acting and story line").
const NOUN_MODIFIER_POS = new Set(['ADJ', 'NOUN', 'PROPN', 'NUM']);
// Possessors and determiners before two stacked adjectives ("a slow, dull movie", "his slow, dull plot").
const STACKED_ADJ_BEFORE = new Set(['DET', 'PRON']);
// Heads of a predicative or attributive adjective list ("is fast, simple and useful", "a fast, simple and useful app").
const PREDICATE_BEFORE = new Set(['AUX', 'VERB', 'DET']);

/**
 * The index of the word that word `i` can swap with as its partner in a coordinated list, or undefined. Partners have
 * the same POS (adjective, noun, proper noun or verb), are original words, and are joined by "and"/"or" ("funny and
 * warm") or by a comma. A comma alone joins a list only when the list goes on ("fast, simple and useful") or the
 * pair is two adjectives stacked before their noun ("a slow, dull movie"): otherwise the comma may end a fronted
 * phrase ("After the movie, dinner was late").
 */
export function coordinatedPartner(text: AttackText, i: number, analysis: TextAnalysis): number | undefined {
  const pos = tagOf(text, i, analysis);
  if (pos === undefined || !(LIST_POS.has(pos) || pos === 'ADV')) return undefined;
  let j: number;
  if (
    i + 2 < text.length &&
    COORDINATORS.has(text.word(i + 1).toLowerCase()) &&
    SPACE.test(text.seps[i + 1]!) &&
    SPACE.test(text.seps[i + 2]!)
  ) {
    j = i + 2;
  } else if (i + 1 < text.length && COMMA.test(text.seps[i + 1]!)) {
    j = i + 1;
    if (!listGoesOn(text, j) && !stackedAdjectives(text, i, j, analysis)) return undefined;
  } else {
    return undefined;
  }
  if (tagOf(text, j, analysis) !== pos && !predicativeList(text, i, j, analysis)) return undefined;
  if (
    [i, j].some(
      (k) => NEGATION.test(text.word(k)) || NUMBER_LIKE.test(text.word(k)) || analysis.words[text.ids[k]!]?.entity,
    )
  )
    return undefined;
  if (i > 0 && NEGATION.test(text.word(i - 1))) return undefined;
  if (pos === 'NOUN' || pos === 'PROPN') {
    if (i > 0 && SPACE.test(text.seps[i]!) && NOUN_MODIFIER_POS.has(tagOf(text, i - 1, analysis) ?? ''))
      return undefined;
    if (
      j + 1 < text.length &&
      SPACE.test(text.seps[j + 1]!) &&
      NOUN_MODIFIER_POS.has(tagOf(text, j + 1, analysis) ?? '')
    )
      return undefined;
  }
  return j;
}

/** After word j comes "and"/"or" (", and" too): j is not the list's last member. */
function listGoesOn(text: AttackText, j: number): boolean {
  const next = j + 1 < text.length ? text.word(j + 1).toLowerCase() : '';
  return COORDINATORS.has(next) && (SPACE.test(text.seps[j + 1]!) || COMMA.test(text.seps[j + 1]!));
}

/**
 * wink tags some adjectives ADV ("The app is fast/ADV, simple/ADJ and useful"): in a comma list that goes on after a
 * verb or determiner, an ADV next to an ADJ counts as another adjective. Elsewhere an ADV is a modifier ("Sadly,
 * nice and quiet"; "funny and really warm").
 */
function predicativeList(text: AttackText, i: number, j: number, analysis: TextAnalysis): boolean {
  const pair = [tagOf(text, i, analysis), tagOf(text, j, analysis)].sort().join();
  if (pair !== 'ADJ,ADV' || j !== i + 1 || !listGoesOn(text, j) || i === 0) return false;
  return SPACE.test(text.seps[i]!) && PREDICATE_BEFORE.has(tagOf(text, i - 1, analysis) ?? '');
}

function stackedAdjectives(text: AttackText, i: number, j: number, analysis: TextAnalysis): boolean {
  if (tagOf(text, i, analysis) !== 'ADJ' || i === 0 || j + 1 >= text.length) return false;
  return (
    STACKED_ADJ_BEFORE.has(tagOf(text, i - 1, analysis) ?? '') &&
    tagOf(text, j + 1, analysis) === 'NOUN' &&
    SPACE.test(text.seps[j + 1]!)
  );
}

/** The POS of word k when it is an original word with a tag; undefined for inserted words or without analysis. */
function tagOf(text: AttackText, k: number, analysis: TextAnalysis): string | undefined {
  return analysis.words[text.ids[k]!]?.pos;
}
