/**
 * @module McNemar's paired test on two models' per-example outcomes. With b and c the discordant counts (robust
 * under A only, under B only): exact two-sided binomial test when b + c < 25, else the chi-square statistic with
 * Edwards' continuity correction, (|b - c| - 1)^2 / (b + c), on 1 degree of freedom.
 */

export type McNemarMethod = 'exact-binomial' | 'chi-square-cc';

export interface McNemarResult {
  readonly b: number;
  readonly c: number;
  readonly method: McNemarMethod;
  /** The chi-square statistic; null for the exact test. */
  readonly statistic: number | null;
  readonly pValue: number;
}

/** Discordant pairs below which the exact test is used (the usual rule: the chi-square approximation needs ~25). */
export const EXACT_BELOW = 25;

export function mcnemar(b: number, c: number, exactBelow = EXACT_BELOW): McNemarResult {
  if (!Number.isInteger(b) || !Number.isInteger(c) || b < 0 || c < 0) throw new RangeError(`bad counts ${b}, ${c}`);
  const n = b + c;
  if (n < exactBelow)
    return { b, c, method: 'exact-binomial', statistic: null, pValue: exactBinomialTwoSided(Math.min(b, c), n) };
  const statistic = Math.max(0, Math.abs(b - c) - 1) ** 2 / n;
  return { b, c, method: 'chi-square-cc', statistic, pValue: chiSquare1Sf(statistic) };
}

/** P(X <= k or X >= n - k) for X ~ Binomial(n, 1/2), k <= n/2: twice the lower tail, capped at 1. */
export function exactBinomialTwoSided(k: number, n: number): number {
  if (n === 0) return 1;
  // C(n, i) / 2^n accumulated in log space, so large n stays finite.
  let logTerm = -n * Math.LN2;
  let tail = Math.exp(logTerm);
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log((n - i + 1) / i);
    tail += Math.exp(logTerm);
  }
  return Math.min(1, 2 * tail);
}

/** Upper tail of the chi-square distribution with 1 degree of freedom: P(X > x) = erfc(sqrt(x / 2)). */
export function chiSquare1Sf(x: number): number {
  if (x <= 0) return 1;
  return erfc(Math.sqrt(x / 2));
}

/**
 * Complementary error function to ~1e-14: the Maclaurin series of erf below 2, the continued fraction
 * erfc(z) = exp(-z^2)/sqrt(pi) / (z + (1/2)/(z + 1/(z + (3/2)/(z + ...)))) above.
 */
export function erfc(z: number): number {
  if (z < 0) return 2 - erfc(-z);
  if (z < 2) {
    let term = z;
    let sum = z;
    for (let n = 1; n < 100; n++) {
      term *= (-z * z) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // Modified Lentz evaluation of the continued fraction z + a1/(z + a2/(z + ...)), a_k = k/2.
  const tiny = 1e-300;
  let f = z;
  let C = z;
  let D = 0;
  for (let k = 1; k < 300; k++) {
    const a = k / 2;
    D = z + a * D;
    D = Math.abs(D) < tiny ? 1 / tiny : 1 / D;
    C = z + a / C;
    if (Math.abs(C) < tiny) C = tiny;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
}
