/**
 * @module Edit (Levenshtein) distance of two sequences: code units, code points or tokens, as the caller splits them.
 */

/** Fewest insertions, deletions and substitutions turning `x` into `y` (two rows, O(|x|·|y|) time). */
export function sequenceDistance<T>(x: ArrayLike<T>, y: ArrayLike<T>): number {
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  let cur = new Array<number>(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length]!;
}
