import { describe, expect, it } from 'vitest';
import type { ResultDocument } from '../../../app/index.ts';
import {
  formatDemandServed,
  formatDowntimeInterval,
  formatNinesInterval,
  formatResultSummary,
  formatUnavailabilityInterval,
} from '../../../cli/internal/format-result.ts';
import { interval, makeResultDocument } from '../reports/export/export-fixtures.ts';

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

describe('formatDemandServed', () => {
  /** The export fixture with a served fraction for s2 in every scenario (s1 reports none). */
  function withServed(scenarioCount: number): ResultDocument {
    const doc = makeResultDocument();
    const served = [interval(0.99938, 0.00013), interval(0.5, 0.01), interval(0, 0.00438)];
    return {
      ...doc,
      scenarios: doc.scenarios.slice(0, scenarioCount).map((scenario, i) => ({
        ...scenario,
        services: scenario.services.map((e) => (e.serviceId === 's2' ? { ...e, demandServed: served[i] } : e)),
      })),
    };
  }

  it('gives one row per reporting service and one column per scenario, and says where the intervals are', () => {
    const lines = formatDemandServed(withServed(3)).split('\n');
    expect(lines[0]).toMatch(/^service \\ scenario\s+#1\s+#2\s+#3$/);
    expect(lines.filter((line) => line.startsWith('s'))).toEqual([
      'service \\ scenario      #1      #2     #3',
      's2                  99.938  50.000  0.000',
    ]);
    expect(lines.some((line) => line.includes('result.json'))).toBe(true);
  });

  it('shows the estimate with its interval when there is one scenario, and nothing when no service reports one', () => {
    expect(formatDemandServed(withServed(1)).split('\n')[2]).toBe('s2         99.938  [99.925, 99.951]');
    expect(formatDemandServed(makeResultDocument())).toBe('');
  });

  it('prints one table after the availability matrix in the summary, not a line per service and scenario', () => {
    const summary = formatResultSummary(withServed(3));
    const matrixAt = summary.indexOf('Availability (%) by scenario');
    expect(summary.indexOf('Expected fraction of demand or traffic served')).toBeGreaterThan(matrixAt);
    expect(summary).not.toContain('baseline / s2');
  });
});
