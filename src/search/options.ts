/**
 * @module Option checking shared by the search factories: options arrive as plain JSON (campaign config, recipes), so
 * an unknown key or a value of the wrong kind is a ConfigError naming the search and the option.
 */
import { ConfigError } from '../core/errors.js';

/** Returns an error message for a bad value, or null. */
export type Check = (value: unknown) => string | null;

export const integerAtLeast =
  (min: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min ? null : `must be a whole number >= ${min}`;

export const numberIn =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && v >= min && v <= max ? null : `must be a number in [${min}, ${max}]`;

export const positiveOrInfinity: Check = (v) =>
  v === Infinity || v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 1)
    ? null
    : 'must be a whole number >= 1 (or null for no limit)';

export const boolean: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');

export const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.join(', ')}`;

/** Defaults overlaid with `given`, every given key checked; `null` means Infinity for limit options. */
export function resolveOptions<T extends object>(
  search: string,
  defaults: T,
  given: Readonly<Record<string, unknown>>,
  checks: { readonly [K in keyof T]: Check },
): T {
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    const check = (checks as Record<string, Check>)[key];
    if (check === undefined) {
      throw new ConfigError(
        `search ${search}: unknown option "${key}"; valid options: ${Object.keys(checks).join(', ')}`,
      );
    }
    const problem = check(value);
    if (problem !== null)
      throw new ConfigError(`search ${search}: option "${key}" ${problem}, got ${JSON.stringify(value)}`);
    out[key] = value === null ? Infinity : value;
  }
  return out as T;
}
