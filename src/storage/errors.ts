/**
 * @module What a failed write means for the user: the path, the problem in words and its code
 * (`no space left on device (ENOSPC)`), and whether it is a setup problem to fix before starting (a folder that
 * cannot be written: exit 2) or a disk that failed mid-run (exit 1, resume later). Node's own messages for a failed
 * `write` name no file at all (`ENOSPC: no space left on device, write`).
 */
import { ConfigError } from '../core/errors.js';

/** Writing failed (full disk, lost mount): names the file and what is safe. */
export class StorageError extends Error {
  readonly code = 'QUIVER_STORAGE';
  constructor(
    readonly path: string,
    cause: unknown,
    safe: string,
  ) {
    super(`cannot write to ${path}: ${fsProblem(cause)}; ${safe}`, { cause });
    this.name = 'StorageError';
  }
}

const PROBLEMS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'a folder is in the way',
  ENOENT: 'no such file or folder (cannot be created there)',
  EIO: 'input/output error',
};

/** Codes that mean "this place cannot be written", as opposed to a disk that filled up or failed. */
const NOT_WRITABLE = new Set(['EROFS', 'EACCES', 'EPERM', 'ENOTDIR', 'EISDIR', 'ENOENT']);

/** `no space left on device (ENOSPC)` for a Node fs error; the message of anything else. */
export function fsProblem(err: unknown): string {
  const code = errnoCode(err);
  const words = code === undefined ? undefined : PROBLEMS[code];
  if (words !== undefined) return `${words} (${code})`;
  return err instanceof Error ? err.message : String(err);
}

/**
 * A write that failed while a campaign folder was being set up: a folder that cannot be written is a usage problem
 * (ConfigError, exit 2: choose another --out); anything else (a full disk) a StorageError.
 */
export function setupWriteError(dir: string, path: string, err: unknown): Error {
  if (err instanceof ConfigError) return err;
  const cause = err instanceof StorageError ? err.cause : err;
  if (NOT_WRITABLE.has(errnoCode(cause) ?? '')) {
    return new ConfigError(
      `cannot write in ${dir}: ${path}: ${fsProblem(cause)}; choose another --out or make the folder writable`,
      { cause },
    );
  }
  return err instanceof StorageError ? err : new StorageError(path, cause, 'nothing was attacked yet');
}

function errnoCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
