/**
 * @module Where `rare-word` may insert a filler adverb, from the wink POS tags of the words around the gap. Judges
 * rejected fillers where no adverb can stand ("reacting to hereabouts humor"), so only these slots take one:
 *
 * - `sentence`: before the first word of a sentence that opens with its subject or a determiner ("perchance the
 *   plot ..."). No comma is added, so only fillers that read without one are in the list.
 * - `clause`: after a comma, semicolon or "and"/"or"/"but" and before a new subject ("..., and verily the cast ...").
 * - `predicate`: right after an auxiliary or copula, before what it governs ("is perchance good", "has verily become").
 * - `verb`: between a subject and its verb ("it verily works", "the film perchance is").
 *
 * Never between a determiner, adjective, preposition, particle or number and the word it belongs to, never next to a
 * word without a tag (an inserted word, or no analysis), and never inside a question's subject-auxiliary pair.
 */
import type { AttackText } from '../../src/core/attack-text.js';
import type { TextAnalysis } from '../../src/core/analysis.js';

export type FillerSlot = 'sentence' | 'clause' | 'predicate' | 'verb';

const SUBJECT_START = new Set(['DET', 'PRON', 'PROPN', 'NOUN', 'NUM', 'ADJ']);
const CLAUSE_START = new Set(['DET', 'PRON', 'PROPN']);
const AFTER_AUX = new Set(['ADJ', 'VERB', 'ADV', 'DET']);
const SUBJECT = new Set(['NOUN', 'PRON', 'PROPN']);
const VERB = new Set(['VERB', 'AUX']);
const CLAUSE_COORDINATORS = new Set(['and', 'or', 'but']);

// A separator ending a sentence, and one ending a clause.
const SENTENCE_END = /[.!?…]["'”’)\]]*\s*$/u;
const CLAUSE_END = /[,;:]\s*$/u;
const SPACE = /^[^\S\n]+$/u;

/** The slot before word `index`, or null when no filler may go there. */
export function fillerSlot(text: AttackText, index: number, analysis: TextAnalysis): FillerSlot | null {
  const here = tagOf(text, index, analysis);
  if (here === undefined) return null;
  const sep = text.seps[index] ?? '';
  if (index === 0 || SENTENCE_END.test(sep)) return SUBJECT_START.has(here) ? 'sentence' : null;
  const before = tagOf(text, index - 1, analysis);
  if (before === undefined) return null;
  if (CLAUSE_END.test(sep)) return CLAUSE_START.has(here) ? 'clause' : null;
  if (!SPACE.test(sep)) return null;
  if (before === 'CCONJ' && CLAUSE_COORDINATORS.has(text.word(index - 1).toLowerCase()))
    return CLAUSE_START.has(here) ? 'clause' : null;
  if (before === 'AUX') return AFTER_AUX.has(here) ? 'predicate' : null;
  if (SUBJECT.has(before) && VERB.has(here)) return 'verb';
  return null;
}

/** The POS of word k when it is an original word with a tag; undefined for inserted words or without analysis. */
function tagOf(text: AttackText, k: number, analysis: TextAnalysis): string | undefined {
  const pos = analysis.words[text.ids[k]!]?.pos;
  return pos === undefined || pos === 'X' ? undefined : pos;
}
