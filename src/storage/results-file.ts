/** @module Reading results.jsonl back: record by record, and repairing a torn last line left by a crash. */
import { closeSync, ftruncateSync, openSync, readSync, statSync } from 'node:fs';
import type { ResultRecord } from '../contracts/record.js';
import { ConfigError } from '../core/errors.js';

const CHUNK = 1 << 20;

/**
 * Calls `fn` for every record of a results file (with its 1-based line number), reading it in 1 MiB chunks so a
 * 100,000-record campaign is never held in memory whole; a corrupt line is an error naming file and line.
 */
export function forEachRecord(path: string, fn: (r: ResultRecord, line: number) => void): void {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(CHUNK);
  let carry = Buffer.alloc(0);
  let line = 0;
  const handle = (bytes: Buffer): void => {
    line++;
    const s = bytes.toString('utf8');
    if (s.trim() === '') return;
    let r: ResultRecord;
    try {
      r = JSON.parse(s) as ResultRecord;
    } catch (err) {
      throw new ConfigError(`${path}:${line}: corrupt record (${(err as Error).message}); not resuming over it`);
    }
    fn(r, line);
  };
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, CHUNK, null);
      if (n === 0) break;
      let data = carry.length > 0 ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      let start = 0;
      for (let nl = data.indexOf(0x0a, start); nl >= 0; nl = data.indexOf(0x0a, start)) {
        handle(data.subarray(start, nl));
        start = nl + 1;
      }
      carry = Buffer.from(data.subarray(start));
      data = Buffer.alloc(0);
    }
    if (carry.length > 0) handle(carry);
  } finally {
    closeSync(fd);
  }
}

/**
 * Calls `fn` for the record that counts for each example: the last one with its id. An example retried by
 * `--retry-errored` gets a new record appended after its `errored` one, which stays in the file (it is append-only).
 * Two passes, so only the ids are held in memory, never the records.
 */
export function forEachLatestRecord(path: string, fn: (r: ResultRecord) => void): void {
  const lastLine = new Map<string, number>();
  forEachRecord(path, (r, line) => lastLine.set(r.id, line));
  forEachRecord(path, (r, line) => {
    if (lastLine.get(r.id) === line) fn(r);
  });
}

/** Records are written whole and end with a newline, so anything after the last newline is a torn write. */
export function cutTornTail(path: string): number {
  const size = statSync(path).size;
  if (size === 0) return 0;
  const fd = openSync(path, 'r+');
  try {
    // Look back from the end for the last newline, a chunk at a time.
    let end = size;
    let keep = 0;
    const buf = Buffer.alloc(Math.min(CHUNK, size));
    while (end > 0) {
      const start = Math.max(0, end - buf.length);
      const n = readSync(fd, buf, 0, end - start, start);
      const nl = buf.subarray(0, n).lastIndexOf(0x0a);
      if (nl >= 0) {
        keep = start + nl + 1;
        break;
      }
      end = start;
    }
    if (keep === size) return 0;
    ftruncateSync(fd, keep);
    return size - keep;
  } finally {
    closeSync(fd);
  }
}
