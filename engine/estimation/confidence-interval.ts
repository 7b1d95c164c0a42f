// Confidence intervals that stay valid near 0 and 1: Clopper-Pearson for binomial counts, and for means of unbiased
// per-sample estimates (rare-event estimators) a studentized interval with Hall's skewness correction, clamped to
// [0, 1].

import jStat from 'jstat';

/** Two-sided 95% normal quantile z_{0.975}. */
export const Z_95 = 1.959963984540054;

/** A point estimate with a two-sided confidence interval; lower <= estimate <= upper. */
export interface EstimateInterval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Clopper-Pearson ("exact") two-sided interval for a binomial proportion (Clopper and Pearson 1934): the
 * lower bound is the alpha/2 quantile of Beta(x, n - x + 1), the upper the 1 - alpha/2 quantile of
 * Beta(x + 1, n - x). Conservative: coverage is at least 1 - alpha for every p, including p near 0 and 1.
 * @param successes x, an integer in [0, n]
 * @param trials n, an integer >= 1
 * @param confidence 1 - alpha, in (0, 1); default 0.95
 */
export function clopperPearsonInterval(successes: number, trials: number, confidence = 0.95): EstimateInterval {
  if (!(trials >= 1) || !(successes >= 0) || successes > trials) {
    throw new RangeError(`need 0 <= successes <= trials and trials >= 1, got ${successes}/${trials}`);
  }
  const alpha = 1 - confidence;
  const estimate = successes / trials;
  const lower = successes === 0 ? 0 : computeBetaQuantile(alpha / 2, successes, trials - successes + 1);
  const upper = successes === trials ? 1 : computeBetaQuantile(1 - alpha / 2, successes + 1, trials - successes);
  return { estimate, lower: Math.min(lower, estimate), upper: Math.max(upper, estimate) };
}

/** Bisection steps on ln x in [-745, 0]: 2^-60 of the range, below double precision of the quantile's logarithm. */
const QUANTILE_BISECTION_STEPS = 60;

/**
 * The p-quantile of Beta(a, b), in [0, 1]. jStat's Newton iteration is used when it returns a value in [0, 1];
 * otherwise (it returns NaN for some fractional shapes, e.g. a = 0.005, which weighted or expected counts produce)
 * the quantile is found by bisection on ln x with jStat's Beta distribution function, 0 when it lies below
 * the smallest double.
 */
function computeBetaQuantile(p: number, a: number, b: number): number {
  const newton = jStat.beta.inv(p, a, b);
  if (newton >= 0 && newton <= 1) return newton;
  let low = -745;
  let high = 0;
  if (jStat.beta.cdf(Math.exp(low), a, b) >= p) return 0;
  for (let step = 0; step < QUANTILE_BISECTION_STEPS; step++) {
    const middle = (low + high) / 2;
    if (jStat.beta.cdf(Math.exp(middle), a, b) < p) low = middle;
    else high = middle;
  }
  return Math.exp((low + high) / 2);
}

/**
 * Below this the cube of the mean may be subnormal and the third moment loses its precision: the interval falls back
 * to the plain normal one (no rare-event estimate in this engine comes near it for u above 1e-100).
 */
const SMALLEST_CUBE = 1e-290;

/**
 * Interval for the mean of n i.i.d. unbiased estimates Y_i given Σ Y, Σ Y² and (optionally) Σ Y³, clamped to [0, 1].
 *
 * Rare-event estimates are right-skewed: most samples fall below the mean and a few far above it, so a sample that
 * missed the large values has both a low mean and a low variance, and the plain normal interval
 * `mean ± z s / sqrt(n)` then lies entirely below the truth more often than alpha/2 (89.7% coverage instead of 95%
 * for permutation Monte Carlo with node failures). With Σ Y³ the studentized mean `T = sqrt(n) (mean - u) / s` is
 * corrected for skewness by Hall's monotone transformation (Hall 1992, "On the removal of skewness by
 * transformation", JRSS B 54:221-228), which removes the n^{-1/2} term of T's Edgeworth expansion
 * `P(T <= x) = Φ(x) + n^{-1/2} γ (2x² + 1) φ(x) / 6 + O(1/n)`:
 * `g(T) = T + a T² + a² T³ / 3 + b = ((1 + a T)³ - 1) / (3a) + b`, with `a = γ / (3 sqrt(n))`, `b = γ / (6 sqrt(n))`
 * and γ the sample skewness, is N(0, 1) to O(1/n), so the interval is
 * `[mean - s/sqrt(n) g⁻¹(z), mean - s/sqrt(n) g⁻¹(-z)]`, `g⁻¹(y) = (cbrt(1 + 3a (y - b)) - 1) / a`: longer above
 * the mean than below when γ > 0. Without Σ Y³ (or when it would underflow) it is the normal interval.
 * @param sum Σ Y_i
 * @param sumSquares Σ Y_i² (>= 0)
 * @param samples n (>= 1)
 * @param sumCubes Σ Y_i³, or null for the normal interval
 * @param confidence 1 - alpha, in (0, 1); default 0.95 (the sequential verdict asks for higher levels)
 */
export function meanInterval(
  sum: number,
  sumSquares: number,
  samples: number,
  sumCubes: number | null = null,
  confidence = 0.95,
): EstimateInterval & { variance: number } {
  if (!(samples >= 1)) throw new RangeError(`need samples >= 1, got ${samples}`);
  const mean = sum / samples;
  // Unbiased sample variance; max(0, .) guards the rounding of sumSquares - n * mean^2.
  const variance = samples > 1 ? Math.max(0, (sumSquares - samples * mean * mean) / (samples - 1)) : 0;
  const standardError = Math.sqrt(variance / samples);
  const skewness = sumCubes === null ? 0 : computeSkewness(sum, sumSquares, sumCubes, samples);
  const a = skewness / (3 * Math.sqrt(samples));
  const b = skewness / (6 * Math.sqrt(samples));
  const inverse = (y: number): number => (a === 0 ? y - b : (Math.cbrt(1 + 3 * a * (y - b)) - 1) / a);
  const z = confidence === 0.95 ? Z_95 : normalQuantile(1 - (1 - confidence) / 2);
  const lower = mean - standardError * inverse(z);
  const upper = mean - standardError * inverse(-z);
  return {
    estimate: mean,
    lower: Math.max(0, Math.min(mean, lower)),
    upper: Math.min(1, Math.max(mean, upper)),
    variance,
  };
}

/**
 * The p-quantile of the standard normal distribution, p in (0, 1) (jStat's inverse of the error function).
 * @throws RangeError outside (0, 1)
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`need 0 < p < 1, got ${p}`);
  return jStat.normal.inv(p, 0, 1);
}

/**
 * Sample skewness `m3 / m2^{3/2}` (central moments with divisor n) from raw power sums; 0 when undefined (no spread,
 * fewer than 3 samples, or sums too small to hold a third moment).
 */
function computeSkewness(sum: number, sumSquares: number, sumCubes: number, samples: number): number {
  if (samples < 3) return 0;
  const mean = sum / samples;
  if (!(Math.abs(mean) ** 3 > SMALLEST_CUBE) || !Number.isFinite(sumCubes)) return 0;
  const m2 = sumSquares / samples - mean * mean;
  if (!(m2 > 0)) return 0;
  const m3 = sumCubes / samples - 3 * mean * (sumSquares / samples) + 2 * mean * mean * mean;
  const skewness = m3 / m2 ** 1.5;
  return Number.isFinite(skewness) ? skewness : 0;
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927); valid near 0 and 1, used inside Newcombe's
 * paired-difference interval.
 * @param successes x in [0, n]
 * @param trials n >= 1
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): EstimateInterval {
  if (!(trials >= 1) || !(successes >= 0) || successes > trials) {
    throw new RangeError(`need 0 <= successes <= trials and trials >= 1, got ${successes}/${trials}`);
  }
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { estimate: p, lower: Math.max(0, Math.min(p, centre - half)), upper: Math.min(1, Math.max(p, centre + half)) };
}
