/** @module Small statistics helpers: mean and a 95% confidence interval for a mean (Student's t). */

// Two-sided 95% critical values of Student's t for 1..30 degrees of freedom; beyond that the normal value.
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

export interface MeanWithCi {
  readonly mean: number | null;
  readonly ci95: [number, number] | null;
  readonly n: number;
}

/** Mean with a t-interval, clipped to [lo, hi] (stability scores live in [0, 1]). */
export function meanCi95(xs: readonly number[], lo = -Infinity, hi = Infinity): MeanWithCi {
  const m = mean(xs);
  if (m === null) return { mean: null, ci95: null, n: 0 };
  if (xs.length < 2) return { mean: m, ci95: [m, m], n: xs.length };
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  const sd = Math.sqrt(ss / (xs.length - 1));
  const t = T95[xs.length - 2] ?? 1.96;
  const half = (t * sd) / Math.sqrt(xs.length);
  return { mean: m, ci95: [Math.max(lo, m - half), Math.min(hi, m + half)], n: xs.length };
}

export function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}
