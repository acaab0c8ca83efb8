/**
 * @module promptfoo 0.115's string assertions, case for case: `equals`, `contains`, `icontains`, `contains-any`,
 * `icontains-any`, `contains-all`, `icontains-all`, `starts-with`, `regex`, each with its `not-` form (`inverse`).
 * The value has already been rendered and checked by `compile.ts`; these functions only decide.
 */
import { isDeepStrictEqual } from 'node:util';
import { passFail, notWord, type Check } from './check.js';

/** An object or array value: deep equality with the output parsed as JSON (a parse failure fails even inverted). */
export function equals(output: string, value: unknown, inverse: boolean): Check {
  if (typeof value === 'object') {
    let pass: boolean;
    try {
      pass = isDeepStrictEqual(value, JSON.parse(output)) !== inverse;
    } catch {
      pass = false;
    }
    return passFail(pass, `Expected output "${output}" to ${notWord(inverse)}equal "${JSON.stringify(value)}"`);
  }
  return passFail(
    (String(value) === output) !== inverse,
    `Expected output "${output}" to ${notWord(inverse)}equal "${String(value)}"`,
  );
}

export function contains(output: string, value: string | number, inverse: boolean, ignoreCase: boolean): Check {
  const pass = fold(output, ignoreCase).includes(fold(String(value), ignoreCase)) !== inverse;
  return passFail(pass, `Expected output to ${notWord(inverse)}contain "${value}"`);
}

/**
 * The list a `contains-any` value names. A string is split at commas: `contains-any` keeps double-quoted items whole
 * (so `"a, b", c` is two items), while `icontains-any`, `contains-all` and `icontains-all` split at every comma.
 */
export function valueList(value: string | readonly unknown[], quoted: boolean): unknown[] {
  if (typeof value !== 'string') return [...value];
  if (!quoted) return value.split(',').map((v) => v.trim());
  return value.match(/(".*?"|[^,]+)(?=\s*,|\s*$)/g)?.map((v) => v.trim().replace(/^"|"$/g, '')) ?? [];
}

export function containsAny(output: string, items: readonly unknown[], inverse: boolean, ignoreCase: boolean): Check {
  const out = fold(output, ignoreCase);
  const pass = items.some((v) => out.includes(fold(String(v), ignoreCase))) !== inverse;
  return passFail(pass, `Expected output to ${notWord(inverse)}contain one of "${items.join(', ')}"`);
}

export function containsAll(output: string, items: readonly unknown[], inverse: boolean, ignoreCase: boolean): Check {
  const out = fold(output, ignoreCase);
  const missing = items.filter((v) => !out.includes(fold(String(v), ignoreCase)));
  const pass = (missing.length === 0) !== inverse;
  return passFail(
    pass,
    `Expected output to ${notWord(inverse)}contain all of [${items.join(', ')}]. Missing: [${missing.join(', ')}]`,
  );
}

export function startsWith(output: string, value: string, inverse: boolean): Check {
  return passFail(output.startsWith(value) !== inverse, `Expected output to ${notWord(inverse)}start with "${value}"`);
}

export function matchesRegex(output: string, regex: RegExp, inverse: boolean): Check {
  // A fresh test per call: the pattern has no flags, so lastIndex never carries over.
  return passFail(
    regex.test(output) !== inverse,
    `Expected output to ${notWord(inverse)}match regex "${regex.source}"`,
  );
}

function fold(s: string, ignoreCase: boolean): string {
  return ignoreCase ? s.toLowerCase() : s;
}
