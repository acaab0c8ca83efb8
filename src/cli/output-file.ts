/**
 * @module Writes a file a command was asked to produce (--out, --html, --junit): folders created, replaced atomically.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { writeFileAtomic } from '../storage/atomic.js';

/** A path the user named that cannot be written is a usage error (exit 2), not a storage failure of a campaign. */
export function writeOutputFile(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, text);
  } catch (err) {
    throw new ConfigError(`cannot write ${path}: ${(err as Error).message}`);
  }
}
