/**
 * @module Validation of a family's options, which arrive as plain JSON from a campaign config or recipe: unknown keys
 * and ill-typed values are ConfigErrors that name the family and the option.
 */
import { ConfigError } from '../../src/core/errors.js';

/** Returns null when `value` is acceptable, otherwise what it must be ("a boolean"). */
export type Check = (value: unknown) => string | null;

export const isBoolean: Check = (v) => (typeof v === 'boolean' ? null : 'a boolean');

export function integerAtLeast(min: number, allowInfinity = false): Check {
  return (v) =>
    (typeof v === 'number' && Number.isInteger(v) && v >= min) || (allowInfinity && v === Number.POSITIVE_INFINITY)
      ? null
      : `an integer >= ${min}${allowInfinity ? ' or Infinity' : ''}`;
}

export function numberIn(lo: number, hi: number): Check {
  return (v) => (typeof v === 'number' && v >= lo && v <= hi ? null : `a number in [${lo}, ${hi}]`);
}

export const isString: Check = (v) => (typeof v === 'string' && v !== '' ? null : 'a non-empty string');

export function orNull(check: Check): Check {
  return (v) => (v === null ? null : check(v) && `${check(v)} or null`);
}

export function subsetOf(valid: readonly string[]): Check {
  return (v) =>
    Array.isArray(v) && v.length > 0 && v.every((x) => valid.includes(x as string))
      ? null
      : `a non-empty list of ${valid.join(', ')}`;
}

/** `defaults` overridden by `given`, every key checked. */
export function resolveOptions<T extends object>(
  family: string,
  defaults: T,
  checks: { readonly [K in keyof T]-?: Check },
  given: object,
): T {
  const valid = Object.keys(checks);
  for (const [key, value] of Object.entries(given)) {
    if (!valid.includes(key))
      throw new ConfigError(`${family}: unknown option "${key}"; valid options: ${valid.join(', ')}`);
    if (value === undefined) continue;
    const problem = checks[key as keyof T](value);
    if (problem !== null)
      throw new ConfigError(`${family}: option ${key} must be ${problem}, got ${JSON.stringify(value)}`);
  }
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(given)) if (value !== undefined) out[key] = value;
  return out as T;
}
