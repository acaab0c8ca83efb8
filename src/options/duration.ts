/** @module Durations on the command line: "90s", "30m", "8h", "1h30m", or plain seconds. */
import { ConfigError } from '../core/errors.js';

export function parseDuration(flag: string): (value: string) => number {
  return (value) => {
    const v = value.trim();
    if (/^\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
    const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(v);
    if (m === null || v === '') throw new ConfigError(`${flag} must be a duration like 90s, 30m, 8h or 1h30m, got "${value}"`);
    return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
  };
}
