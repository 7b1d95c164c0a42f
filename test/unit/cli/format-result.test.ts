import { describe, expect, it } from 'vitest';
import {
  formatDowntimeInterval,
  formatNinesInterval,
  formatUnavailabilityInterval,
} from '../../../cli/internal/format-result.ts';

describe('formatUnavailabilityInterval', () => {
  it('gives a 2.6% interval enough digits that its bounds differ', () => {
    // u = 1.1e-5 with a 2.6% relative half-width: at two digits both bounds read 1.1e-5.
    expect(formatUnavailabilityInterval({ estimate: 1.1e-5, lower: 1.0714e-5, upper: 1.1286e-5 })).toBe(
      '[1.07e-5, 1.13e-5]',
    );
    expect(formatUnavailabilityInterval({ estimate: 2e-6, lower: 1e-6, upper: 4e-6 })).toBe('[1.0e-6, 4.0e-6]');
    expect(formatUnavailabilityInterval({ estimate: 0, lower: 0, upper: 0 })).toBe('[0, 0]');
  });
});

describe('formatDowntimeInterval and formatNinesInterval', () => {
  it('show the interval in one unit, with digits enough to tell the bounds apart', () => {
    expect(formatDowntimeInterval({ estimate: 5.786, lower: 5.635, upper: 5.937 })).toBe('[5.6, 5.9] min');
    expect(formatDowntimeInterval({ estimate: 5.786, lower: 5.77, upper: 5.8 })).toBe('[5.77, 5.80] min');
    expect(formatNinesInterval({ estimate: 4.96, lower: 4.949, upper: 4.971 })).toBe('[4.9, 5.0]');
    expect(formatNinesInterval({ estimate: 4.96, lower: 4.951, upper: 4.969 })).toBe('[4.95, 4.97]');
  });
});
