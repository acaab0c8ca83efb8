/** @module Parsers for CLI option values: each rejects bad input with a message naming the option. */
import { ConfigError } from '../core/errors.js';

export function parseInteger(flag: string, min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new ConfigError(`${flag} must be a whole number >= ${min}, got "${value}"`);
    }
    return n;
  };
}

export function parseFraction(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1) {
      throw new ConfigError(`${flag} must be a number in (0, 1], got "${value}"`);
    }
    return n;
  };
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function parseList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function parsePositive(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new ConfigError(`${flag} must be a positive number, got "${value}"`);
    return n;
  };
}

/** A JSON object given on the command line (never evaluated as code). */
export function parseJsonObject(flag: string): (value: string) => Record<string, unknown> {
  return (value) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (err) {
      throw new ConfigError(`${flag} must be a JSON object: ${(err as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError(`${flag} must be a JSON object`);
    return parsed as Record<string, unknown>;
  };
}

/** `name` or `name={"json":"options"}`, repeatable. */
export function collectComponent(flag: string): (value: string, previous?: { name: string; options: Record<string, unknown> }[]) => { name: string; options: Record<string, unknown> }[] {
  return (value, previous = []) => {
    const eq = value.indexOf('=');
    const name = (eq < 0 ? value : value.slice(0, eq)).trim();
    const options = eq < 0 ? {} : parseJsonObject(`${flag} ${name}`)(value.slice(eq + 1));
    return [...previous, { name, options }];
  };
}
