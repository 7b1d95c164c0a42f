// Estimates from merged time statistics: normal intervals over years, widened by the exact Poisson interval.

import { describe, expect, it } from 'vitest';
import {
  createEmptyTimeServiceTally,
  estimateTimeFigures,
  HOURS_PER_YEAR,
  poissonInterval,
} from '../../../../engine/time/index.ts';

describe('poissonInterval', () => {
  it('matches the Garwood bounds', () => {
    expect(poissonInterval(0).upper).toBeCloseTo(-Math.log(0.025), 10);
    expect(poissonInterval(0).lower).toBe(0);
    // Garwood 95% for 10 events: [4.795, 18.39].
    expect(poissonInterval(10).lower).toBeCloseTo(4.795, 3);
    expect(poissonInterval(10).upper).toBeCloseTo(18.39, 2);
  });
});

describe('estimateTimeFigures', () => {
  it('gives [0, 3.69 / years] outages and a bounded downtime when nothing failed', () => {
    const f = estimateTimeFigures({ ...createEmptyTimeServiceTally(), years: 1000 }, 6);
    expect(f.outagesPerYear.estimate).toBe(0);
    expect(f.outagesPerYear.upper).toBeCloseTo(3.689 / 1000, 5);
    expect(f.downtimeMinutesPerYear.upper).toBeCloseTo((3.6889 / 1000) * 6 * 60, 2);
    expect(f.meanOutageHours).toBeNull();
    expect(f.fractionOverOneHour).toBeNull();
  });

  it('uses the normal interval over years when outages are common, and caps downtime at the year', () => {
    const years = 100;
    const tally = {
      ...createEmptyTimeServiceTally(),
      years,
      outageCount: 1000,
      outageCountSquares: 100 * 10 * 10 + 99 * 9,
      downtimeHours: years * HOURS_PER_YEAR,
      downtimeHoursSquares: years * HOURS_PER_YEAR * HOURS_PER_YEAR,
      outageHours: 2000,
      durationCounts: [0, 0, 0, 0, 0, 500, 500, 0, 0, 0, 0, 0, 0, 0],
    };
    const f = estimateTimeFigures(tally, 4);
    expect(f.outagesPerYear.estimate).toBe(10);
    expect(f.outagesPerYear.lower).toBeLessThan(10);
    expect(f.downtimeMinutesPerYear.upper).toBe(HOURS_PER_YEAR * 60);
    expect(f.downtimeFraction.estimate).toBe(1);
    expect(f.meanOutageHours).toBe(2);
    expect(f.fractionOverOneHour).toBe(1);
  });
});
