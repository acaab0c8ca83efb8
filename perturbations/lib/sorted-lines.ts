/**
 * @module Binary search in a sorted text file held as bytes, the way `look(1)` does: WordNet's index files are sorted
 * by their first field, so a lemma's line is found in O(log n) without building a map of every line (which cost
 * every worker thread time and heap for words it never asks about). The bytes are the file as read (one byte per
 * character, as latin1), so a campaign's workers can all search one shared copy (src/nlp/shared-files.ts) instead
 * of each turning it into a string.
 */

const NEWLINE = 0x0a;

/**
 * Compares the bytes of `bytes` from `start` with `key`, character by character as latin1 text, over at most
 * `key.length` bytes: negative when they sort before `key`, 0 when they start with it, positive after.
 */
function compareAt(bytes: Buffer, start: number, key: string): number {
  const n = Math.min(key.length, bytes.length - start);
  for (let i = 0; i < n; i++) {
    const d = bytes[start + i]! - key.charCodeAt(i);
    if (d !== 0) return d;
  }
  return n - key.length;
}

/**
 * Start of the line holding byte `at` (`at` 0: the first line). A plain loop: lines are short (~50 bytes in WordNet's
 * indexes), and Buffer#lastIndexOf's call cost was most of a lookup's time in a campaign's profile.
 */
function lineStart(bytes: Buffer, at: number): number {
  let i = at;
  while (i > 0 && bytes[i - 1] !== NEWLINE) i--;
  return i;
}

/** Start of the line after the one holding byte `at` (`bytes.length` after the last line). */
function nextLineStart(bytes: Buffer, at: number): number {
  let i = at;
  while (i < bytes.length && bytes[i] !== NEWLINE) i++;
  return i < bytes.length ? i + 1 : bytes.length;
}

/**
 * Start of the first line of `bytes` that sorts at or after `key` (`bytes.length` when none). Lines before it must
 * all sort before `key` and lines from it on at or after it, which holds for a sorted file; WordNet's licence header
 * lines start with spaces and so sort before any lemma.
 */
export function firstLineAtOrAfter(bytes: Buffer, key: string): number {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const start = lineStart(bytes, (lo + hi) >>> 1);
    if (compareAt(bytes, start, key) < 0) {
      lo = nextLineStart(bytes, start);
    } else {
      hi = start;
    }
  }
  return lo;
}

/** The lines of `bytes` that start with `prefix`, in file order (a sorted file keeps them together). */
export function* linesStartingWith(bytes: Buffer, prefix: string): Generator<string> {
  if (prefix === '') throw new RangeError('linesStartingWith: empty prefix');
  for (let start = firstLineAtOrAfter(bytes, prefix); start < bytes.length && compareAt(bytes, start, prefix) === 0; ) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end < 0) end = bytes.length;
    yield bytes.toString('latin1', start, end);
    start = end + 1;
  }
}
