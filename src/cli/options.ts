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
