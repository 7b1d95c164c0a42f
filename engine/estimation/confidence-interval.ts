// Confidence intervals that stay valid near 0 and 1: Clopper-Pearson for binomial counts, and a normal interval
// for means of unbiased per-sample estimates (rare-event estimators), clamped to [0, 1].

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
  const lower = successes === 0 ? 0 : jStat.beta.inv(alpha / 2, successes, trials - successes + 1);
  const upper = successes === trials ? 1 : jStat.beta.inv(1 - alpha / 2, successes + 1, trials - successes);
  return { estimate, lower: Math.min(lower, estimate), upper: Math.max(upper, estimate) };
}

/**
 * Normal-approximation interval for the mean of n i.i.d. unbiased estimates given their sum and sum of squares,
 * clamped to [0, 1]. Valid for rare-event estimators whose per-sample estimates have bounded relative error.
 */
export function meanInterval(sum: number, sumSquares: number, samples: number): EstimateInterval & { variance: number } {
  if (!(samples >= 1)) throw new RangeError(`need samples >= 1, got ${samples}`);
  const mean = sum / samples;
  // Unbiased sample variance; max(0, .) guards the rounding of sumSquares - n * mean^2.
  const variance = samples > 1 ? Math.max(0, (sumSquares - samples * mean * mean) / (samples - 1)) : 0;
  const halfWidth = Z_95 * Math.sqrt(variance / samples);
  return {
    estimate: mean,
    lower: Math.max(0, mean - halfWidth),
    upper: Math.min(1, mean + halfWidth),
    variance,
  };
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
