/** @module The `typo` family: keyboard-plausible character slips (substitute, swap, delete, insert) inside one word. */
import type { Perturbation } from '../src/core/perturbation.js';
import type { Rng } from '../src/core/rng.js';
import { ConfigError } from '../src/core/errors.js';
import { keyboardNeighbours } from './lib/keyboard.js';

export type TypoOperation = 'substitute' | 'swap' | 'delete' | 'insert';

export const TYPO_OPERATIONS: readonly TypoOperation[] = ['substitute', 'swap', 'delete', 'insert'];

export interface TypoOptions {
  /** Operations tried, in this order (earlier operations win when two produce the same word). */
  readonly operations: readonly TypoOperation[];
  /** Words with fewer letters than this are left alone. */
  readonly minLength: number;
  /** Never touch the first or last character (typos there hurt readability most; Pruthi, TextBugger). */
  readonly keepFirstLast: boolean;
  /** Distinct variants per operation; `Infinity` enumerates them all. */
  readonly variantsPerOperation: number;
}

export const defaultTypoOptions: TypoOptions = {
  operations: TYPO_OPERATIONS,
  minLength: 4,
  keepFirstLast: true,
  variantsPerOperation: 1,
};

/**
 * Option presets after the character-level baselines. Deviations: substitution and insertion always use QWERTY
 * neighbours (DeepWordBug draws random letters); TextBugger's space insertion, homoglyphs and embedding swaps are
 * not typos here, so its preset keeps only swap/delete/insert.
 */
export const typoPresets = {
  /** Gao et al. 2018: all four operations anywhere in the word, one random variant each. */
  deepwordbug: { operations: TYPO_OPERATIONS, keepFirstLast: false, minLength: 1, variantsPerOperation: 1 },
  /** Pruthi et al. 2019: interior characters of words of 4+ letters; upstream enumerates every variant. */
  pruthi: { operations: TYPO_OPERATIONS, keepFirstLast: true, minLength: 4, variantsPerOperation: Infinity },
  /** Li et al. 2018: interior swap/delete/insert with no length limit (short words simply have no room). */
  textbugger: { operations: ['swap', 'delete', 'insert'], keepFirstLast: true, minLength: 1, variantsPerOperation: 1 },
} as const satisfies Record<string, Partial<TypoOptions>>;

// Letters with optional inner apostrophes ("don't"); digits, hyphens and mixed tokens are not typo targets.
const TYPO_WORD = /^\p{L}+(?:['’]\p{L}+)*$/u;
const LETTER = /^\p{L}$/u;

export function typo(options: Partial<TypoOptions> = {}): Perturbation {
  const opts = resolveTypoOptions(options);
  return {
    family: 'typo',
    granularity: 'char',
    candidates(text, index, ctx) {
      const id = text.ids[index];
      if (id === undefined || id >= text.originalWordCount) return [];
      const variants = typoVariants(text.word(index), opts, (op) => ctx.rng(`typo:${id}:${op}`));
      return variants.map((v) => text.replaceWord(index, v, 'typo'));
    },
  };
}

export function resolveTypoOptions(options: Partial<TypoOptions>): TypoOptions {
  const o: TypoOptions = { ...defaultTypoOptions, ...options };
  if (o.operations.length === 0 || o.operations.some((op) => !TYPO_OPERATIONS.includes(op))) {
    throw new ConfigError(`typo: operations must be a non-empty subset of ${TYPO_OPERATIONS.join(', ')}`);
  }
  if (!Number.isInteger(o.minLength) || o.minLength < 1) throw new ConfigError('typo: minLength must be an integer >= 1');
  if (!(Number.isInteger(o.variantsPerOperation) || o.variantsPerOperation === Infinity) || o.variantsPerOperation < 1) {
    throw new ConfigError('typo: variantsPerOperation must be an integer >= 1 or Infinity');
  }
  if (typeof o.keepFirstLast !== 'boolean') throw new ConfigError('typo: keepFirstLast must be a boolean');
  return o;
}

/**
 * Distinct misspellings of `word` (never `word` itself). Each operation draws from its own stream `rngOf(op)`, so
 * its picks do not depend on the other operations or on call order. A word that is not a typo target gives [].
 */
export function typoVariants(word: string, opts: TypoOptions, rngOf: (op: TypoOperation) => Rng): string[] {
  if (!TYPO_WORD.test(word)) return [];
  const chars = Array.from(word);
  const letterCount = chars.filter((c) => LETTER.test(c)).length;
  if (letterCount < opts.minLength) return [];
  const seen = new Set<string>([word]);
  const out: string[] = [];
  for (const op of opts.operations) {
    const edits = enumerate(op, chars, opts.keepFirstLast);
    const rng = rngOf(op);
    let accepted = 0;
    // Partial Fisher–Yates: draw edits without replacement until enough distinct, well-formed words are found.
    for (let t = 0; t < edits.length && accepted < opts.variantsPerOperation; t++) {
      const j = t + Math.floor(rng() * (edits.length - t));
      const chosen = edits[j]!;
      edits[j] = edits[t]!;
      edits[t] = chosen;
      const candidate = chosen();
      if (seen.has(candidate) || !TYPO_WORD.test(candidate)) continue;
      seen.add(candidate);
      out.push(candidate);
      accepted++;
    }
  }
  return out;
}

/** Every edit of one operation, as lazy builders in a fixed order (the rng then picks among them). */
function enumerate(op: TypoOperation, chars: readonly string[], keepFirstLast: boolean): (() => string)[] {
  const n = chars.length;
  const lo = keepFirstLast ? 1 : 0;
  const hi = keepFirstLast ? n - 2 : n - 1; // last editable character position
  const isLetter = (k: number) => k >= 0 && k < n && LETTER.test(chars[k]!);
  const edits: (() => string)[] = [];
  const splice = (k: number, del: number, ...ins: string[]) => () => {
    const c = [...chars];
    c.splice(k, del, ...ins);
    return c.join('');
  };
  switch (op) {
    case 'substitute':
      for (let k = lo; k <= hi; k++) {
        for (const c of keyboardNeighbours(chars[k]!)) edits.push(splice(k, 1, c));
      }
      break;
    case 'delete':
      for (let k = lo; k <= hi; k++) if (isLetter(k) && n > 1) edits.push(splice(k, 1));
      break;
    case 'swap':
      for (let k = lo; k < hi; k++) {
        if (isLetter(k) && isLetter(k + 1) && chars[k] !== chars[k + 1]) edits.push(splice(k, 2, chars[k + 1]!, chars[k]!));
      }
      break;
    case 'insert': {
      // A slip inserts a key next to one being typed: a neighbour of the letter before or after the gap.
      const upper = isAllCaps(chars);
      for (let g = lo; g <= hi + 1; g++) {
        const near = new Set([...keyboardNeighbours(lower(chars[g - 1])), ...keyboardNeighbours(lower(chars[g]))]);
        for (const c of [...near].sort()) edits.push(splice(g, 0, upper ? c.toUpperCase() : c));
      }
      break;
    }
  }
  return edits;
}

function lower(c: string | undefined): string {
  return c === undefined ? '' : c.toLowerCase();
}

/** Inserted letters are capitals only inside all-caps words ("GREAT" -> "GRWEAT", but "Great" -> "Grweat"). */
function isAllCaps(chars: readonly string[]): boolean {
  const letters = chars.filter((c) => LETTER.test(c));
  return letters.length > 1 && letters.every((c) => c !== c.toLowerCase());
}
