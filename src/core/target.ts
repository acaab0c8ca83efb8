/** @module The model under test, as the engine sees it: texts in, one label plus a probability per label out. */

export interface Prediction {
  readonly label: string;
  /** Probability per label; sums to 1. */
  readonly scores: Readonly<Record<string, number>>;
  /** What this prediction cost at a remote endpoint (absent for in-process models and cached answers). */
  readonly usage?: Usage;
}

export interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly costUsd: number;
  readonly latencyMs: number;
  readonly retries: number;
}

export const zeroUsage: Usage = { promptTokens: 0, completionTokens: 0, costUsd: 0, latencyMs: 0, retries: 0 };

export function addUsage(a: Usage, b: Usage | undefined): Usage {
  if (b === undefined) return a;
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    costUsd: a.costUsd + b.costUsd,
    latencyMs: a.latencyMs + b.latencyMs,
    retries: a.retries + b.retries,
  };
}

export interface PredictOptions {
  /** Bypass any answer cache the target keeps: used to verify flips on nondeterministic models. */
  readonly fresh?: boolean;
}

export interface Target {
  /** The spec it was built from, e.g. `local:wink`. */
  readonly id: string;
  /** Every label the target can return. */
  readonly labels: readonly string[];
  /** One prediction per text, in order. Throws when the model fails; the caller records the failure. */
  predict(texts: readonly string[], options?: PredictOptions): Promise<Prediction[]>;
  close?(): Promise<void>;
}

/** Turn a label->score map into a prediction whose label is the argmax (first label wins ties). */
export function predictionFrom(labels: readonly string[], scores: Record<string, number>): Prediction {
  let best = labels[0]!;
  for (const l of labels) if ((scores[l] ?? 0) > (scores[best] ?? 0)) best = l;
  return { label: best, scores };
}
