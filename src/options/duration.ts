/** @module Durations on the command line: "90s", "30m", "8h", "1h30m", or plain seconds; the value is milliseconds. */
import { ConfigError } from '../core/errors.js';
import type { NumberType } from './parsers.js';

export const duration: NumberType = {
  parse(value, flag) {
    const v = value.trim();
    if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
    const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(v);
    if (m === null || v === '')
      throw new ConfigError(`${flag} must be a duration like 90s, 30m, 8h or 1h30m, got "${value}"`);
    return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
  },
  // Stored in milliseconds; a limit of 0 ("none") is stored as null.
  stored: { rule: 'a number > 0', accepts: (n) => Number.isFinite(n) && n > 0 },
};
