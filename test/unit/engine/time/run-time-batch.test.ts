// Golden checks of the time simulation against closed-form answers for alternating renewal processes, plus
// determinism. Fixed seeds; every estimate must lie within 3 standard errors of the exact value.

import { describe, expect, it } from 'vitest';
import {
  DURATION_BIN_COUNT,
  estimateTimeFigures,
  HOURS_PER_YEAR,
  runTimeBatch,
  type TimeServiceFigures,
} from '../../../../engine/time/index.ts';
import { compileTimeSimulation, loadInput, resolveJobOptions } from '../../../../scenarios/index.ts';
import { baselineScenario, buildPathModel, type PathLink, type TestGroup } from './time-models.ts';

/** Distance from `exact` in standard errors (SE from the upper half of a 95% interval). */
function errorsFrom(interval: { estimate: number; upper: number }, exact: number): number {
  return Math.abs(interval.estimate - exact) / ((interval.upper - interval.estimate) / 1.959963984540054);
}

function simulatePath(
  links: readonly PathLink[],
  groups: readonly TestGroup[],
  years: number,
  seed = '1',
): TimeServiceFigures {
  const model = buildPathModel(links, groups);
  const batch = runTimeBatch(model, baselineScenario(), seed, 0, years);
  return estimateTimeFigures(batch.services[0], 8);
}

/** Mean of an exponential with mean m censored at c: m (1 - exp(-c / m)). */
function censoredMean(mean: number, cap: number): number {
  return mean * (1 - Math.exp(-cap / mean));
}

describe('runTimeBatch', () => {
  it('single element: down fraction q, outage rate q / MTTR, mean outage MTTR, exponential durations', () => {
    const q = 0.1;
    const mttr = 4;
    const f = simulatePath([{ q, repairHours: mttr }], [], 300);
    expect(errorsFrom(f.downtimeFraction, q)).toBeLessThan(3);
    // Alternating renewal: outage frequency (1 - q) / MTBF = q / MTTR per hour.
    expect(errorsFrom(f.outagesPerYear, (q / mttr) * HOURS_PER_YEAR)).toBeLessThan(3);
    const n = f.outageCount;
    expect(Math.abs((f.meanOutageHours ?? 0) - mttr)).toBeLessThan((3 * mttr) / Math.sqrt(n));
    const over = Math.exp(-1 / mttr);
    expect(Math.abs((f.fractionOverOneHour ?? 0) - over)).toBeLessThan(3 * Math.sqrt((over * (1 - over)) / n));
    expect(f.durationCounts.reduce((a, b) => a + b, 0)).toBe(n);
  });

  it('follows outages past the year end: long repairs keep their full mean duration', () => {
    // q = 0.5, MTTR 1000 h: most outages cross a year end; clipping them would bias the mean down by ~10%.
    const mttr = 1000;
    const f = simulatePath([{ q: 0.5, repairHours: mttr }], [], 2000);
    const n = f.outageCount;
    expect(Math.abs((f.meanOutageHours ?? 0) - censoredMean(mttr, 8760))).toBeLessThan((3 * mttr) / Math.sqrt(n));
    expect(errorsFrom(f.outagesPerYear, (0.5 / mttr) * HOURS_PER_YEAR)).toBeLessThan(3);
    expect(errorsFrom(f.downtimeFraction, 0.5)).toBeLessThan(3);
  });

  it('series of two elements: rate sum_i (q_i / MTTR_i) prod_{j != i} (1 - q_j), unavailability 1 - prod (1 - q_i)', () => {
    // The system leaves the all-up state (probability (1 - q1)(1 - q2)) at rate 1/MTBF1 + 1/MTBF2, and
    // (1 - q_i) / MTBF_i = q_i / MTTR_i, so nu = q1/MTTR1 (1 - q2) + q2/MTTR2 (1 - q1).
    const links = [
      { q: 0.05, repairHours: 4 },
      { q: 0.02, repairHours: 10 },
    ];
    const nu = (0.05 / 4) * (1 - 0.02) + (0.02 / 10) * (1 - 0.05);
    const u = 1 - (1 - 0.05) * (1 - 0.02);
    const f = simulatePath(links, [], 300, '2');
    expect(errorsFrom(f.outagesPerYear, nu * HOURS_PER_YEAR)).toBeLessThan(3);
    expect(errorsFrom(f.downtimeFraction, u)).toBeLessThan(3);
    // Mean outage duration u / nu (renewal-reward).
    expect(Math.abs((f.meanOutageHours ?? 0) - u / nu) / (u / nu)).toBeLessThan(0.03);
  });

  it('a risk group alone: down fraction p, events at rate p / d, mean duration d', () => {
    const p = 0.05;
    const d = 8;
    const f = simulatePath(
      [{ q: 0, repairHours: 4 }],
      [{ probability: p, durationHours: d, links: [0], memberProbability: 1 }],
      400,
      '3',
    );
    expect(errorsFrom(f.downtimeFraction, p)).toBeLessThan(3);
    expect(errorsFrom(f.outagesPerYear, (p / d) * HOURS_PER_YEAR)).toBeLessThan(3);
    expect(Math.abs((f.meanOutageHours ?? 0) - d)).toBeLessThan((3 * d) / Math.sqrt(f.outageCount));
  });

  it('a group hit holds a member down until the event ends and its own repair: u = 1 - (1 - q)(1 - p m)', () => {
    const f = simulatePath(
      [{ q: 0.02, repairHours: 4 }],
      [{ probability: 0.05, durationHours: 8, links: [0], memberProbability: 0.5 }],
      400,
      '4',
    );
    expect(errorsFrom(f.downtimeFraction, 1 - (1 - 0.02) * (1 - 0.05 * 0.5))).toBeLessThan(3);
  });

  it('bridge network: the long-run downtime fraction is the exact unavailability 0.02152', async () => {
    const input = await loadInput('test/fixtures/topologies/bridge.yaml');
    const options = resolveJobOptions('simulate', [input], { seed: '5', samples: 300 });
    const { plan } = compileTimeSimulation(input.topology, input.study, options);
    const batch = runTimeBatch(plan.model, plan.scenarios[0], plan.seed, 0, 300);
    const f = estimateTimeFigures(batch.services[0], 4);
    expect(errorsFrom(f.downtimeFraction, 0.02152)).toBeLessThan(3);
  });

  it('starts every year in the stationary state (no warm-up bias)', () => {
    // q = 0.5, MTTR 1000 h: from an all-up start P(down at t) = q (1 - exp(-t / tau)), tau = MTTR (1 - q) = 500 h,
    // so the yearly down fraction would be q (1 - tau / T) = 0.4715: about 11 standard errors below q here.
    const f = simulatePath([{ q: 0.5, repairHours: 1000 }], [], 4000, '6');
    expect(errorsFrom(f.downtimeFraction, 0.5)).toBeLessThan(3);
    expect(errorsFrom(f.downtimeFraction, 0.5 * (1 - 500 / HOURS_PER_YEAR))).toBeGreaterThan(6);
  });

  it('a forced element fails at the start of every year and is repaired: one outage a year of mean MTTR', () => {
    // Only the forced failure: every year exactly one outage, at its first instant, lasting an exponential 4 h.
    const model = buildPathModel([{ q: 0.01, repairHours: 4 }]);
    const scenario = baselineScenario({ forcedElements: Uint32Array.from([2]), randomFailures: false });
    const f = estimateTimeFigures(runTimeBatch(model, scenario, '1', 0, 2000).services[0], 4);
    expect(f.outageCount).toBe(2000);
    expect(f.probabilityNoOutageInYear.estimate).toBe(0);
    expect(errorsFrom(f.downtimeMinutesPerYear, 4 * 60)).toBeLessThan(3);
    expect(f.meanOutage === null ? Infinity : errorsFrom(f.meanOutage, 4)).toBeLessThan(3);
  });

  it('a forced element arriving as a Poisson process: outages per year 1 / (1 / rate + MTTR)', () => {
    // Up phases exponential with mean 8766 / 3 h, down phases 4 h: a renewal process of rate 1 / (2922 + 4) per hour.
    const model = buildPathModel([{ q: 0.01, repairHours: 4 }]);
    const scenario = baselineScenario({
      forcedElements: Uint32Array.from([2]),
      randomFailures: false,
      timeForcing: { kind: 'arrivals', eventsPerYear: 3 },
    });
    const f = estimateTimeFigures(runTimeBatch(model, scenario, '2', 0, 3000).services[0], 4);
    expect(errorsFrom(f.outagesPerYear, HOURS_PER_YEAR / (HOURS_PER_YEAR / 3 + 4))).toBeLessThan(3);
  });

  it('nothing failing gives zero outages with an honest upper bound', () => {
    const model = buildPathModel([{ q: 0.01, repairHours: 4 }]);
    const quiet = runTimeBatch(model, baselineScenario({ elementFailureProbability: new Float64Array(3) }), '1', 0, 50);
    const g = estimateTimeFigures(quiet.services[0], 4);
    expect(g.outagesPerYear).toEqual({ estimate: 0, lower: 0, upper: expect.closeTo(3.6889 / 50, 4) as number });
    expect(g.downtimeMinutesPerYear.estimate).toBe(0);
    expect(g.downtimeMinutesPerYear.upper).toBeGreaterThan(0);
    expect(g.probabilityNoOutageInYear.estimate).toBe(1);
  });

  it('is a pure function of (model, scenario, seed, batch index, years)', () => {
    const model = buildPathModel(
      [
        { q: 0.05, repairHours: 4 },
        { q: 0.01, repairHours: 12 },
      ],
      [{ probability: 0.01, durationHours: 24, links: [0, 1], memberProbability: 0.7 }],
    );
    const a = runTimeBatch(model, baselineScenario(), 's', 3, 20);
    const b = runTimeBatch(model, baselineScenario(), 's', 3, 20);
    expect(b).toEqual(a);
    expect(a.services[0].durationCounts).toHaveLength(DURATION_BIN_COUNT);
    expect(runTimeBatch(model, baselineScenario(), 's', 4, 20)).not.toEqual(a);
    expect(a).toMatchObject({ scenarioIndex: 0, scenarioId: 'baseline', batchIndex: 3, sampleCount: 20 });
  });

  it('rejects invalid parameters', () => {
    const model = buildPathModel([{ q: 0.05, repairHours: 0 }]);
    expect(() => runTimeBatch(model, baselineScenario(), '1', 0, 1)).toThrow(RangeError);
    expect(() => runTimeBatch(buildPathModel([{ q: 0.05, repairHours: 4 }]), baselineScenario(), '1', 0, 1.5)).toThrow(
      RangeError,
    );
  });
});
