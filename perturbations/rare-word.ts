/**
 * @module The `rare-word` family: at a word, swap in its rarest synonyms (by SUBTLEX-US rank), or insert a rare,
 * sentiment-neutral filler word before it.
 */
import type { AttackText } from '../src/core/attack-text.js';
import type { Perturbation, PerturbContext } from '../src/core/perturbation.js';
import { shuffled } from '../src/core/rng.js';
import { RARE_FILLERS } from './lib/rare-fillers.js';
import { synonymCandidates } from './lib/synonym-candidates.js';
import { frequencyRank } from './lib/word-frequency.js';

export interface RareWordOptions {
  /** Synonyms come from the lemma's first `maxSenses` WordNet senses. */
  readonly maxSenses: number;
  /** At most this many synonym replacements per word: the rarest ones that are rarer than the word itself. */
  readonly maxReplacements: number;
  /** At most this many filler insertions before a word. */
  readonly maxInserts: number;
}

export const DEFAULT_RARE_WORD_OPTIONS: RareWordOptions = { maxSenses: 3, maxReplacements: 2, maxInserts: 1 };

// A separator ending a sentence: the next word's capital is positional, not part of the word.
const SENTENCE_END = /[.!?…]["'”’)\]]*\s*$/u;

// A separator a word can be slipped into: it ends with a space or an opening bracket or quote.
const OPEN_GAP = /[\s(\[{"“]$/u;

export function rareWord(options: Partial<RareWordOptions> = {}): Perturbation {
  const opts: RareWordOptions = { ...DEFAULT_RARE_WORD_OPTIONS, ...options };
  const synonymOptions = { maxSenses: opts.maxSenses, maxCandidates: Number.POSITIVE_INFINITY, multiWord: false };

  function rarestSynonyms(word: string, id: number, ctx: PerturbContext): string[] {
    const own = frequencyRank(word);
    const ranked = synonymCandidates(word, ctx.analysis.words[id], synonymOptions)
      .map((to, order) => ({ to, order, rank: frequencyRank(to) }))
      .filter((c) => c.rank > own);
    // Rarest first (unknown words count as rarest); ties keep sense order.
    ranked.sort((a, b) => (a.rank === b.rank ? a.order - b.order : a.rank < b.rank ? 1 : -1));
    return ranked.slice(0, opts.maxReplacements).map((c) => c.to);
  }

  /**
   * Where a filler may go: not before a capitalised sentence-initial word (its capital would be stranded: "verily
   * The"), and not where the word is glued to the one before it ("it 's" would become "it 'verily s").
   */
  function canInsertBefore(text: AttackText, index: number): boolean {
    const sep = text.seps[index] ?? '';
    if (index > 0 && !OPEN_GAP.test(sep)) return false;
    const atStart = index === 0 || SENTENCE_END.test(sep);
    return !(atStart && /^\p{Lu}/u.test(text.words[index] ?? ''));
  }

  return {
    family: 'rare-word',
    granularity: 'word',
    candidates(text: AttackText, index: number, ctx: PerturbContext): AttackText[] {
      const id = text.ids[index];
      if (id === undefined) return [];
      const out: AttackText[] = [];
      if (id < text.originalWordCount) {
        for (const to of rarestSynonyms(text.words[index]!, id, ctx)) {
          out.push(text.replaceWord(index, to, 'rare-word'));
        }
      }
      if (opts.maxInserts > 0 && canInsertBefore(text, index)) {
        // Keyed by word id, so a word gets the same filler whatever the search path.
        const fillers = shuffled(ctx.rng(`rare-word:${id}`), RARE_FILLERS).slice(0, opts.maxInserts);
        for (const filler of fillers) out.push(text.insertWord(index, filler, 'rare-word'));
      }
      return out;
    },
  };
}
