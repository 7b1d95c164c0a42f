// Comparing a result with an earlier one: change verdicts from non-overlapping CIs, SPOFs added and removed.

import { describe, expect, it } from 'vitest';
import type { ResultDocument, ServiceEstimate } from '../../../../engine/index.ts';
import { diffAgainstBaseline, judgeChange } from '../../../../reports/internal/baseline-diff.ts';
import { buildChangesText } from '../../../../reports/outline/section-text.ts';
import { buildTables } from '../../../../reports/tables/build-tables.ts';
import { loadFixture } from '../support/report-fixtures.ts';

function estimate(estimate: number, lower: number, upper: number): ServiceEstimate {
  const base = loadFixture('minimal').scenarios[0]?.services[0];
  if (base === undefined) throw new Error('fixture has no estimate');
  return { ...base, unavailability: { estimate, lower, upper } };
}

describe('judgeChange', () => {
  it('needs non-overlapping 95% CIs for better or worse', () => {
    expect(judgeChange(estimate(2e-5, 1.8e-5, 2.2e-5), estimate(1e-5, 0.9e-5, 1.1e-5))).toBe('better');
    expect(judgeChange(estimate(1e-5, 0.9e-5, 1.1e-5), estimate(2e-5, 1.8e-5, 2.2e-5))).toBe('worse');
    expect(judgeChange(estimate(1e-5, 0.8e-5, 1.2e-5), estimate(1.1e-5, 0.9e-5, 1.3e-5))).toBe('within uncertainty');
    expect(judgeChange(estimate(1, 1, 1), estimate(1, 1, 1))).toBe('unchanged');
  });
});

describe('diffAgainstBaseline', () => {
  it('finds new and removed single points of failure and unmatched scenarios', () => {
    const diff = diffAgainstBaseline(loadFixture('current'), loadFixture('previous'));
    expect(diff.modelChanged).toBe(true);
    expect(diff.newSinglePoints).toEqual([{ serviceId: 'logistics', elementId: 'platform-vendor-a' }]);
    expect(diff.removedSinglePoints).toEqual([{ serviceId: 'zeeland', elementId: 'wdt-vls' }]);
    expect(diff.addedScenarios).toEqual(['sabotage-2']);
    expect(diff.changes).toHaveLength(8);
  });

  it('leaves out a scenario whose figures mean something else in the other run (an event year against while it lasts)', () => {
    const previous = loadFixture('previous');
    const plain = loadFixture('current');
    const simulation = plain.timeSimulation;
    if (simulation === null) throw new Error('the current fixture has a time simulation');
    // The same time simulation, saying how it simulated power-nh: struck at the start of every simulated year.
    const current = {
      ...plain,
      timeSimulation: {
        ...simulation,
        scenarios: [
          { scenarioId: 'power-nh', years: simulation.years, forcedEvents: 'start' as const, forcedEventsPerYear: null, services: simulation.services, crews: [] },
        ],
      },
    };
    const compared = diffAgainstBaseline(plain, previous);
    const diff = diffAgainstBaseline(current, previous);
    expect(compared.differentReadings).toEqual([]);
    expect(diff.differentReadings).toEqual([{ scenarioId: 'power-nh', previous: 'conditional', current: 'event-year' }]);
    expect(diff.changes.some((c) => c.scenarioId === 'power-nh')).toBe(false);
    expect(diff.changes).toEqual(compared.changes.filter((c) => c.scenarioId !== 'power-nh'));
    expect(compared.changes.some((c) => c.scenarioId === 'power-nh')).toBe(true);
    // The changes table compares what the text compares: power-nh has no row, the others as before.
    const rowsOf = (d: ResultDocument) =>
      buildTables(d, previous).find((t) => t.name === 'baseline-changes')?.rows.map((r) => r[0]) ?? [];
    const powerName = plain.scenarios.find((s) => s.id === 'power-nh')?.name;
    expect(rowsOf(plain)).toContain(powerName);
    expect(rowsOf(current)).not.toContain(powerName);
    expect(rowsOf(current)).toEqual(rowsOf(plain).filter((name) => name !== powerName));
    // The report's changes section says why the scenario is missing.
    expect(JSON.stringify(buildChangesText(current, previous).blocks)).toMatch(
      /\(the earlier run gives its figures while the event lasts, this run in a year the event strikes\)/,
    );
  });

  it('says single points cannot be compared when a run lacks the cut-set analysis', () => {
    const diff = diffAgainstBaseline(loadFixture('current'), { ...loadFixture('previous'), cutSets: null });
    expect(diff.singlePointsComparable).toBe(false);
    expect(diff.newSinglePoints).toEqual([]);
  });
});
