/**
 * @module Append-only JSONL writer. Each record reaches the file (the kernel) whole, with one write call, before
 * `append` returns, so a crash of the process (kill -9, out of memory) can at worst leave one torn last line, never
 * lose a record that was reported as done. Syncing to the disk itself, which only matters if the whole machine goes
 * down, runs in the background, one fsync at a time, covering everything written before it started; `close` syncs
 * the rest. A synchronous fsync per record held the campaign's main thread for 0.1-0.4 ms a record, while the
 * workers waited for their next example (experiments/results/bench.md). After a machine crash, the records of the
 * last fsync's interval may be missing and `--resume` attacks those examples again.
 */
import { closeSync, fsync, fsyncSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { setupWriteError, StorageError } from './errors.js';

export class JsonlWriter {
  private fd: number | null;
  /** Records appended by this writer. */
  written = 0;
  /** A background fsync is running. */
  private syncing = false;
  /** Records were written after the running fsync started. */
  private dirty = false;
  /** The fd to close once the running fsync returns (close() was called meanwhile). */
  private closeAfterSync: number | null = null;
  /** A background fsync failed: reported by the next append or close. */
  private syncError: unknown = null;

  /** `backgroundSync` is fs.fsync; tests pass one that fails, to check what a failed sync reports. */
  constructor(
    readonly path: string,
    private readonly backgroundSync: (fd: number, done: (err: NodeJS.ErrnoException | null) => void) => void = fsync,
  ) {
    try {
      this.fd = openSync(path, 'a');
    } catch (err) {
      // Opened before the first record: a folder that cannot be written is a setup problem.
      throw setupWriteError(dirname(path), path, err);
    }
  }

  private safe(): string {
    return `the ${this.written} record(s) written before are safe`;
  }

  append(record: unknown): void {
    if (this.fd === null) throw new Error(`JSONL writer for ${this.path} is closed`);
    if (this.syncError !== null) throw new StorageError(this.path, this.syncError, this.safe());
    const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    let off = 0;
    try {
      while (off < line.length) off += writeSync(this.fd, line, off);
    } catch (err) {
      throw new StorageError(this.path, err, this.safe());
    }
    this.written++;
    this.syncInBackground();
  }

  private syncInBackground(): void {
    if (this.syncing) {
      this.dirty = true;
      return;
    }
    const fd = this.fd;
    if (fd === null) return;
    this.syncing = true;
    this.dirty = false;
    this.backgroundSync(fd, (err) => {
      this.syncing = false;
      if (this.closeAfterSync !== null) {
        closeSync(this.closeAfterSync);
        this.closeAfterSync = null;
        return;
      }
      // Character devices and some file systems cannot fsync; the write itself already succeeded or failed.
      if (err !== null && err.code !== 'EINVAL' && err.code !== 'ENOTSUP') this.syncError ??= err;
      if (this.dirty) this.syncInBackground();
    });
  }

  /** Syncs what is left and closes the file; throws a StorageError if a sync failed. */
  close(): void {
    const fd = this.fd;
    if (fd === null) return;
    this.fd = null;
    let failure = this.syncError;
    try {
      fsyncSync(fd);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EINVAL' && code !== 'ENOTSUP') failure ??= err;
    }
    // A background fsync still running on this fd: closing now could let the number be reused under it.
    if (this.syncing) this.closeAfterSync = fd;
    else closeSync(fd);
    if (failure !== null) throw new StorageError(this.path, failure, this.safe());
  }
}
