/**
 * @module `quiver-robustness/testing`: robustness assertions for test runners. `assertRobust` attacks one text in
 * the test's own process and throws node:assert's AssertionError when a verified perturbation flips the model, so
 * node:test, Vitest, Jest and Mocha all fail the test and print its message; `actual` and `expected` hold the
 * perturbed and the original answer, which runners that diff (Vitest, Jest) show as a two-line diff.
 */
import { AssertionError } from 'node:assert';
import type { ResultRecord } from '../contracts/record.js';
import type { Target } from '../core/target.js';
import { attackExample, type AttackExampleOptions } from './attack.js';
import { DEFAULT_SEED } from './campaign.js';
import { describeRecord } from './flip-report.js';

export interface RobustnessOptions extends AttackExampleOptions {
  /** Also fail when the stability score (share of random perturbations that keep the answer) is below this. */
  readonly minStability?: number;
  /** Said first in the failure message, e.g. the case's name. */
  readonly message?: string;
}

/**
 * Resolves with the attack's record when no perturbation within the options' budget flips `target`'s answer on
 * `text` (and the stability is at least `minStability`); rejects with an AssertionError describing the flip
 * otherwise. A target that throws rejects with its error. Deterministic for a given seed (default 42).
 */
export async function assertRobust(
  target: string | Target,
  text: string,
  options: RobustnessOptions = {},
): Promise<ResultRecord> {
  const { minStability, message, ...attack } = options;
  const r = await attackExample(target, text, attack);
  const name = typeof target === 'string' ? target : target.id;
  const head = message === undefined ? '' : `${message}: `;
  if (r.status === 'errored')
    throw new Error(`${head}${name} failed on ${JSON.stringify(text)}: ${r.reason ?? 'unknown error'}`);
  if (r.status === 'skipped') {
    fail(
      assertRobust,
      r,
      `${head}${name} answers "${r.original?.label}" on the original text, expected "${r.groundTruth}"`,
      r.groundTruth,
    );
  }
  if (r.status === 'succeeded' && r.adversarial !== null) {
    const n = r.edits.length;
    const edits = n === 1 ? '1 edit flips' : `${n} edits flip`;
    const flip = `"${r.original?.label}" to "${r.adversarial.label}"`;
    fail(
      assertRobust,
      r,
      `${head}${name} is not robust: ${edits} ${flip} (seed ${options.seed ?? DEFAULT_SEED})`,
      r.groundTruth,
    );
  }
  if (minStability !== undefined && r.stability !== null && r.stability < minStability) {
    fail(
      assertRobust,
      r,
      `${head}${name} is not stable enough: stability ${r.stability.toFixed(2)} < ${minStability}`,
      r.groundTruth,
    );
  }
  return r;
}

/** The record as an AssertionError: the message in full, and the two answers (label and text) for runners' diffs. */
function fail(caller: (...args: never[]) => unknown, r: ResultRecord, headline: string, expectedLabel: string): never {
  const seen = r.adversarial ?? r.original;
  throw new AssertionError({
    message: [headline, ...describeRecord(r)].join('\n'),
    actual: seen === null ? null : `${seen.label}: ${seen.text}`,
    expected: `${expectedLabel}: ${r.original?.text ?? ''}`,
    operator: 'assertRobust',
    stackStartFn: caller,
  });
}
