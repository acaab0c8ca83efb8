/** @module The model under test, as the engine sees it: texts in, one label plus a probability per label out. */

export interface Prediction {
  readonly label: string;
  /** Probability per label; sums to 1. */
  readonly scores: Readonly<Record<string, number>>;
}

export interface Target {
  /** The spec it was built from, e.g. `local:wink`. */
  readonly id: string;
  /** Every label the target can return. */
  readonly labels: readonly string[];
  /** One prediction per text, in order. Throws when the model fails; the caller records the failure. */
  predict(texts: readonly string[]): Promise<Prediction[]>;
  close?(): Promise<void>;
}

/** Turn a label->score map into a prediction whose label is the argmax (first label wins ties). */
export function predictionFrom(labels: readonly string[], scores: Record<string, number>): Prediction {
  let best = labels[0]!;
  for (const l of labels) if ((scores[l] ?? 0) > (scores[best] ?? 0)) best = l;
  return { label: best, scores };
}
