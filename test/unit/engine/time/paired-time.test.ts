// Paired comparisons in time: common random numbers make a plan compared with itself differ by exactly nothing, make
// an element present in both sides fail at the same moments, and the paired interval comes from per-year differences.

import { describe, expect, it } from 'vitest';
import {
  createEmptyTimeServiceTally,
  estimatePairedTimeDifference,
  runPairedTimeBatch,
  runTimePlanBatch,
  type PairedTimePlan,
} from '../../../../engine/time/index.ts';
import { compileJob, loadInput, resolveJobOptions } from '../../../../scenarios/index.ts';

async function pairOf(base: string, plan: string, years: number): Promise<PairedTimePlan> {
  const inputs = [await loadInput(base), await loadInput(plan)];
  const job = compileJob(
    'compare',
    inputs,
    resolveJobOptions('compare', inputs, { seed: 'pair', samples: years, batchSize: years }),
  );
  if (job.batchPlan.kind !== 'paired-time') throw new Error(`expected a comparison in time, got ${job.batchPlan.kind}`);
  return job.batchPlan.plan;
}

const BASE = 'test/fixtures/studies/bridge-time.yaml';
const CREW = 'test/fixtures/studies/bridge-crew-time.yaml';

describe('runPairedTimeBatch', () => {
  it('compares a plan with itself to exactly no difference, both sides equal to the plain simulation', async () => {
    const pair = await pairOf(BASE, BASE, 40);
    const batch = runPairedTimeBatch(pair, 0, 0, 40);
    const t = batch.services[0];
    expect(t.plan).toEqual(t.base);
    expect(t.downtimeDifferenceHours).toBe(0);
    expect(t.downtimeDifferenceHoursSquares).toBe(0);
    expect(t.yearsWithoutOutageInBoth).toBe(t.base.yearsWithoutOutage);
    // The same streams as `simulate` of that scenario: a comparison's sides are the simulations themselves.
    expect(runTimePlanBatch(pair.base, 0, 0, 40).services[0]).toEqual(t.base);
  });

  it('is a pure function of its batch, and a slower repair gives more downtime with a paired interval above zero', async () => {
    const pair = await pairOf(BASE, CREW, 200);
    const first = runPairedTimeBatch(pair, 0, 0, 200);
    expect(runPairedTimeBatch(pair, 0, 0, 200)).toEqual(first);
    const d = estimatePairedTimeDifference(first.services[0]);
    // Every repair waits for a team's 2 h response: clearly more downtime, with a paired interval above zero.
    expect(d.downtimeMinutesPerYear.lower).toBeGreaterThan(0);
    expect(first.crews.base).toEqual([]);
    expect(first.crews.plan).toHaveLength(1);
  });
});

describe('estimatePairedTimeDifference', () => {
  it('takes the interval from the per-year differences (paired t, normal quantile)', () => {
    // Four years with downtime differences 1, 2, 3, 2 h: mean 2 h, sample variance 2/3, half-width 1.96 sqrt(2/3 / 4).
    const side = { ...createEmptyTimeServiceTally(), years: 4, yearsWithoutOutage: 1 };
    const d = estimatePairedTimeDifference({
      base: side,
      plan: { ...side, yearsWithoutOutage: 0 },
      downtimeDifferenceHours: 8,
      downtimeDifferenceHoursSquares: 18,
      outageDifference: 0,
      outageDifferenceSquares: 0,
      yearsWithoutOutageInBoth: 0,
    });
    const half = 1.959963984540054 * Math.sqrt(2 / 3 / 4);
    expect(d.downtimeMinutesPerYear.estimate).toBeCloseTo(120, 10);
    expect(d.downtimeMinutesPerYear.lower).toBeCloseTo((2 - half) * 60, 10);
    expect(d.downtimeMinutesPerYear.upper).toBeCloseTo((2 + half) * 60, 10);
    expect(d.noOutageInYear.baseAvailability.estimate).toBeCloseTo(0.25, 12);
    expect(d.noOutageInYear.planAvailability.estimate).toBe(0);
  });
});
