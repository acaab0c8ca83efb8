/**
 * @module Fixed expressions a one-word swap would break. A word is left alone when
 *  1. it and a neighbour form a WordNet multi-word lemma ("pay for", "go home", "high school", "take care");
 *  2. it is a verb directly followed by a particle or preposition ("suffers from", "according to", "paid for"):
 *     the verb's synonyms rarely take the same preposition ("endures from", "harmonising to");
 *  3. it is part of a phrase of FIXED_PHRASES ("a must", "worth it", "big chill"), idioms WordNet lacks;
 *  4. it is an aspectual verb directly followed by an -ing form ("kept checking", "stop talking"): the sense of
 *     "keep" that takes a gerund is "continue", and WordNet's other senses give "maintained checking".
 * Neighbours count only when nothing but spaces separates them ("pay. For" is no phrase). Words are compared by
 * surface form and by lemma, so "paid for" and "went home" match.
 */
import type { AttackText } from '../../src/core/attack-text.js';
import type { PerturbContext } from '../../src/core/perturbation.js';
import { isWordNetLemma } from './wordnet.js';

/** Idioms and set phrases whose content word has synonyms that do not fit them (lower case, lemmas allowed). */
export const FIXED_PHRASES: readonly string[] = [
  'a must',
  'worth it',
  'worth the',
  'worth watch',
  'worth see',
  'big chill',
  'go home',
  'no wonder',
  'of course',
  'at least',
  'at best',
  'at worst',
  'at all',
  'in fact',
  'so far',
  'by far',
  'for sure',
  'for good',
  'kind of',
  'sort of',
  'make sure',
  'make sense',
  'fall flat',
  'fall short',
  'come true',
  'pay off',
  'give up',
  'the real deal',
  'no way',
  'right now',
  'first time',
  'feel good',
  'dead end',
  'top notch',
  'well do',
  'good luck',
  'a lot',
  'a bit',
  'a little',
  'the end',
  'in the end',
  'last year',
  'long time',
  'over the top',
  'take place',
  'every bit',
  'on the whole',
  'all the same',
  'at times',
  'from time to time',
  'once again',
  'end up',
  'turn out',
  'figure out',
  // Issue #14's second review: "go the distance" -> "move the distance", "for the sake of" -> "for the interest of".
  'go the distance',
  'for the sake',
  'sake of',
  'make use',
  'good use',
  'liberal use',
  'fight the good fight',
  'good fight',
  'the benefit of the doubt',
  'first impression',
  'make people laugh',
  'laugh out loud',
];

const PHRASES: readonly (readonly string[])[] = FIXED_PHRASES.map((p) => p.split(' '));
/**
 * The phrases each word occurs in: a phrase can only hold the word at `index` if one of its words matches that word's
 * surface form or lemma, so only those phrases are tried (the check runs for every synonym candidate's word).
 */
const PHRASES_WITH = new Map<string, (readonly string[])[]>();
for (const phrase of PHRASES)
  for (const w of new Set(phrase)) {
    const list = PHRASES_WITH.get(w);
    if (list === undefined) PHRASES_WITH.set(w, [phrase]);
    else list.push(phrase);
  }
const PARTICLE_POS = new Set(['ADP', 'PART']);
const ASPECTUAL_VERBS = new Set(['keep', 'stop', 'quit', 'start', 'begin', 'finish', 'go']);
const GERUND = /^[a-z]{2,}ing$/;
const GAP = /^[^\S\n]+$/u;

interface Token {
  readonly surface: string;
  readonly lemma: string;
  readonly pos: string;
}

/** Does the word at `index` of `text` belong to a fixed expression (see the module comment)? */
export function inFixedExpression(text: AttackText, index: number, ctx: PerturbContext): boolean {
  const at = (k: number): Token | undefined => {
    if (k < 0 || k >= text.length) return undefined;
    const surface = text.words[k]!.toLowerCase();
    const id = text.ids[k]!;
    const info = id < text.originalWordCount ? ctx.analysis.words[id] : undefined;
    return { surface, lemma: info?.lemma ?? surface, pos: info?.pos ?? 'X' };
  };
  // Only neighbours joined by plain spaces: the run of such words around `index`, up to 4 on each side.
  let from = index;
  while (from > 0 && index - from < 4 && GAP.test(text.seps[from]!)) from--;
  let to = index;
  while (to + 1 < text.length && to - index < 4 && GAP.test(text.seps[to + 1]!)) to++;
  const self = at(index)!;
  const prev = index > from ? at(index - 1) : undefined;
  const next = index < to ? at(index + 1) : undefined;

  if (next !== undefined && self.pos === 'VERB' && PARTICLE_POS.has(next.pos)) return true;
  if (next !== undefined && ASPECTUAL_VERBS.has(self.lemma) && GERUND.test(next.surface)) return true;
  for (const pair of [prev && [prev, self], next && [self, next]]) {
    if (
      pair &&
      (isWordNetLemma([pair[0]!.surface, pair[1]!.surface]) || isWordNetLemma([pair[0]!.lemma, pair[1]!.lemma]))
    ) {
      return true;
    }
  }
  const withSurface = PHRASES_WITH.get(self.surface) ?? [];
  const withLemma = self.lemma === self.surface ? [] : (PHRASES_WITH.get(self.lemma) ?? []);
  for (const phrase of withLemma.length === 0 ? withSurface : new Set([...withSurface, ...withLemma])) {
    for (
      let start = Math.max(from, index - phrase.length + 1);
      start <= index && start + phrase.length - 1 <= to;
      start++
    ) {
      if (phrase.every((w, j) => matches(at(start + j)!, w))) return true;
    }
  }
  return false;
}

function matches(token: Token, word: string): boolean {
  return token.surface === word || token.lemma === word;
}
