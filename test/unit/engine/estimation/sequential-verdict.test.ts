// Unit tests of the sequential verdict: the look schedule, the alpha-spending and the verdict at a look.

import { describe, expect, it } from 'vitest';
import {
  clopperPearsonInterval,
  countVerdictLooksBefore,
  decideVerdict,
  estimateUnavailabilityInterval,
  meanInterval,
  VERDICT_ALPHA,
  verdictLookAlpha,
  verdictLookIndex,
  type ServiceAggregate,
} from '../../../../engine/index.ts';

function crude(down: number, samples: number): ServiceAggregate {
  return { kind: 'crude', estimator: 'crude', samples, sum: down, sumSquares: down, servedEndpoints: -1 };
}

describe('verdictLookIndex', () => {
  it('looks at the distinct ceilings of sqrt(2)^i batches from the first look', () => {
    const looks = Array.from({ length: 40 }, (_, k) => k + 1).filter((k) => verdictLookIndex(k) !== null);
    expect(looks).toEqual([1, 2, 3, 4, 6, 8, 12, 16, 23, 32]);
    expect(looks.map((k) => verdictLookIndex(k))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('starts at the first look and scales the schedule with it', () => {
    expect(verdictLookIndex(19, 20)).toBeNull();
    expect(verdictLookIndex(20, 20)).toBe(0);
    expect(verdictLookIndex(29, 20)).toBe(1);
    expect(verdictLookIndex(40, 20)).toBe(2);
    expect(verdictLookIndex(30, 20)).toBeNull();
  });

  it('counts the looks before a prefix and names the next one', () => {
    expect(countVerdictLooksBefore(5)).toEqual({ count: 4, at: 6 });
    expect(countVerdictLooksBefore(6)).toEqual({ count: 4, at: 6 });
    expect(() => countVerdictLooksBefore(5, 0)).toThrow(RangeError);
  });

  it('rejects prefixes that are not whole batches', () => {
    expect(verdictLookIndex(0)).toBeNull();
    expect(verdictLookIndex(2.5)).toBeNull();
  });
});

describe('verdictLookAlpha', () => {
  it('spends a decreasing level at each look, adding up to at most alpha over any number of looks', () => {
    let total = 0;
    let decreasing = true;
    for (let j = 0; j < 10_000; j++) {
      const a = verdictLookAlpha(j);
      if (j > 0 && !(a < verdictLookAlpha(j - 1))) decreasing = false;
      total += a;
    }
    expect(decreasing).toBe(true);
    expect(total).toBeLessThan(VERDICT_ALPHA);
    // The tail beyond 10,000 looks is about alpha (1e4)^-0.4 / (0.4 zeta(1.4)) = 0.02 alpha: the sum tends to alpha.
    expect(total).toBeGreaterThan(VERDICT_ALPHA * 0.97);
  });

  it('spends alpha / zeta(1.4) at the first look and scales with the total', () => {
    expect(verdictLookAlpha(0)).toBeCloseTo(0.05 / 3.1055472739965495, 12);
    expect(verdictLookAlpha(3, 0.1)).toBeCloseTo(2 * verdictLookAlpha(3), 15);
    expect(() => verdictLookAlpha(-1)).toThrow(RangeError);
  });
});

describe('estimateUnavailabilityInterval', () => {
  it("is the estimator's own interval at the level asked for", () => {
    expect(estimateUnavailabilityInterval(crude(30, 10_000), 0.001)).toEqual(clopperPearsonInterval(30, 10_000, 0.999));
    const weighted: ServiceAggregate = {
      kind: 'weighted',
      estimator: 'pmc',
      samples: 500,
      sum: 1e-3,
      sumSquares: 1e-8,
      sumCubes: 2e-13,
      servedEndpoints: -1,
    };
    const wide = estimateUnavailabilityInterval(weighted, 0.001);
    const ordinary = meanInterval(1e-3, 1e-8, 500, 2e-13);
    expect(wide.lower).toBeLessThan(ordinary.lower);
    expect(wide.upper).toBeGreaterThan(ordinary.upper);
  });
});

describe('decideVerdict', () => {
  it('says met when the whole interval lies at or below the limit, missed when above, else nothing', () => {
    // 100 of 100,000 down: u = 1e-3 with a relative half-width of about 20-30% at these levels.
    expect(decideVerdict(crude(100, 100_000), 2e-3, 0)).toBe('met');
    expect(decideVerdict(crude(100, 100_000), 5e-4, 0)).toBe('missed');
    expect(decideVerdict(crude(100, 100_000), 1.1e-3, 0)).toBeNull();
  });

  it('is more cautious at later looks (a smaller level each)', () => {
    // Just met at the first look, no longer at the 50th: the interval widened with the spending.
    const aggregate = crude(100, 100_000);
    const upperAtFirst = estimateUnavailabilityInterval(aggregate, verdictLookAlpha(0)).upper;
    expect(decideVerdict(aggregate, upperAtFirst, 0)).toBe('met');
    expect(decideVerdict(aggregate, upperAtFirst, 50)).toBeNull();
  });

  it('gives no verdict without samples', () => {
    expect(decideVerdict({ ...crude(0, 0), samples: 0 }, 0.5, 0)).toBeNull();
  });
});
