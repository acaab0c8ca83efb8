/** @module Test helper: an example's text and perturbation context, analysed by wink as the engine does. */
import { AttackText } from '../../src/core/attack-text.js';
import type { PerturbContext } from '../../src/core/perturbation.js';
import { rngFor } from '../../src/core/rng.js';
import { winkAnalyzer } from '../../src/nlp/wink-analyzer.js';

export function analysed(sentence: string): { text: AttackText; ctx: PerturbContext } {
  const text = AttackText.fromString(sentence);
  return { text, ctx: { analysis: winkAnalyzer.analyze(text.words, text.seps), rng: (key) => rngFor(`test:${key}`) } };
}

/** Index of `word` in `text` (first occurrence); throws when absent, so a typo in a test cannot pass silently. */
export function indexOf(text: AttackText, word: string): number {
  const i = text.words.indexOf(word);
  if (i < 0) throw new Error(`"${word}" is not a word of "${text.text}"`);
  return i;
}
