// Test helper: mean, standard error and z-score of PMC sums.

export interface SampleSums {
  readonly samples: number;
  readonly sum: number;
  readonly sumSquares: number;
}

export interface SampleStatistics {
  readonly mean: number;
  readonly standardError: number;
}

export function summarize(sums: SampleSums): SampleStatistics {
  const n = sums.samples;
  const mean = sums.sum / n;
  const variance = Math.max(0, (sums.sumSquares - n * mean * mean) / (n - 1));
  return { mean, standardError: Math.sqrt(variance / n) };
}

/** (mean - exact) / standard error; 0 when both agree to 1e-12 relative with a zero standard error. */
export function zScore(statistics: SampleStatistics, exact: number): number {
  const difference = statistics.mean - exact;
  if (statistics.standardError <= 1e-14 * Math.abs(statistics.mean)) {
    return Math.abs(difference) <= 1e-12 * Math.abs(exact) ? 0 : Infinity;
  }
  return difference / statistics.standardError;
}
