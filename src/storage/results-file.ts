/** @module Reading results.jsonl back: record by record, and repairing a torn last line left by a crash. */
import { closeSync, ftruncateSync, openSync, readFileSync, statSync } from 'node:fs';
import type { ResultRecord } from '../contracts/record.js';
import { ConfigError } from '../core/errors.js';

/** Calls `fn` for every record of a results file; a corrupt line is an error naming file and line. */
export function forEachRecord(path: string, fn: (r: ResultRecord) => void): void {
  const text = readFileSync(path, 'utf8');
  let start = 0;
  let line = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const s = text.slice(start, end);
    start = end + 1;
    if (s.trim() === '') continue;
    let r: ResultRecord;
    try {
      r = JSON.parse(s) as ResultRecord;
    } catch (err) {
      throw new ConfigError(`${path}:${line}: corrupt record (${(err as Error).message}); not resuming over it`);
    }
    fn(r);
  }
}

/** Records are written whole and end with a newline, so anything after the last newline is a torn write. */
export function cutTornTail(path: string): number {
  const size = statSync(path).size;
  if (size === 0) return 0;
  const buf = readFileSync(path);
  const last = buf.lastIndexOf(0x0a);
  const keep = last + 1;
  if (keep === size) return 0;
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, keep);
  } finally {
    closeSync(fd);
  }
  return size - keep;
}

