/**
 * @module `javascript` assertions from a module file: `value: file://check.js` (default export, or the module itself
 * as a CommonJS function) or `file://check.js:name` (a named export), called as promptfoo calls it, with the output
 * and a context `{ prompt, vars, test: { vars }, config }`. What it returns decides, as in promptfoo 0.115:
 * - a boolean: pass, inverted by `not-javascript`;
 * - a number: pass when it is at least `threshold`, or above 0 without one (never inverted); the score is the number;
 * - `{ pass, score, reason }`: taken as it is (never inverted);
 * - anything else fails. A function that throws marks the outcome with `error` (promptfoo reports the test errored).
 * Inline JavaScript strings are not run (see compile.ts).
 */
import { pathToFileURL } from 'node:url';
import { clamp01, type Check } from './check.js';

export type AssertionFunction = (output: string, context: JavascriptContext) => unknown;

export interface JavascriptContext {
  readonly prompt: string | undefined;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly test: { readonly vars: Readonly<Record<string, unknown>> };
  readonly config?: Readonly<Record<string, unknown>>;
}

/**
 * The function promptfoo 0.115 would call: it takes the module's default export when there is one (else the module
 * namespace) and, for `file://x.js:name`, that object's `name`, so named functions are found in an ES module
 * without a default export or on a CommonJS `module.exports` object. Throws an Error saying what it found.
 */
export async function loadAssertionFunction(file: string, name: string | undefined): Promise<AssertionFunction> {
  const ns = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const outer = ns.default as Record<string, unknown> | undefined;
  const mod = (outer?.default ?? outer ?? ns) as Record<string, unknown>;
  const picked = name !== undefined && typeof mod === 'object' ? mod[name] : mod;
  if (typeof picked !== 'function') {
    throw new Error(
      name !== undefined
        ? `${file} has no function "${name}" (promptfoo looks it up on the default export when the module has one)`
        : `${file} must export a function (default export or module.exports)`,
    );
  }
  return (output, context) => (picked as (o: string, c: JavascriptContext) => unknown)(output, context);
}

function isGradingResult(r: unknown): r is { pass: boolean; score: number; reason: string } {
  if (typeof r !== 'object' || r === null) return false;
  const g = r as Record<string, unknown>;
  return typeof g.pass === 'boolean' && typeof g.score === 'number' && typeof g.reason === 'string';
}

/** A margin from a score in [0, 1]: how far it has fallen from 1 toward the threshold. None for other scores. */
function scoreMargin(pass: boolean, score: number, threshold: number): number | undefined {
  if (!pass) return 1;
  if (score < 0 || score > 1) return undefined;
  return threshold >= 1 ? 1 : clamp01((1 - score) / (1 - threshold));
}

export async function runJavascript(
  fn: AssertionFunction,
  output: string,
  context: JavascriptContext,
  threshold: number | undefined,
  inverse: boolean,
): Promise<Check> {
  let result: unknown;
  try {
    result = await fn(output, context);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { pass: false, score: 0, reason: `Custom function threw error: ${message}`, error: message };
  }
  if (typeof result === 'boolean') {
    const pass = result !== inverse;
    return {
      pass,
      score: pass ? 1 : 0,
      reason: pass ? 'Assertion passed' : `Custom function returned ${inverse ? 'true' : 'false'}`,
    };
  }
  if (typeof result === 'number') {
    const pass = threshold ? result >= threshold : result > 0;
    const margin = scoreMargin(pass, result, threshold ?? 0);
    return {
      pass,
      score: result,
      reason: pass ? 'Assertion passed' : `Custom function returned ${result}`,
      ...(margin === undefined ? {} : { margin }),
    };
  }
  if (isGradingResult(result)) {
    const margin = scoreMargin(result.pass, result.score, 0);
    return {
      pass: result.pass,
      score: result.score,
      reason: result.reason,
      ...(margin === undefined ? {} : { margin }),
    };
  }
  return {
    pass: false,
    score: 0,
    reason:
      `Custom function must return a boolean, number, or GradingResult object. Got ` +
      `type ${typeof result}: ${JSON.stringify(result)}`,
  };
}
