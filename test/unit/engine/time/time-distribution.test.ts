// Every time distribution (exponential, Weibull, lognormal, fixed) against its closed forms, one contract for all:
// the inversion sampler's mean and survival, the equilibrium residual's mean E[X^2] / (2 E[X]), and the file forms.
// The sampler is integrated deterministically over a midpoint grid of uniforms (no random numbers, no flakiness).

import { describe, expect, it } from 'vitest';
import {
  checkTimeDistribution,
  describeTimeDistribution,
  findTimeDistributionKind,
  gammaFunction,
  sampleResidualTime,
  sampleTime,
  TIME_DISTRIBUTION_KINDS,
  type TimeDistributionName,
} from '../../../../engine/time/index.ts';

interface Case {
  readonly name: TimeDistributionName;
  readonly meanHours: number;
  readonly shape: number;
  /** E[X^2] in hours^2. */
  readonly secondMoment: number;
}

const W_SCALE = 10;
const LN_MU = Math.log(8);
const CASES: readonly Case[] = [
  { name: 'exponential', meanHours: 10, shape: 0, secondMoment: 200 },
  {
    name: 'weibull',
    meanHours: W_SCALE * gammaFunction(1.5),
    shape: 2,
    secondMoment: W_SCALE * W_SCALE * gammaFunction(2),
  },
  { name: 'lognormal', meanHours: Math.exp(LN_MU + 0.5), shape: 1, secondMoment: Math.exp(2 * LN_MU + 2) },
  { name: 'fixed', meanHours: 12, shape: 0, secondMoment: 144 },
];

/** Midpoints of n equal strata of [0, 1). */
function grid(n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i + 0.5) / n);
}

describe('the time distributions', () => {
  it('covers every declared distribution', () => {
    expect(CASES.map((c) => c.name).sort()).toEqual(TIME_DISTRIBUTION_KINDS.map((k) => k.name).sort());
    expect(gammaFunction(1.5)).toBeCloseTo(Math.sqrt(Math.PI) / 2, 14);
  });

  describe.each(CASES)('$name', (c) => {
    const code = findTimeDistributionKind(c.name).code;
    const kind = TIME_DISTRIBUTION_KINDS[code];

    it('samples by inversion with the declared mean and survival function', () => {
      const values = grid(200_000).map((u) => sampleTime(code, c.meanHours, c.shape, u));
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      expect(Math.abs(mean / c.meanHours - 1)).toBeLessThan(2e-3);
      for (const t of [0.5 * c.meanHours, c.meanHours, 1.5 * c.meanHours, 3 * c.meanHours]) {
        const share = values.filter((x) => x > t).length / values.length;
        expect(Math.abs(share - kind.survival(c.meanHours, c.shape, t))).toBeLessThan(1e-4);
      }
      // Monotone in u: common random numbers keep a larger uniform a longer time.
      expect(sampleTime(code, c.meanHours, c.shape, 0.9)).toBeGreaterThanOrEqual(
        sampleTime(code, c.meanHours, c.shape, 0.1),
      );
    });

    it('draws the equilibrium residual with mean E[X^2] / (2 E[X])', () => {
      const us = grid(500);
      let sum = 0;
      for (const u1 of us) for (const u2 of us) sum += sampleResidualTime(code, c.meanHours, c.shape, u1, u2);
      const mean = sum / (us.length * us.length);
      expect(Math.abs(mean / (c.secondMoment / (2 * c.meanHours)) - 1)).toBeLessThan(5e-3);
    });

    it('accepts its mean and shape, and describes itself', () => {
      expect(checkTimeDistribution(code, c.meanHours, c.shape)).toBeNull();
      expect(checkTimeDistribution(code, -1, c.shape)).toMatch(/positive/);
      expect(describeTimeDistribution({ kind: c.name, meanHours: c.meanHours, shape: c.shape })).toMatch(
        new RegExp(`^${c.name}`, 'i'),
      );
    });
  });

  it('rejects shapes out of range', () => {
    expect(checkTimeDistribution(findTimeDistributionKind('weibull').code, 10, 0.05)).toMatch(/Weibull shape/);
    expect(checkTimeDistribution(findTimeDistributionKind('lognormal').code, 10, 6)).toMatch(/lognormal sigma/);
  });
});
