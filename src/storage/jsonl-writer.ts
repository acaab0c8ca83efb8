/**
 * @module Append-only JSONL writer. Each record is written whole with one write call and synced to disk before
 * `append` returns, so a crash can at worst leave one torn last line, never lose a record that was reported as done.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

export class JsonlWriter {
  private fd: number | null;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
  }

  append(record: unknown): void {
    if (this.fd === null) throw new Error(`JSONL writer for ${this.path} is closed`);
    const line = Buffer.from(JSON.stringify(record) + '\n', 'utf8');
    let off = 0;
    while (off < line.length) off += writeSync(this.fd, line, off);
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
