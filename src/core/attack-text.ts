/**
 * @module AttackText: an immutable text split into words and the separators between them, with the edit history
 * that produced it. Every word carries a stable id (its index in the original text, or a fresh id for inserted words)
 * so edits stay meaningful after reordering, can be replayed on any subset (for shrinking) and can be locked
 * (a word is modified at most once).
 */
import { windowText, type TextWindow } from './text-window.js';

/** One edit as recorded in results (the record contract): family, original word position, and the text it changed. */
export interface Edit {
  readonly family: string;
  /** Index of the affected word in the original text (for inserts: the original word the insert precedes). */
  readonly position: number;
  readonly from: string;
  readonly to: string;
}

/** Replayable description of an edit, in terms of stable word ids. */
export type EditOp =
  | { readonly kind: 'replace'; readonly id: number; readonly to: string }
  | { readonly kind: 'insert'; readonly newId: number; readonly beforeId: number | null; readonly word: string }
  /** Joins a word with the next one, dropping the separator between them (a missed space: "the food" -> "thefood"). */
  | { readonly kind: 'merge'; readonly id: number; readonly nextId: number }
  | {
      readonly kind: 'swap-blocks';
      readonly first: readonly number[];
      readonly middle: readonly number[];
      readonly second: readonly number[];
    };

export interface AppliedEdit {
  readonly edit: Edit;
  readonly op: EditOp;
  /** How many words this edit counts for in the perturbation budget. */
  readonly cost: number;
  /** Ids of words whose content changed. */
  readonly changed: readonly number[];
  /** Ids of words that moved without changing. */
  readonly moved: readonly number[];
}

// A word: letters/digits, optionally joined by apostrophes or hyphens ("don't", "well-made").
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Words of a text as AttackText splits it, counted without building the text. */
export function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD)) n++;
  return n;
}

/** A replacement whose word list is not built yet: which word of the parent (`madeFrom`) became what. */
interface PendingReplace {
  readonly index: number;
  readonly to: string;
}

export class AttackText {
  private cachedText: string | undefined;
  private wordList: readonly string[] | undefined;
  private appliedList: readonly AppliedEdit[] | undefined;
  /**
   * Set on replacements until their words or edit list are first needed. Most candidates are only read for their
   * text, last edit and cost (deduplication, constraints, sorting, the query), and most are never expanded further:
   * the stability sampler, for one, builds about ten candidates for each one it keeps.
   */
  private pending: PendingReplace | undefined;
  /** The text this one was made from by one edit, and where in its text that edit falls (see text-window.ts). */
  private madeFrom: AttackText | undefined;
  private window: TextWindow | undefined;
  /** Start offset of each word in `text`, computed when a child needs its window. */
  private wordStarts: number[] | undefined;

  private constructor(
    words: readonly string[] | undefined,
    /** seps[k] precedes words[k]; seps[words.length] is the trailing text. */
    readonly seps: readonly string[],
    readonly ids: readonly number[],
    readonly originalWordCount: number,
    applied: readonly AppliedEdit[] | undefined,
    readonly nextId: number,
    private readonly last: AppliedEdit | undefined,
    private readonly totalCost: number,
    pending?: PendingReplace,
  ) {
    this.wordList = words;
    this.appliedList = applied;
    this.pending = pending;
  }

  private static of(
    words: readonly string[],
    seps: readonly string[],
    ids: readonly number[],
    originalWordCount: number,
    applied: readonly AppliedEdit[],
    nextId: number,
  ): AttackText {
    let cost = 0;
    for (const a of applied) cost += a.cost;
    return new AttackText(words, seps, ids, originalWordCount, applied, nextId, applied[applied.length - 1], cost);
  }

  static fromString(text: string): AttackText {
    const words: string[] = [];
    const seps: string[] = [];
    let last = 0;
    for (const m of text.matchAll(WORD)) {
      const start = m.index;
      seps.push(text.slice(last, start));
      words.push(m[0]);
      last = start + m[0].length;
    }
    seps.push(text.slice(last));
    const ids = words.map((_, i) => i);
    const t = AttackText.of(words, seps, ids, words.length, [], words.length);
    // Words and separators partition the text, so joining them gives it back.
    t.cachedText = text;
    return t;
  }

  get words(): readonly string[] {
    if (this.wordList === undefined) this.materialise();
    return this.wordList!;
  }

  /** The edits that produced this text from the original, in order. */
  get applied(): readonly AppliedEdit[] {
    if (this.appliedList === undefined) this.materialise();
    return this.appliedList!;
  }

  private materialise(): void {
    const p = this.pending!;
    const parent = this.madeFrom!;
    const words = parent.words.slice();
    words[p.index] = p.to;
    this.wordList = words;
    this.appliedList = [...parent.applied, this.last!];
    this.pending = undefined;
  }

  get text(): string {
    if (this.cachedText === undefined) {
      if (this.window !== undefined) {
        // Splice the parent's text: one span differs.
        this.cachedText = windowText(this.madeFrom!.text, this.window);
      } else {
        const words = this.words;
        let out = '';
        for (let k = 0; k < words.length; k++) out += this.seps[k] + words[k]!;
        this.cachedText = out + this.seps[words.length];
      }
    }
    return this.cachedText;
  }

  /**
   * This text as a window on `parent`'s text: exact when it was made from `parent` by one edit, else the whole text.
   * Lets the candidates of one expansion be ordered without building their strings.
   */
  windowIn(parent: AttackText): TextWindow {
    if (this.madeFrom === parent) return this.window!;
    return { start: 0, end: parent.text.length, middle: this.text };
  }

  /** The text this one was made from by replacing the word at `index`, if it was; else undefined. */
  replacementOf(): { readonly parent: AttackText; readonly index: number } | undefined {
    const op = this.last?.op;
    if (this.madeFrom === undefined || op?.kind !== 'replace') return undefined;
    // A replacement shares its parent's ids.
    return { parent: this.madeFrom, index: this.ids.indexOf(op.id) };
  }

  /** Start offset of word `index` in `text` (index === length: where the trailing text starts). */
  private wordStart(index: number): number {
    if (this.wordStarts === undefined) {
      const starts: number[] = [];
      let offset = 0;
      for (let k = 0; k < this.length; k++) {
        offset += this.seps[k]!.length;
        starts.push(offset);
        offset += this.word(k).length;
      }
      starts.push(offset);
      this.wordStarts = starts;
    }
    return this.wordStarts[index]!;
  }

  private wordEnd(index: number): number {
    return this.wordStart(index) + this.word(index).length;
  }

  private child(text: AttackText, start: number, end: number, middle: string): AttackText {
    text.madeFrom = this;
    text.window = { start, end, middle };
    return text;
  }

  get length(): number {
    // Every edit keeps ids and words in step.
    return this.ids.length;
  }

  get edits(): Edit[] {
    return this.applied.map((a) => a.edit);
  }

  /** Sum of edit costs: the number of words counted as perturbed. */
  get cost(): number {
    return this.totalCost;
  }

  get lastEdit(): AppliedEdit | undefined {
    return this.last;
  }

  /** Ids already touched by an edit (changed or moved). */
  lockedIds(): Set<number> {
    const s = new Set<number>();
    for (const a of this.applied) {
      for (const id of a.changed) s.add(id);
      for (const id of a.moved) s.add(id);
    }
    return s;
  }

  indexOfId(id: number): number {
    return this.ids.indexOf(id);
  }

  word(index: number): string {
    const p = this.pending;
    if (p !== undefined) return index === p.index ? p.to : this.madeFrom!.word(index);
    const w = this.words[index];
    if (w === undefined) throw new RangeError(`word index ${index} out of range 0..${this.words.length - 1}`);
    return w;
  }

  /** Replace the word at `index` (a current index) with `to`. */
  replaceWord(index: number, to: string, family: string): AttackText {
    const id = this.ids[index];
    if (id === undefined) throw new RangeError(`word index ${index} out of range`);
    return this.apply({ kind: 'replace', id, to }, family);
  }

  /** Join the word at `index` with the next word (a missed space); both count as changed. */
  mergeWithNext(index: number, family: string): AttackText {
    const id = this.ids[index];
    const nextId = this.ids[index + 1];
    if (id === undefined || nextId === undefined) throw new RangeError(`no word after index ${index} to merge with`);
    return this.apply({ kind: 'merge', id, nextId }, family);
  }

  /** Insert `word` before the word at `index` (index === length appends at the end). */
  insertWord(index: number, word: string, family: string): AttackText {
    const beforeId = index < this.ids.length ? this.ids[index]! : null;
    return this.apply({ kind: 'insert', newId: this.nextId, beforeId, word }, family);
  }

  /**
   * Exchange the blocks of words [a0, a1) and [b0, b1) (a1 <= b0); the words between them stay in place
   * ("the food was great but the service was slow" -> "the service was slow but the food was great").
   * Separators inside each block travel with it; the separators around the middle stay where they are.
   */
  swapBlocks(a0: number, a1: number, b0: number, b1: number, family: string): AttackText {
    if (!(0 <= a0 && a0 < a1 && a1 <= b0 && b0 < b1 && b1 <= this.words.length)) {
      throw new RangeError(`invalid blocks [${a0},${a1}) [${b0},${b1})`);
    }
    return this.apply(
      {
        kind: 'swap-blocks',
        first: this.ids.slice(a0, a1),
        middle: this.ids.slice(a1, b0),
        second: this.ids.slice(b0, b1),
      },
      family,
    );
  }

  /** Apply a replayable op (used by the methods above and by shrinking). */
  apply(op: EditOp, family: string): AttackText {
    if (op.kind === 'replace') return this.applyReplace(op, family);
    const words = [...this.words];
    const seps = [...this.seps];
    const ids = [...this.ids];
    let nextId = this.nextId;
    let edit: Edit;
    let changed: number[] = [];
    let moved: number[] = [];
    let cost = 1;
    // Where the edit falls in this text (text-window.ts).
    let start: number;
    let end: number;
    let middle: string;
    switch (op.kind) {
      case 'insert': {
        const k = op.beforeId === null ? words.length : ids.indexOf(op.beforeId);
        if (k < 0) throw new RangeError(`word id ${op.beforeId} not in text`);
        // Before a word: "NEW " at its start. Appended: " NEW" before the trailing text.
        start = end = this.wordStart(k);
        middle = k === words.length ? ` ${op.word}` : `${op.word} `;
        // The new word takes the separator before the insertion point; a single space follows it.
        // Appending keeps the trailing text (".") after the new word.
        seps.splice(k === words.length ? k : k + 1, 0, ' ');
        words.splice(k, 0, op.word);
        ids.splice(k, 0, op.newId);
        nextId = Math.max(nextId, op.newId + 1);
        const position = op.beforeId === null ? this.originalWordCount : this.positionOf(op.beforeId);
        edit = { family, position, from: '', to: op.word };
        changed = [op.newId];
        break;
      }
      case 'merge': {
        const k = ids.indexOf(op.id);
        if (k < 0 || ids[k + 1] !== op.nextId)
          throw new RangeError(`merge: words ${op.id} and ${op.nextId} are not adjacent`);
        const from = this.spanText(k, k + 2);
        start = this.wordEnd(k);
        end = this.wordStart(k + 1);
        middle = '';
        words.splice(k, 2, words[k]! + words[k + 1]!);
        ids.splice(k + 1, 1);
        seps.splice(k + 1, 1);
        edit = { family, position: this.positionOf(op.id), from, to: words[k]! };
        changed = [op.id, op.nextId];
        cost = 2;
        break;
      }
      case 'swap-blocks': {
        const span = [...op.first, ...op.middle, ...op.second];
        const a0 = ids.indexOf(span[0]!);
        if (a0 < 0 || !span.every((id, j) => ids[a0 + j] === id)) {
          throw new RangeError('swap-blocks: blocks are not contiguous in this text');
        }
        const a1 = a0 + op.first.length;
        const b0 = a1 + op.middle.length;
        const b1 = b0 + op.second.length;
        const from = this.spanText(a0, b1);
        const aWords = words.slice(a0, a1);
        const bWords = words.slice(b0, b1);
        const mWords = words.slice(a1, b0);
        fixSentenceCase(aWords, bWords, startsSentence(words, seps, a0));
        // Separators: inside-a, inside-b travel; the ones bordering the middle stay in place.
        const aSeps = seps.slice(a0 + 1, a1);
        const bSeps = seps.slice(b0 + 1, b1);
        const mSeps = seps.slice(a1, b0 + 1); // before each middle word, and the one before b
        words.splice(a0, b1 - a0, ...bWords, ...mWords, ...aWords);
        ids.splice(a0, b1 - a0, ...op.second, ...op.middle, ...op.first);
        seps.splice(a0 + 1, b1 - a0 - 1, ...bSeps, ...mSeps, ...aSeps);
        moved = [...op.first, ...op.second];
        const to = joinSpan(words, seps, a0, b1);
        start = this.wordStart(a0);
        end = this.wordEnd(b1 - 1);
        middle = to;
        edit = { family, position: this.positionOf(op.first[0]!), from, to };
        cost = 2;
        break;
      }
    }
    const appliedEdit: AppliedEdit = { edit, op, cost, changed, moved };
    const text = new AttackText(
      words,
      seps,
      ids,
      this.originalWordCount,
      [...this.applied, appliedEdit],
      nextId,
      appliedEdit,
      this.totalCost + cost,
    );
    return this.child(text, start, end, middle);
  }

  /**
   * A replacement, the edit searches make most: the separators and ids are shared with this text (both are never
   * mutated), and the word list is only built when asked for (see `pending`).
   */
  private applyReplace(op: Extract<EditOp, { kind: 'replace' }>, family: string): AttackText {
    const k = this.ids.indexOf(op.id);
    if (k < 0) throw new RangeError(`word id ${op.id} not in text`);
    const appliedEdit: AppliedEdit = {
      edit: { family, position: this.positionOf(op.id), from: this.word(k), to: op.to },
      op,
      cost: 1,
      changed: [op.id],
      moved: [],
    };
    const text = new AttackText(
      undefined,
      this.seps,
      this.ids,
      this.originalWordCount,
      undefined,
      this.nextId,
      appliedEdit,
      this.totalCost + 1,
      {
        index: k,
        to: op.to,
      },
    );
    return this.child(text, this.wordStart(k), this.wordEnd(k), op.to);
  }

  /** Text of words [from, to) with the separators between them. */
  spanText(from: number, to: number): string {
    return joinSpan(this.words, this.seps, from, to);
  }

  /** The original position of a word id; inserted words map to the original word they precede. */
  private positionOf(id: number): number {
    if (id < this.originalWordCount) return id;
    const k = this.ids.indexOf(id);
    for (let j = k + 1; j < this.ids.length; j++) if (this.ids[j]! < this.originalWordCount) return this.ids[j]!;
    return this.originalWordCount;
  }

  /** Rebuild this text from `original` keeping only the applied edits at `keep` (indices into `applied`). */
  static replay(original: AttackText, applied: readonly AppliedEdit[], keep: readonly number[]): AttackText {
    let t = original;
    for (const k of keep) {
      const a = applied[k];
      if (a === undefined) throw new RangeError(`no applied edit ${k}`);
      t = t.apply(a.op, a.edit.family);
    }
    return t;
  }
}

function joinSpan(words: readonly string[], seps: readonly string[], from: number, to: number): string {
  let out = words[from] ?? '';
  for (let k = from + 1; k < to; k++) out += seps[k]! + words[k]!;
  return out;
}

// Abbreviations whose full stop does not end a sentence ("Mr. Smith" is not a sentence start).
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'vs',
  'etc',
  'inc',
  'ltd',
  'co',
  'no',
]);

function startsSentence(words: readonly string[], seps: readonly string[], k: number): boolean {
  if (k === 0) return true;
  if (!/[.!?]\s*$/.test(seps[k]!)) return false;
  const prev = words[k - 1]!;
  return !(seps[k]!.startsWith('.') && (ABBREVIATIONS.has(prev.toLowerCase()) || /^\p{L}$/u.test(prev)));
}

/**
 * When two blocks swap at a sentence start, the capital moves with the position, not the word
 * ("The food was great, but the service ..." -> "The service ..., but the food ..."). Only words whose case
 * looks positional are touched: a capitalised first word of `a`, a lower-case first word of `b`, never "I".
 */
function fixSentenceCase(a: string[], b: string[], atSentenceStart: boolean): void {
  const a0 = a[0];
  const b0 = b[0];
  if (!atSentenceStart || a0 === undefined || b0 === undefined) return;
  const capitalised = (w: string) => /^\p{Lu}\p{Ll}*$/u.test(w) && w !== 'I';
  const lower = (w: string) => /^\p{Ll}/u.test(w);
  if (capitalised(a0) && lower(b0)) {
    a[0] = a0.charAt(0).toLowerCase() + a0.slice(1);
    b[0] = b0.charAt(0).toUpperCase() + b0.slice(1);
  }
}
