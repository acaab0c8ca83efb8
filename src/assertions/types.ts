/**
 * @module The shapes every assertion evaluator shares: an assertion as a test writes it (promptfoo's fields), the
 * outcome of checking one output, and where in a config an assertion sits (for error messages).
 */
import { ConfigError } from '../core/errors.js';
import type { TokenLogprob } from '../core/target.js';

/** One entry of a test's `assert` list, as promptfoo reads it. */
export interface AssertionSpec {
  readonly type: string;
  readonly value?: unknown;
  readonly threshold?: number;
  readonly weight?: number;
  readonly metric?: string;
  /** Handed to a `javascript` function as `context.config`. */
  readonly config?: Readonly<Record<string, unknown>>;
}

/**
 * Which continuous quantity an outcome's `margin` comes from, so the search knows how much to trust it:
 * - `similarity`: cosine of word vectors against the threshold (`similar`);
 * - `edit-distance`: Levenshtein distance against the threshold (`levenshtein`);
 * - `numeric-field`: a JSON field's move toward the bound of an ordering comparison (`json-path` with < <= > >=);
 * - `script-score`: the score a `javascript` function returned, against its threshold;
 * - `expected-logprob`: 1 − the probability the model gave the tokens of the span the assertion depends on (the
 *   `equals` output, the `starts-with` prefix, the `contains` value, a `json-path ==` field), where the endpoint
 *   returned token logprobs (expected-logprob.ts);
 * - `output-distance`: normalized token edit distance between the original and the current output (the fallback);
 * - `none`: no continuous signal (`changed`, or no original output to compare with): hard pass/fail only.
 */
export type SearchSignal =
  | 'similarity'
  | 'edit-distance'
  | 'numeric-field'
  | 'script-score'
  | 'expected-logprob'
  | 'output-distance'
  | 'none';

export interface AssertionOutcome {
  readonly pass: boolean;
  /** promptfoo's score for this assertion (1/0 for pass/fail checks; the similarity or script score otherwise). */
  readonly score: number;
  /**
   * In [0, 1]: how close the output is to failing this assertion, 0 far (as a rule on the original output), growing as
   * it approaches the boundary; always 1 once it fails.
   */
  readonly margin: number;
  readonly signal: SearchSignal;
  readonly reason: string;
  /**
   * Set when checking raised an error (a `javascript` function that threw); promptfoo reports such a test as errored.
   */
  readonly error?: string;
}

/** What an evaluator may read besides the output. */
export interface EvaluationContext {
  /** The test's vars (handed to `javascript` functions). */
  readonly vars: Readonly<Record<string, unknown>>;
  /** The rendered prompt (handed to `javascript` functions). */
  readonly prompt?: string;
  /** The output on the original, unperturbed vars: `changed` and the fallback distance compare against it. */
  readonly originalOutput?: string;
  /** The output's tokens with their logprobs, when the endpoint returned them (the `expected-logprob` signal). */
  readonly tokens?: readonly TokenLogprob[];
  /** The original output's tokens and logprobs: whether an example uses `expected-logprob` is decided on them. */
  readonly originalTokens?: readonly TokenLogprob[];
}

/** Where an assertion is written, e.g. file `demo.yaml`, path `tests[3].assert[1]`. */
export interface AssertionSite {
  readonly file: string;
  readonly path: string;
}

export function siteText(site: AssertionSite, field?: string): string {
  return `${site.file}: ${site.path}${field === undefined ? '' : `.${field}`}`;
}

/** An assertion whose value or options cannot be used: names the file, test and assertion, and field. */
export class AssertionConfigError extends ConfigError {
  override readonly code = 'QUIVER_ASSERTION';
  constructor(
    readonly site: AssertionSite,
    readonly field: string,
    problem: string,
  ) {
    super(`${siteText(site, field)}: ${problem}`);
    this.name = 'AssertionConfigError';
  }
}

/** An assertion type Quiver does not evaluate (model-graded, latency, cost, ...), named in the message. */
export class UnsupportedAssertionError extends ConfigError {
  override readonly code = 'QUIVER_ASSERTION_TYPE';
  constructor(
    readonly site: AssertionSite,
    readonly assertionType: string,
    why: string,
  ) {
    super(`${siteText(site, 'type')}: assertion type "${assertionType}" is not supported: ${why}`);
    this.name = 'UnsupportedAssertionError';
  }
}
