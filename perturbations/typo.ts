/**
 * @module The `typo` family: keyboard-plausible character slips inside one word (substitute, swap, delete, insert,
 * doubled letter), a space slipped into a word (split) or missed between two (merge), and, off by default, visual
 * confusables (homoglyph).
 */
import type { AttackText } from '../src/core/attack-text.js';
import type { Perturbation, PerturbContext } from '../src/core/perturbation.js';
import type { Rng } from '../src/core/rng.js';
import { ConfigError } from '../src/core/errors.js';
import { confusable } from './lib/confusables.js';
import { keyboardNeighbours } from './lib/keyboard.js';
import { isRealWord } from './lib/real-word.js';

export type TypoOperation = 'substitute' | 'swap' | 'delete' | 'insert' | 'double' | 'split' | 'merge' | 'homoglyph';

/** Every operation, in the order they are tried when listed together. */
export const TYPO_OPERATIONS: readonly TypoOperation[] = [
  'substitute',
  'swap',
  'delete',
  'insert',
  'double',
  'split',
  'merge',
  'homoglyph',
];

/**
 * The default operations: the four classic keyboard slips (the defaults of Quiver 0.1, kept so results do not move).
 */
export const DEFAULT_TYPO_OPERATIONS: readonly TypoOperation[] = ['substitute', 'swap', 'delete', 'insert'];

export interface TypoOptions {
  /** Operations tried, in this order (earlier operations win when two produce the same word). */
  readonly operations: readonly TypoOperation[];
  /** Words with fewer letters than this are left alone. */
  readonly minLength: number;
  /** Never touch the first or last character (typos there hurt readability most; Pruthi, TextBugger). */
  readonly keepFirstLast: boolean;
  /** Distinct variants per operation; `Infinity` enumerates them all. */
  readonly variantsPerOperation: number;
  /**
   * Keep variants that are themselves English words ("hope" -> "hoe", "best" -> "beast"): they change the meaning
   * instead of reading as a slip (issue #14). Off by default; the draw goes on to the next edit instead.
   */
  readonly realWords: boolean;
}

export const defaultTypoOptions: TypoOptions = {
  operations: DEFAULT_TYPO_OPERATIONS,
  // 3, not Pruthi's 4: a slip in the middle letter of "fun" or "bad" ("Fhun", "bsd") reads as one, and since real-word
  // variants are dropped ("bed", "bud") this bought back the demo flip the 3-typo sentence cap took (issue #14).
  minLength: 3,
  keepFirstLast: true,
  variantsPerOperation: 1,
  realWords: false,
};

/**
 * Option presets after the character-level baselines. Deviation: substitution and insertion always use QWERTY
 * neighbours (DeepWordBug draws random letters). TextBugger's fifth bug (embedding-neighbour words) is the synonym
 * family's job (`minCosine`), not a typo.
 */
export const typoPresets = {
  /** Gao et al. 2018: substitute, swap, delete, insert anywhere in the word, one random variant each. */
  deepwordbug: { operations: DEFAULT_TYPO_OPERATIONS, keepFirstLast: false, minLength: 1, variantsPerOperation: 1 },
  /** Pruthi et al. 2019: swap, drop, add, keyboard slip on interior characters of 4+ letter words; all variants. */
  pruthi: { operations: DEFAULT_TYPO_OPERATIONS, keepFirstLast: true, minLength: 4, variantsPerOperation: Infinity },
  /**
   * Li et al. 2018 (TextBugger's character bugs as TextAttack implements them): insert a space, delete, swap
   * interior letters, and substitute a visually similar character.
   */
  textbugger: {
    operations: ['split', 'delete', 'swap', 'homoglyph'],
    keepFirstLast: true,
    minLength: 1,
    variantsPerOperation: 1,
  },
} as const satisfies Record<string, Partial<TypoOptions>>;

export type TypoPreset = keyof typeof typoPresets;

/**
 * Options as given: any TypoOptions, optionally on top of a preset
 * (`{ preset: 'textbugger', variantsPerOperation: 2 }`).
 */
export type TypoInput = Partial<TypoOptions> & { readonly preset?: TypoPreset };

// Letters with optional inner apostrophes ("don't"); digits, hyphens and mixed tokens are not typo targets.
const TYPO_WORD = /^\p{L}+(?:['’]\p{L}+)*$/u;
const LETTER = /^\p{L}$/u;

export function typo(options: TypoInput = {}): Perturbation {
  const opts = resolveTypoOptions(options);
  const cache = new WeakMap<PerturbContext, Map<string, readonly string[]>>();
  return {
    family: 'typo',
    granularity: 'char',
    candidates(text, index, ctx) {
      const id = text.ids[index];
      if (id === undefined || id >= text.originalWordCount) return [];
      const word = text.word(index);
      // The variants depend only on the word, its id and the example's streams: compute them once per example (the
      // search asks again for every parent text).
      let known = cache.get(ctx);
      if (known === undefined) {
        known = new Map();
        cache.set(ctx, known);
      }
      const key = `${id}\u0000${word}`;
      let variants = known.get(key);
      if (variants === undefined) {
        variants = typoVariants(word, opts, (op) => ctx.rng(`typo:${id}:${op}`));
        known.set(key, variants);
      }
      const out = variants.map((v) => text.replaceWord(index, v, 'typo'));
      if (opts.operations.includes('merge') && mergeable(text, index, opts))
        out.push(text.mergeWithNext(index, 'typo'));
      return out;
    },
  };
}

/** A missed space: two original letter words separated by exactly one space, the pair long enough to matter. */
function mergeable(text: AttackText, index: number, opts: TypoOptions): boolean {
  const next = index + 1;
  if (next >= text.length || text.seps[next] !== ' ' || text.ids[next]! >= text.originalWordCount) return false;
  const a = text.word(index);
  const b = text.word(next);
  // "any way" -> "anyway" is another word, not a missed space.
  return (
    TYPO_WORD.test(a) &&
    TYPO_WORD.test(b) &&
    Array.from(a + b).length >= opts.minLength &&
    (opts.realWords || !isRealWord(a + b))
  );
}

export function resolveTypoOptions(options: TypoInput): TypoOptions {
  const { preset, ...rest } = options;
  const known = new Set<string>([...Object.keys(defaultTypoOptions), 'preset']);
  for (const key of Object.keys(options)) {
    if (!known.has(key))
      throw new ConfigError(`typo: unknown option "${key}"; valid options: ${[...known].join(', ')}`);
  }
  if (preset !== undefined && !Object.hasOwn(typoPresets, preset)) {
    throw new ConfigError(
      `typo: unknown preset "${String(preset)}"; valid presets: ${Object.keys(typoPresets).join(', ')}`,
    );
  }
  const o: TypoOptions = { ...defaultTypoOptions, ...(preset === undefined ? {} : typoPresets[preset]), ...rest };
  if (
    !Array.isArray(o.operations) ||
    o.operations.length === 0 ||
    o.operations.some((op) => !TYPO_OPERATIONS.includes(op))
  ) {
    throw new ConfigError(`typo: operations must be a non-empty subset of ${TYPO_OPERATIONS.join(', ')}`);
  }
  if (!Number.isInteger(o.minLength) || o.minLength < 1)
    throw new ConfigError('typo: minLength must be an integer >= 1');
  if (
    !(Number.isInteger(o.variantsPerOperation) || o.variantsPerOperation === Infinity) ||
    o.variantsPerOperation < 1
  ) {
    throw new ConfigError('typo: variantsPerOperation must be an integer >= 1 or Infinity');
  }
  if (typeof o.keepFirstLast !== 'boolean') throw new ConfigError('typo: keepFirstLast must be a boolean');
  if (typeof o.realWords !== 'boolean') throw new ConfigError('typo: realWords must be a boolean');
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
      if (seen.has(candidate) || !wellFormed(candidate, op) || (!opts.realWords && makesRealWord(candidate, op)))
        continue;
      seen.add(candidate);
      out.push(candidate);
      accepted++;
    }
  }
  return out;
}

/**
 * A variant must still read as a word: letters with inner apostrophes. A split gives two such words separated by one
 * space ("gre at"); the pair stays one AttackText word, so word ids, replay and shrinking are unaffected.
 */
function wellFormed(candidate: string, op: TypoOperation): boolean {
  if (op !== 'split') return TYPO_WORD.test(candidate);
  const parts = candidate.split(' ');
  return parts.length === 2 && parts.every((p) => TYPO_WORD.test(p));
}

/**
 * A variant that is another word. Splits are left out: their halves are often short words ("gre at") yet the pair
 * reads as a slip; homoglyphs are never in a word list.
 */
function makesRealWord(candidate: string, op: TypoOperation): boolean {
  return op !== 'split' && op !== 'homoglyph' && isRealWord(candidate);
}

/** Every edit of one operation, as lazy builders in a fixed order (the rng then picks among them). */
function enumerate(op: TypoOperation, chars: readonly string[], keepFirstLast: boolean): (() => string)[] {
  const n = chars.length;
  const lo = keepFirstLast ? 1 : 0;
  const hi = keepFirstLast ? n - 2 : n - 1; // last editable character position
  const isLetter = (k: number) => k >= 0 && k < n && LETTER.test(chars[k]!);
  const edits: (() => string)[] = [];
  const splice =
    (k: number, del: number, ...ins: string[]) =>
    () => {
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
        if (isLetter(k) && isLetter(k + 1) && chars[k] !== chars[k + 1])
          edits.push(splice(k, 2, chars[k + 1]!, chars[k]!));
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
    case 'double':
      // A key held or struck twice ("greeat"); a letter already doubled is left alone (no "speeed").
      for (let k = lo; k <= hi; k++) {
        if (isLetter(k) && chars[k - 1] !== chars[k] && chars[k + 1] !== chars[k])
          edits.push(splice(k + 1, 0, chars[k]!));
      }
      break;
    case 'split':
      // A space struck inside the word ("gre at"); with keepFirstLast the last letter never stands alone (TextAttack).
      for (let g = 1; g <= (keepFirstLast ? n - 2 : n - 1); g++) edits.push(splice(g, 0, ' '));
      break;
    case 'homoglyph':
      for (let k = lo; k <= hi; k++) {
        const c = confusable(chars[k]!);
        if (c !== undefined) edits.push(splice(k, 1, c));
      }
      break;
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
