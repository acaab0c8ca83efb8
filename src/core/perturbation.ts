/** @module The perturbation contract: a family that proposes edited texts anchored at one word. */
import type { AttackText } from './attack-text.js';
import type { AnchorMode } from './constraint.js';
import type { TextAnalysis } from './analysis.js';
import type { Rng } from './rng.js';

export interface PerturbContext {
  /** Facts about the original text's words, indexed by word id (< originalWordCount). */
  readonly analysis: TextAnalysis;
  /**
   * A seeded generator for a key. The same key gives the same stream within an example, whatever order
   * candidates are asked for in, so candidate sets do not depend on the search path or the worker.
   */
  rng(key: string): Rng;
}

export interface Perturbation {
  /** Family name recorded in edits: `typo`, `synonym`, `reorder`, `rare-word`. */
  readonly family: string;
  readonly granularity: 'char' | 'word' | 'sentence';
  /**
   * `change` (default) when candidates edit the anchor word itself; `move` when they only move words or insert next to
   * the anchor, so pre-constraints such as "never edit a stopword" do not stop a clause that starts with "the" from
   * moving. Post-constraints still check every word an edit changed or moved.
   */
  readonly anchor?: AnchorMode;
  /**
   * Edited texts anchored at the word at current index `index` of `text`. Each result is `text` plus exactly one
   * new edit (via AttackText.replaceWord / insertWord / swapBlocks). Constraints are applied by the caller.
   */
  candidates(text: AttackText, index: number, ctx: PerturbContext): AttackText[];
}

export type PerturbationFactory<O> = (options?: Partial<O>) => Perturbation;
