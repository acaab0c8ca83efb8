/**
 * @module Append-only JSONL writer. Each record is written whole with one write call and synced to disk before
 * `append` returns, so a crash can at worst leave one torn last line, never lose a record that was reported as done.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

/** Writing a record failed (full disk, lost mount): names the file and how many records are safe in it. */
export class StorageError extends Error {
  readonly code = 'QUIVER_STORAGE';
  constructor(
    readonly path: string,
    readonly saved: number,
    cause: unknown,
  ) {
    super(`cannot write to ${path}: ${(cause as Error).message}; the ${saved} record(s) written before are safe`, { cause });
    this.name = 'StorageError';
  }
}

export class JsonlWriter {
  private fd: number | null;
  /** Records appended by this writer. */
  written = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
  }

  append(record: unknown): void {
    if (this.fd === null) throw new Error(`JSONL writer for ${this.path} is closed`);
    const line = Buffer.from(JSON.stringify(record) + '\n', 'utf8');
    let off = 0;
    try {
      while (off < line.length) off += writeSync(this.fd, line, off);
      fsyncSync(this.fd);
    } catch (err) {
      throw new StorageError(this.path, this.written, err);
    }
    this.written++;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
