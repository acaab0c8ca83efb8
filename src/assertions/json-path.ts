/**
 * @module JSON-path comparisons on the parsed output, Quiver's `json-path` assertion. The value is one comparison:
 *
 *     $.total == 42.5        $.items[0].sku != "A-1"        $["due date"] == "2025-03-01"        $.count >= 3
 *
 * A path starts at `$` and follows `.name`, `["any key"]` and `[index]` steps; the operator is one of
 * `== != < <= > >=`; the right side is a JSON literal (number, string, true, false, null, array, object).
 * The whole output must be JSON (`JSON.parse`): when it is not, the assertion fails, inverted or not. A path that
 * leads nowhere yields `undefined`: `==` and every ordering then fail, `!=` passes. `==` is deep equality.
 * Orderings follow JavaScript's `<` on primitives (two strings compare as strings, anything else as numbers, so
 * `null` is 0 and a missing field never passes); arrays and objects never order.
 *
 * The same comparison written as promptfoo inline JavaScript, `JSON.parse(output).total === 42.5` (operators
 * `=== !== < <= > >=`, a primitive literal on the right), is recognised as this assertion, so a config that runs
 * unchanged under promptfoo can carry it; Quiver evaluates it here and never runs the string as code.
 */
import { isDeepStrictEqual } from 'node:util';
import { clamp01, type Check } from './check.js';

export type Comparison = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type PathStep = string | number;

export interface JsonPathExpression {
  readonly path: readonly PathStep[];
  readonly op: Comparison;
  readonly expected: unknown;
  /** The text it was read from, for reasons. */
  readonly source: string;
  /**
   * Written as promptfoo inline JavaScript: stepping through a missing field or null then fails, as a TypeError would.
   */
  readonly javascript: boolean;
}

const JS_OPS: Record<string, Comparison> = { '===': '==', '!==': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** Path steps after the root, or a problem. */
function readSteps(text: string): { steps: PathStep[]; rest: string } | string {
  const steps: PathStep[] = [];
  let rest = text;
  for (;;) {
    const m = /^\.([A-Za-z_$][\w$]*)|^\[(\d+)\]|^\[("(?:[^"\\]|\\.)*")\]/.exec(rest);
    if (m === null) break;
    steps.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]!) as string)));
    rest = rest.slice(m[0].length);
  }
  return { steps, rest };
}

/** Reads `$.a.b == 1`; throws an Error saying what is wrong with a malformed one. */
export function parseJsonPath(source: string): JsonPathExpression {
  const text = source.trim();
  if (!text.startsWith('$'))
    throw new Error(`a JSON-path comparison starts with "$", e.g. "$.total == 42.5"; got "${source}"`);
  const read = readSteps(text.slice(1));
  if (typeof read === 'string') throw new Error(read);
  const m = /^\s*(==|!=|<=|>=|<|>)\s*([\s\S]+)$/.exec(read.rest);
  if (m === null)
    throw new Error(
      `expected a path step or one of == != < <= > >= after "${text.slice(0, text.length - read.rest.length)}" in ` +
        `"${source}"`,
    );
  let expected: unknown;
  try {
    expected = JSON.parse(m[2]!);
  } catch {
    throw new Error(
      `the right side of "${source}" must be a JSON literal (a number, a "string", true, false, null, [...] or ` +
        `{...}); got ${m[2]}`,
    );
  }
  return { path: read.steps, op: m[1] as Comparison, expected, source, javascript: false };
}

/** `JSON.parse(output).a[0].b === 42.5` as a comparison, or null when the string has any other shape. */
export function javascriptJsonPath(source: string): JsonPathExpression | null {
  const text = source.trim().replace(/;$/, '');
  const head = /^JSON\.parse\(\s*output\s*\)/.exec(text);
  if (head === null) return null;
  const read = readSteps(text.slice(head[0].length));
  if (typeof read === 'string') return null;
  const m =
    /^\s*(===|!==|<=|>=|<|>)\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|"(?:[^"\\]|\\.)*"|'[^'\\]*'|true|false|null)\s*$/.exec(
      read.rest,
    );
  if (m === null) return null;
  const literal = m[2]!;
  const expected: unknown = literal.startsWith("'") ? literal.slice(1, -1) : JSON.parse(literal);
  return { path: read.steps, op: JS_OPS[m[1]!]!, expected, source, javascript: true };
}

/** The value at `path`; `broken` when a step before the last met undefined or null (JavaScript would throw there). */
export function lookupPath(data: unknown, path: readonly PathStep[]): { value: unknown; broken: boolean } {
  let v = data;
  for (const step of path) {
    if (v === undefined || v === null) return { value: undefined, broken: true };
    v = typeof v === 'object' && Object.hasOwn(v, step) ? (v as Record<PathStep, unknown>)[step] : undefined;
  }
  return { value: v, broken: false };
}

/** JavaScript's ToNumber for the primitives JSON holds; NaN for arrays and objects (they never order). */
function asNumber(v: unknown): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Number(v);
  return NaN;
}

function compare(actual: unknown, op: Comparison, expected: unknown): boolean {
  if (op === '==') return actual !== undefined && isDeepStrictEqual(actual, expected);
  if (op === '!=') return actual === undefined || !isDeepStrictEqual(actual, expected);
  const bothStrings = typeof actual === 'string' && typeof expected === 'string';
  const [a, b] = bothStrings ? [actual, expected] : [asNumber(actual), asNumber(expected)];
  if (op === '<') return a < b;
  if (op === '<=') return a <= b;
  if (op === '>') return a > b;
  return a >= b;
}

function parseOrUndefined(text: string | undefined): { ok: boolean; value: unknown } {
  if (text === undefined) return { ok: false, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, value: undefined };
  }
}

/**
 * The comparison on `output`. Orderings on numbers carry a margin: how far the field has moved from its original
 * value toward the bound (0 at the original value, 1 at the bound), or, without an original, 1 minus its distance
 * to the bound relative to the bound's size.
 */
export function checkJsonPath(
  output: string,
  expr: JsonPathExpression,
  inverse: boolean,
  originalOutput?: string,
): Check {
  const parsed = parseOrUndefined(output);
  if (!parsed.ok) return { pass: false, score: 0, reason: `Expected output to be JSON for ${expr.source}` };
  const { value: actual, broken } = lookupPath(parsed.value, expr.path);
  if (broken && expr.javascript)
    return { pass: false, score: 0, reason: `${expr.source} reads a field of undefined or null` };
  const pass = compare(actual, expr.op, expr.expected) !== inverse;
  const reason = pass
    ? 'Assertion passed'
    : `Expected ${inverse ? 'not ' : ''}${expr.source}; the field ` +
      `is ${actual === undefined ? 'missing' : JSON.stringify(actual)}`;
  const ordering = expr.op !== '==' && expr.op !== '!=';
  if (!ordering || typeof actual !== 'number' || typeof expr.expected !== 'number')
    return { pass, score: pass ? 1 : 0, reason };
  const bound = expr.expected;
  const original = lookupPath(parseOrUndefined(originalOutput).value, expr.path).value;
  const span =
    typeof original === 'number' && original !== bound ? Math.abs(original - bound) : Math.max(Math.abs(bound), 1);
  return { pass, score: pass ? 1 : 0, reason, margin: pass ? clamp01(1 - Math.abs(actual - bound) / span) : 1 };
}
