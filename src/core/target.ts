/**
 * @module The model under test, as the engine sees it: texts in, one label plus a probability per label out, and for
 * models that answer free text, the text itself.
 */

export interface Prediction {
  readonly label: string;
  /** Probability per label; sums to 1. */
  readonly scores: Readonly<Record<string, number>>;
  /**
   * The answer as text, for models that answer free text (bundled tasks, chat endpoints in `text` mode, modules that
   * return strings); absent for classifiers, whose output is their label.
   */
  readonly output?: string;
  /**
   * Set when the output was checked against a test's assertions (assertion campaigns): the assertion that failed,
   * or null when the test passed.
   */
  readonly failed?: FailedAssertion | null;
  /** What this prediction cost at a remote endpoint (absent for in-process models and cached answers). */
  readonly usage?: Usage;
  /**
   * The output's tokens with their log-probabilities, when the model returned them (an `openai:` target in `text` mode
   * asked with `tokenLogprobs`); the tokens spell the output when concatenated. Plain data: it crosses the worker
   * boundary and the response cache.
   */
  readonly tokenLogprobs?: readonly TokenLogprob[];
  /**
   * Set when the output was checked against a test's assertions: the search signal behind each assertion's margin, in
   * the test's order (src/assertions/README.md).
   */
  readonly signals?: readonly string[];
}

/** One output token and the natural log of its probability. */
export interface TokenLogprob {
  readonly token: string;
  readonly logprob: number;
}

/** The assertion an output failed: its place in the test and promptfoo's reason. */
export interface FailedAssertion {
  /** Index in the test's assertion list (defaultTest's assertions first, as promptfoo merges them). */
  readonly index: number;
  readonly type: string;
  /** Where it is written, e.g. `assist-demo.yaml: tests[3].assert[0]`. */
  readonly where: string;
  readonly reason: string;
}

/** What a model answered, as text: the output of a text model, the label of a classifier. */
export function outputText(p: Prediction): string {
  return p.output ?? p.label;
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
  /**
   * Ask for the output tokens' log-probabilities (`Prediction.tokenLogprobs`) where the model can give them: set by
   * an assertion campaign whose assertions can use them. Models that cannot ignore it.
   */
  readonly tokenLogprobs?: boolean;
}

export interface Target {
  /** The spec it was built from, e.g. `local:wink`. */
  readonly id: string;
  /** Every label the target can return; empty for a model that answers free text (its predictions carry `output`). */
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

/** A free-text answer as a prediction: the text is the label too, with all the probability (a deterministic model). */
export function textPrediction(output: string, tokenLogprobs?: readonly TokenLogprob[]): Prediction {
  return { label: output, scores: { [output]: 1 }, output, ...(tokenLogprobs === undefined ? {} : { tokenLogprobs }) };
}
