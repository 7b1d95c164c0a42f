// Number formatting for readers: availability percentages keep two significant digits of unavailability, small
// probabilities use scientific notation, downtime reads in min/yr or h/yr.

import { describe, expect, it } from 'vitest';
import {
  availabilityPercentDecimals,
  formatAvailability,
  formatAvailabilityInterval,
  formatCount,
  formatDateTime,
  formatDowntime,
  formatDowntimeInterval,
  formatDurationBin,
  formatNumber,
  formatPercentInterval,
  formatProbability,
  formatScientific,
  formatSigned,
  formatTarget,
  joinProse,
} from '../../../../reports/internal/format.ts';

describe('formatAvailability', () => {
  it('gives enough digits for two significant digits of unavailability', () => {
    expect(formatAvailability(0.99999688)).toBe('99.99969%');
    expect(formatAvailability(0.99)).toBe('99.0%');
    expect(formatAvailability(1 - 4.2e-9)).toBe('99.99999958%');
  });

  it('never rounds a non-perfect availability up to 100%', () => {
    expect(formatAvailability(1 - 1e-12, 4)).toBe('>99.9999%');
    expect(formatAvailability(1)).toBe('100%');
    expect(formatAvailability(0)).toBe('0%');
  });
});

describe('availabilityPercentDecimals', () => {
  it('takes the most decimals any value needs', () => {
    expect(availabilityPercentDecimals([0.999, 0.99999])).toBe(4);
    expect(availabilityPercentDecimals([1])).toBe(1);
  });
});

describe('formatAvailabilityInterval', () => {
  it('formats estimate and bounds with one shared number of decimals', () => {
    expect(formatAvailabilityInterval({ estimate: 0.9999969, lower: 0.9999962, upper: 0.99999755 })).toBe(
      '99.99969% (95% CI 99.99962–99.99976%)',
    );
    expect(formatAvailabilityInterval({ estimate: 0.999, lower: 0.99, upper: 0.99995 })).toBe(
      '99.9000% (95% CI 99.0000–99.9950%)',
    );
  });

  it('prints a degenerate (deterministic) interval once', () => {
    expect(formatAvailabilityInterval({ estimate: 0, lower: 0, upper: 0 })).toBe('0%');
  });
});

describe('formatNumber', () => {
  it('never writes a whole number in exponent form ("CI 63–1.0e+2%" was a defect)', () => {
    expect(formatNumber(100, 2)).toBe('100');
    expect(formatNumber(99.96, 2)).toBe('100');
    expect(formatNumber(0.0421, 2)).toBe('0.042');
    expect(formatPercentInterval({ estimate: 0.8, lower: 0.63, upper: 1 })).toBe('80% (95% CI 63–100%)');
  });
});

describe('formatProbability', () => {
  it('uses scientific notation below 1e-3 and decimals from 1e-3', () => {
    expect(formatProbability(3.12e-6)).toBe('3.12 × 10⁻⁶');
    expect(formatProbability(1e-9)).toBe('1 × 10⁻⁹');
    expect(formatProbability(0.302)).toBe('0.302');
    expect(formatProbability(0.001)).toBe('0.001');
    expect(formatProbability(0)).toBe('0');
  });
});

describe('formatScientific', () => {
  it('keeps the requested significant digits and trims zeros', () => {
    expect(formatScientific(2.5e-7, 3)).toBe('2.5 × 10⁻⁷');
    expect(formatScientific(1.234e12, 2)).toBe('1.2 × 10¹²');
  });
});

describe('formatDowntime', () => {
  it('reads in minutes below two hours and in hours from two hours', () => {
    expect(formatDowntime(0.53)).toBe('0.53 min/yr');
    expect(formatDowntime(23.93)).toBe('23.9 min/yr');
    expect(formatDowntime(120)).toBe('2 h/yr');
    expect(formatDowntime(525_960)).toBe('8,770 h/yr');
  });
});

describe('formatDowntimeInterval', () => {
  it('shares the unit when both bounds have it', () => {
    expect(formatDowntimeInterval({ estimate: 1.3, lower: 1.2, upper: 1.4 })).toBe(
      '1.3 min/yr (95% CI 1.2–1.4 min/yr)',
    );
    expect(formatDowntimeInterval({ estimate: 130, lower: 100, upper: 150 })).toBe(
      '2.17 h/yr (95% CI 100 min/yr – 2.5 h/yr)',
    );
  });
});

describe('formatTarget', () => {
  it('drops trailing zeros', () => {
    expect(formatTarget(0.999999)).toBe('99.9999%');
    expect(formatTarget(0.99995)).toBe('99.995%');
    expect(formatTarget(0.9)).toBe('90%');
  });
});

describe('formatSigned', () => {
  it('writes an explicit sign', () => {
    expect(formatSigned(1.67e-6)).toBe('+1.67 × 10⁻⁶');
    expect(formatSigned(-0.5)).toBe('−0.5');
    expect(formatSigned(0)).toBe('0');
  });
});

describe('formatDurationBin', () => {
  it('labels duration bins compactly', () => {
    expect(formatDurationBin(0, 0.25)).toBe('< 15 min');
    expect(formatDurationBin(0.5, 1)).toBe('30 min–1 h');
    expect(formatDurationBin(1, 2)).toBe('1–2 h');
    expect(formatDurationBin(48, 168)).toBe('2–7 d');
  });
});

describe('formatCount, formatDateTime and joinProse', () => {
  it('group thousands, write UTC dates and join lists as prose', () => {
    expect(formatCount(2_000_000)).toBe('2,000,000');
    expect(formatDateTime('2026-10-05T14:32:10Z')).toBe('5 October 2026, 14:32 UTC');
    expect(joinProse(['a', 'b', 'c'])).toBe('a, b and c');
    expect(joinProse(['a'])).toBe('a');
  });
});
