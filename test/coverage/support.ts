// The CI coverage check of some cases (split over files so that vitest runs them on both cores).

import { describe, expect, it } from 'vitest';
import { CI_COVERAGE_SEEDS, listCoverageCases, measureCoverage } from './coverage-cases.ts';

/**
 * Checks the coverage of the cases whose index is in `indices` over CI_COVERAGE_SEEDS seeds: accepted only when
 * the binomial 99% band of the coverage contains 95% (an interval too short or too long fails alike).
 */
export function describeCoverage(indices: readonly number[]): void {
  const cases = listCoverageCases().filter((_, i) => indices.includes(i));
  describe('interval coverage against exact values', () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
      const result = measureCoverage(c, CI_COVERAGE_SEEDS);
      expect(result.seeds).toBe(CI_COVERAGE_SEEDS);
      expect(
        result.accepted,
        `coverage ${result.covered}/${result.seeds} (below ${result.below}, above ${result.above}), 99% band ` +
          `${result.band.lower.toFixed(3)}-${result.band.upper.toFixed(3)}`,
      ).toBe(true);
    });
  });
}
