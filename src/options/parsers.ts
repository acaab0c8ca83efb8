/**
 * @module Value types of command-line options: each parses the text after a flag and rejects bad input with a message
 * naming the flag. Number types also state the rule a stored value must follow, so campaign.json is checked by the
 * same rule as the flag that wrote it.
 */
import { ConfigError } from '../core/errors.js';
import type { ComponentRef } from '../contracts/campaign.js';
import type { ValueType } from './table.js';

/** How a number read back from campaign.json is checked: the rule in words (for the error) and the test. */
export interface StoredNumber {
  readonly rule: string;
  accepts(n: number): boolean;
}

export interface NumberType extends ValueType<number> {
  readonly stored: StoredNumber;
}

/** The text as typed. */
export const text: ValueType<string> = { parse: (value) => value };

/** A switch (`--force`): true when given. */
export const on: ValueType<boolean> = { parse: () => true };

/** A negated switch (`--no-cache`): false when given. */
export const off: ValueType<boolean> = { parse: () => false };

export function integer(min: number): NumberType {
  const rule = `a whole number >= ${min}`;
  const accepts = (n: number) => Number.isSafeInteger(n) && n >= min;
  return {
    parse(value, flag) {
      const n = Number(value);
      if (!/^-?\d+$/.test(value.trim()) || !accepts(n))
        throw new ConfigError(`${flag} must be ${rule}, got "${value}"`);
      return n;
    },
    stored: { rule, accepts },
  };
}

/** A number in (0, 1]. */
export const fraction: NumberType = {
  parse(value, flag) {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1)
      throw new ConfigError(`${flag} must be a number in (0, 1], got "${value}"`);
    return n;
  },
  stored: { rule: 'a number > 0 and <= 1', accepts: (n) => Number.isFinite(n) && n > 0 && n <= 1 },
};

/** A number > 0. */
export const positive: NumberType = {
  parse(value, flag) {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
      throw new ConfigError(`${flag} must be a number > 0, got "${value}"`);
    return n;
  },
  stored: { rule: 'a number > 0', accepts: (n) => Number.isFinite(n) && n > 0 },
};

/** A number >= min (not necessarily whole). */
export function atLeast(min: number): NumberType {
  const rule = `a number >= ${min}`;
  const accepts = (n: number) => Number.isFinite(n) && n >= min;
  return {
    parse(value, flag) {
      const n = Number(value);
      if (value.trim() === '' || !accepts(n)) throw new ConfigError(`${flag} must be ${rule}, got "${value}"`);
      return n;
    },
    stored: { rule, accepts },
  };
}

/** A number in [0, 1] (a share of requests). */
export const rate: NumberType = {
  parse(value, flag) {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
      throw new ConfigError(`${flag} must be a number in [0, 1], got "${value}"`);
    return n;
  },
  stored: { rule: 'a number >= 0 and <= 1', accepts: (n) => Number.isFinite(n) && n >= 0 && n <= 1 },
};

/** Comma-separated names; blanks dropped. */
export const list: ValueType<readonly string[]> = {
  parse: (value) =>
    value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
};

/** Repeatable: each occurrence adds one text. */
export const repeated: ValueType<readonly string[]> = {
  parse: (value, _flag, previous = []) => [...previous, value],
};

/** A JSON object given on the command line (never evaluated as code). */
export const jsonObject: ValueType<Record<string, unknown>> = {
  parse(value, flag) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (err) {
      throw new ConfigError(`${flag} must be a JSON object: ${(err as Error).message}`);
    }
    if (!isJsonObject(parsed)) throw new ConfigError(`${flag} must be a JSON object`);
    return parsed;
  },
};

function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `name` or `name={"json":"options"}`, repeatable. */
export const components: ValueType<readonly ComponentRef[]> = {
  parse(value, flag, previous = []) {
    const eq = value.indexOf('=');
    const name = (eq < 0 ? value : value.slice(0, eq)).trim();
    const options = eq < 0 ? {} : jsonObject.parse(value.slice(eq + 1), `${flag} ${name}`, undefined);
    return [...previous, { name, options }];
  },
};

export interface ChoiceType<C extends readonly string[]> extends ValueType<C[number]> {
  readonly choices: C;
}

/** One of a fixed set of words; commander lists them in --help and refuses others. */
export function oneOf<const C extends readonly string[]>(choices: C): ChoiceType<C> {
  return {
    choices,
    parse(value, flag) {
      const choice = choices.find((c) => c === value);
      if (choice === undefined) throw new ConfigError(`${flag} must be one of ${choices.join(', ')}, got "${value}"`);
      return choice;
    },
  };
}
