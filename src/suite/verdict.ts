/**
 * @module A test's verdict on one output, as the search sees it: promptfoo's pass/fail (every assertion passing, or
 * the weighted score reaching the test's threshold), the assertion that failed, and a score in [0, 1] that grows as
 * the output nears failing: the largest margin of its assertions (src/assertions/README.md lists each one's signal),
 * or with a threshold, how far the weighted score has fallen from 1 toward it.
 */
import {
  testPasses,
  type CompiledAssertion,
  type EvaluationContext,
  type SearchSignal,
  type WeightedOutcome,
} from '../assertions/index.js';
import type { FailedAssertion } from '../core/target.js';
import type { TestAssertion } from '../contracts/record.js';

export interface TestVerdict {
  readonly pass: boolean;
  /** 1 once the test fails. */
  readonly score: number;
  readonly failed: FailedAssertion | null;
  /** The search signal behind each assertion's margin, in order. */
  readonly signals: readonly SearchSignal[];
}

export interface CompiledTest {
  readonly assertions: readonly CompiledAssertion[];
  /** Where each is written (same order). */
  readonly written: readonly TestAssertion[];
  readonly threshold: number | null;
}

function clamp01(x: number): number {
  return Number.isNaN(x) ? 1 : Math.min(1, Math.max(0, x));
}

/** Checks every assertion, in order (a javascript function may keep state, so never concurrently). */
export async function testVerdict(
  test: CompiledTest,
  output: string,
  context: EvaluationContext,
): Promise<TestVerdict> {
  const outcomes: WeightedOutcome[] = [];
  for (const a of test.assertions)
    outcomes.push({ outcome: await a.evaluate(output, context), weight: a.spec.weight ?? 1 });
  const pass = testPasses(outcomes, test.threshold ?? undefined);
  let failedAt = outcomes.findIndex((o) => !o.outcome.pass);
  // Under a threshold the test can fail with every assertion passing at a low score: name the lowest-scoring one.
  if (!pass && failedAt < 0)
    failedAt = outcomes.reduce((lo, o, j) => (o.outcome.score < outcomes[lo]!.outcome.score ? j : lo), 0);
  const failed: FailedAssertion | null =
    pass || failedAt < 0
      ? null
      : {
          index: failedAt,
          type: test.assertions[failedAt]!.spec.type,
          where: `${test.written[failedAt]!.file}: ${test.written[failedAt]!.where}`,
          reason: outcomes[failedAt]!.outcome.reason,
        };
  let score: number;
  if (!pass) score = 1;
  else if (test.threshold) {
    const weight = outcomes.reduce((s, o) => s + o.weight, 0);
    const mean = weight === 0 ? 0 : outcomes.reduce((s, o) => s + o.outcome.score * o.weight, 0) / weight;
    score = test.threshold >= 1 ? 0 : clamp01((1 - mean) / (1 - test.threshold));
  } else score = outcomes.reduce((m, o) => Math.max(m, o.outcome.margin), 0);
  return { pass, score, failed, signals: outcomes.map((o) => o.outcome.signal) };
}
