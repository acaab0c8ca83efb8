/** @module Regular expressions given by the user (`--protect`, the protect constraint's `patterns`), compiled once. */
import { ConfigError } from './errors.js';

/**
 * Global and Unicode-aware, as the protect constraint scans whole texts. `where` names the source in the error, e.g.
 * `--protect "(x"`, so a bad pattern fails at configuration time with the flag or option that gave it.
 */
export function compilePatterns(sources: readonly string[], where: (source: string) => string): RegExp[] {
  return sources.map((p) => {
    try {
      return new RegExp(p, 'gu');
    } catch (err) {
      throw new ConfigError(`${where(p)} is not a valid regular expression: ${(err as Error).message}`);
    }
  });
}
