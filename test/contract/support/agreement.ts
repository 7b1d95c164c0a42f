// The statistical acceptance rules of the contract suite: a count must be a plausible binomial draw of the exact
// probability (exact two-sided tail, no normal approximation, so rare and certain events are judged correctly), and
// a mean of unbiased per-sample estimates must lie within a fixed number of its standard errors of the exact value.

/** Standard errors a mean may lie from the exact value (two-sided 6.8e-6 under normality). */
export const STANDARD_ERRORS = 4.5;

/** The two-sided tail probability matching {@link STANDARD_ERRORS}: 2 (1 - Φ(4.5)). */
export const COUNT_ALPHA = 6.8e-6;

/**
 * Two-sided exact binomial tail: 2 min(P(X <= x), P(X >= x)) for X ~ Binomial(n, p), capped at 1. Terms are
 * summed outward from x by their ratio, in log space at the start (no cancellation, no special functions).
 */
export function binomialTwoSidedTail(x: number, n: number, p: number): number {
  if (p <= 0) return x === 0 ? 1 : 0;
  if (p >= 1) return x === n ? 1 : 0;
  const logPmf = logBinomial(n, x) + x * Math.log(p) + (n - x) * Math.log1p(-p);
  const odds = p / (1 - p);
  // Upper tail: terms k = x, x + 1, ... with pmf(k + 1) = pmf(k) (n - k) / (k + 1) * odds.
  let upper = 0;
  let term = Math.exp(logPmf);
  for (let k = x; k <= n; k++) {
    upper += term;
    if (k > n * p && term < upper * 1e-17) break;
    term *= ((n - k) / (k + 1)) * odds;
  }
  let lower = 0;
  term = Math.exp(logPmf);
  for (let k = x; k >= 0; k--) {
    lower += term;
    if (k < n * p && term < lower * 1e-17) break;
    term *= k / (n - k + 1) / odds;
  }
  return Math.min(1, 2 * Math.min(upper, lower));
}

/** ln C(n, k) by a sum of logarithms over the shorter side (exact enough for n up to a few million). */
function logBinomial(n: number, k: number): number {
  const m = Math.min(k, n - k);
  let total = 0;
  for (let i = 1; i <= m; i++) total += Math.log((n - m + i) / i);
  return total;
}

/** Why a count disagrees with the exact probability, or null when it is plausible at level `alpha`. */
export function judgeCount(count: number, samples: number, exact: number, alpha = COUNT_ALPHA): string | null {
  const tail = binomialTwoSidedTail(count, samples, exact);
  return tail >= alpha ? null : `${count}/${samples} = ${count / samples} vs exact ${exact} (two-sided tail ${tail})`;
}

/** Mean and standard error of n per-sample values given their sum and sum of squares. */
export function summarizeMean(
  sum: number,
  sumSquares: number,
  samples: number,
): { mean: number; standardError: number } {
  const mean = sum / samples;
  const variance = samples > 1 ? Math.max(0, (sumSquares - samples * mean * mean) / (samples - 1)) : 0;
  return { mean, standardError: Math.sqrt(variance / samples) };
}

/**
 * Why a mean disagrees with the exact value, or null when it lies within `standardErrors` of its standard errors
 * (with a zero standard error it must equal the exact value to rounding).
 */
export function judgeMean(
  sum: number,
  sumSquares: number,
  samples: number,
  exact: number,
  standardErrors = STANDARD_ERRORS,
  boundedByExact = false,
): string | null {
  const summary = summarizeMean(sum, sumSquares, samples);
  const mean = summary.mean;
  // Values in [0, 1] with mean `exact` have variance at most exact (1 - exact): the spread a few rare events cannot show.
  const standardError = boundedByExact
    ? Math.max(summary.standardError, Math.sqrt(Math.max(0, exact * (1 - exact)) / samples))
    : summary.standardError;
  if (sum === 0 && sumSquares === 0 && exact > 0 && exact < 1) {
    // Every value was 0: no spread to judge by. Per-sample values lie in [0, 1] (fractions of time, unbiased
    // probability estimates), so P(X > 0) >= E[X] = exact and P(all n are 0) <= (1 - exact)^n: disagreement only
    // when that bound is below the count test's level (a rare service over few simulated years is plausible).
    const bound = Math.exp(samples * Math.log1p(-exact));
    return bound >= COUNT_ALPHA ? null : `all ${samples} values 0 vs exact ${exact} (P(all 0) <= ${bound})`;
  }
  const slack = 1e-9 * Math.abs(exact) + 1e-15;
  const ok = Math.abs(mean - exact) <= standardErrors * standardError + slack;
  return ok ? null : `mean ${mean} ± ${standardError} (n = ${samples}) vs exact ${exact}`;
}
