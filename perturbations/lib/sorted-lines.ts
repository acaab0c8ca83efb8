/**
 * @module Binary search in a sorted text file held as one string, the way `look(1)` does: WordNet's index files are
 * sorted by their first field, so a lemma's line is found in O(log n) without building a map of every line (which
 * cost every worker thread time and heap for words it never asks about).
 */

/**
 * Start of the first line of `text` that sorts at or after `key` (`text.length` when none). Lines before it must all
 * sort before `key` and lines from it on at or after it, which holds for a sorted file; WordNet's licence header lines
 * start with spaces and so sort before any lemma.
 */
export function firstLineAtOrAfter(text: string, key: string): number {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = text.lastIndexOf('\n', mid - 1) + 1;
    if (text.slice(start, start + key.length) < key) {
      const end = text.indexOf('\n', start);
      lo = end < 0 ? text.length : end + 1;
    } else {
      hi = start;
    }
  }
  return lo;
}

/** The lines of `text` that start with `prefix`, in file order (a sorted file keeps them together). */
export function* linesStartingWith(text: string, prefix: string): Generator<string> {
  if (prefix === '') throw new RangeError('linesStartingWith: empty prefix');
  for (let start = firstLineAtOrAfter(text, prefix); start < text.length && text.startsWith(prefix, start); ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    yield text.slice(start, end);
    start = end + 1;
  }
}
