/**
 * @module Quiver's `changed` assertion: it holds while the output, normalized, equals the original output
 * normalized, so the search goal "this assertion fails" is "the output changed". Normalizing parses JSON outputs and
 * compares them by value (key order and spacing do not count); other text is compared after Unicode NFC, trimming,
 * collapsing whitespace and lower-casing.
 */
import { isDeepStrictEqual } from 'node:util';
import { passFail, type Check } from './check.js';

export function normalizeOutput(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function asJson(text: string): { ok: boolean; value: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, value: undefined };
  }
}

export function sameOutput(a: string, b: string): boolean {
  const x = asJson(a);
  const y = asJson(b);
  if (x.ok && y.ok) return isDeepStrictEqual(x.value, y.value);
  return normalizeOutput(a) === normalizeOutput(b);
}

export function unchanged(output: string, original: string, inverse: boolean): Check {
  const same = sameOutput(output, original);
  return passFail(same !== inverse, same ? 'Expected the output to change' : `Output changed from "${original}"`);
}
