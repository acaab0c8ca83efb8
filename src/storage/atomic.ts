/** @module Atomic file replacement: write a temporary file in the same folder, sync it, then rename over the target. */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { StorageError } from './errors.js';

/**
 * Throws a StorageError naming `path` when the disk is full or the folder cannot be written; no temporary file stays.
 */
export function writeFileAtomic(path: string, data: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    // A full disk left an empty `summary.json.<pid>.tmp` beside the campaign; the old file, if any, is untouched.
    try {
      rmSync(tmp, { force: true });
    } catch {
      // A read-only folder: the temporary file could not have been created either.
    }
    throw new StorageError(path, err, 'the previous version of that file, if any, is unchanged');
  }
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}
