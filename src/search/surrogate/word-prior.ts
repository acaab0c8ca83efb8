/**
 * @module A word-level surrogate for ranking edits before the target is asked: multinomial naive Bayes over lower-cased
 * words (each counted once per text, Laplace smoothing), trained on labelled texts, e.g. the campaign's own dataset.
 * Leave-one-out: when the text under attack is one of the training texts, its own counts are taken out first, so a
 * word seen only in that text carries no weight (with them in, every such word would look like evidence for the
 * text's own label). Deterministic and independent of the order examples are attacked in.
 */
import type { AttackText } from '../../core/attack-text.js';

export interface LabelledText {
  readonly text: string;
  readonly label: string;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function wordSet(text: string): Set<string> {
  return new Set(Array.from(text.toLowerCase().matchAll(TOKEN), (m) => m[0]));
}

/** Predicted gains of candidates over the original, for one example. */
export interface EditScorer {
  /** How much closer to leaving `truth` the surrogate puts `candidate` than the original (log-odds; higher first). */
  gain(candidate: AttackText): number;
  /** The words of `text` the surrogate knows, sorted: two texts with the same view look alike to it. */
  view(text: AttackText): string;
}

export class WordPrior {
  readonly labels: readonly string[];
  private readonly docs: number[];
  private readonly totals: number[];
  private readonly counts = new Map<string, number[]>();
  /** Training texts by exact text, for leave-one-out (a text may occur more than once). */
  private readonly byText = new Map<string, LabelledText[]>();

  constructor(
    data: readonly LabelledText[],
    private readonly alpha = 1,
  ) {
    this.labels = [...new Set(data.map((d) => d.label))].sort();
    this.docs = this.labels.map(() => 0);
    this.totals = this.labels.map(() => 0);
    for (const ex of data) {
      this.add(ex, 1);
      const same = this.byText.get(ex.text.trim());
      if (same === undefined) this.byText.set(ex.text.trim(), [ex]);
      else same.push(ex);
    }
  }

  get size(): number {
    return this.docs.reduce((a, b) => a + b, 0);
  }

  private add(ex: LabelledText, sign: 1 | -1): void {
    const c = this.labels.indexOf(ex.label);
    this.docs[c]! += sign;
    for (const w of wordSet(ex.text)) {
      let row = this.counts.get(w);
      if (row === undefined) {
        row = this.labels.map(() => 0);
        this.counts.set(w, row);
      }
      row[c]! += sign;
      this.totals[c]! += sign;
    }
  }

  /**
   * A scorer for one example, or undefined when the surrogate has never seen `truth` (its labels are not the
   * target's). The example's own training copies are left out while the scorer is built.
   */
  scorer(original: AttackText, truth: string): EditScorer | undefined {
    const y = this.labels.indexOf(truth);
    if (y < 0 || this.labels.length < 2) return undefined;
    const own = this.byText.get(original.text.trim()) ?? [];
    for (const ex of own) this.add(ex, -1);
    try {
      // Snapshots: words first met after the example's counts are back (a synonym's new word) are not in its text,
      // so their counts are the same either way; the totals are not.
      const vocab = [...this.counts.values()].filter((row) => row.some((n) => n > 0)).length;
      const totals = [...this.totals];
      const ll = new Map<string, number[] | null>();
      const logLik = (w: string): number[] | null => {
        let out = ll.get(w);
        if (out === undefined) {
          const row = this.counts.get(w);
          // Words never seen in training are ignored, as naive Bayes does.
          out =
            row === undefined || row.every((k) => k <= 0)
              ? null
              : row.map((k, c) => Math.log((k + this.alpha) / (totals[c]! + this.alpha * vocab)));
          ll.set(w, out);
        }
        return out;
      };
      const n = this.docs.reduce((a, b) => a + b, 0);
      const logPrior = this.docs.map((d) => Math.log((d + 1) / (n + this.labels.length)));
      const margin = (words: ReadonlySet<string>): number => {
        const z = [...logPrior];
        for (const w of words) {
          const row = logLik(w);
          if (row !== null) for (let c = 0; c < z.length; c++) z[c]! += row[c]!;
        }
        let other = -Infinity;
        for (let c = 0; c < z.length; c++) if (c !== y) other = Math.max(other, z[c]!);
        return z[y]! - other;
      };
      // Every word the scorer needs is read now, while the example's own counts are out.
      const base = wordSet(original.text);
      for (const w of base) logLik(w);
      const m0 = margin(base);
      return {
        gain: (candidate) => m0 - margin(wordSet(candidate.text)),
        view: (text) =>
          [...wordSet(text.text)]
            .filter((w) => logLik(w) !== null)
            .sort()
            .join(' '),
      };
    } finally {
      for (const ex of own) this.add(ex, 1);
    }
  }
}
