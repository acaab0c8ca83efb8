/**
 * @module Article-agreement constraint (on by default): an edit may not leave "a"/"an" in front of a word that takes
 * the other article. Judges rejected "an incredibly" -> "an remarkably" and "a gripping" -> "a absorbing" (issue #14):
 * a synonym changes the sound after the article, and so may a reorder ("an ugly and dull" -> "an dull and ugly"), an
 * insertion or a typo that moves the first letter. Only pairs that agreed in the original text count, so a text that
 * already says "a apple" is not held to a rule it breaks itself.
 */
import type { AttackText } from '../core/attack-text.js';
import type { Constraint } from '../core/constraint.js';
import { indefiniteArticleFor } from '../nlp/indefinite-article.js';

const ARTICLE = /^an?$/i;
// Article and word must be neighbours in the sentence: "a, well, ugly" is no pair.
const GAP = /^[^\S\n]+$/u;

export function articleAgreementConstraint(): Constraint {
  return {
    name: 'article-agreement',
    allowsCandidate(candidate, _parent, ctx) {
      const last = candidate.lastEdit;
      if (last === undefined) return true;
      // Only pairs an edit touched: a changed or moved word, or the word now after a moved article.
      for (const id of [...last.changed, ...last.moved]) {
        const k = candidate.indexOfId(id);
        if (k < 0) continue;
        if (!pairAllowed(candidate, k - 1, ctx.original) || !pairAllowed(candidate, k, ctx.original)) return false;
      }
      return true;
    },
  };
}

/**
 * Is the pair (article at `k`, next word) fine in `text`: not an article pair, agreeing, or disagreeing already in
 * `original`?
 */
function pairAllowed(text: AttackText, k: number, original: AttackText): boolean {
  if (k < 0 || k + 1 >= text.length || !ARTICLE.test(text.words[k]!) || !GAP.test(text.seps[k + 1]!)) return true;
  if (agrees(text.words[k]!, text.words[k + 1]!)) return true;
  // The same article in the original, with the word that followed it there.
  const id = text.ids[k]!;
  if (id + 1 >= original.originalWordCount || !GAP.test(original.seps[id + 1]!)) return true;
  return !agrees(original.words[id]!, original.words[id + 1]!);
}

function agrees(article: string, word: string): boolean {
  const wanted = indefiniteArticleFor(word);
  return wanted === undefined || wanted === article.toLowerCase();
}
