/** @module The `synonym` family: replace an original word with a WordNet synonym in the same form and case. */
import type { AttackText } from '../src/core/attack-text.js';
import type { Perturbation, PerturbContext } from '../src/core/perturbation.js';
import { synonymCandidates } from './lib/synonym-candidates.js';

export interface SynonymOptions {
  /** Synonyms come from the lemma's first `maxSenses` WordNet senses (most frequent first). */
  readonly maxSenses: number;
  /** At most this many replacements per word. */
  readonly maxCandidates: number;
  /** Allow multi-word and hyphenated synonyms ("motion picture"). */
  readonly multiWord: boolean;
}

export const DEFAULT_SYNONYM_OPTIONS: SynonymOptions = { maxSenses: 3, maxCandidates: 8, multiWord: false };

export function synonym(options: Partial<SynonymOptions> = {}): Perturbation {
  const opts: SynonymOptions = { ...DEFAULT_SYNONYM_OPTIONS, ...options };
  return {
    family: 'synonym',
    granularity: 'word',
    candidates(text: AttackText, index: number, ctx: PerturbContext): AttackText[] {
      const id = text.ids[index];
      // Inserted words have no analysis; only original words are replaced.
      if (id === undefined || id >= text.originalWordCount) return [];
      const word = text.words[index]!;
      return synonymCandidates(word, ctx.analysis.words[id], opts).map((to) => text.replaceWord(index, to, 'synonym'));
    },
  };
}
