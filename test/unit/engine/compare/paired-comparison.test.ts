import { describe, expect, it } from 'vitest';
import { addPairedTallies, estimatePairedDifference, runPairedBatch, type PairedPlan, type PairedServiceTally } from '../../../../engine/index.ts';
import { compileComparison, loadInput, resolveRunOptions } from '../../../../scenarios/index.ts';

// Exact: base bridge u = 0.02152; adding a direct s-t link (q = 0.1) in parallel gives u = 0.1 * 0.02152.
const EXACT_DIFFERENCE = 0.02152 * 0.9;

async function bridgePair(samples: number, seed: string): Promise<PairedPlan> {
  const base = await loadInput('test/fixtures/topologies/bridge.yaml');
  const plan = await loadInput('test/fixtures/topologies/bridge-plus.yaml');
  return compileComparison(base, plan, resolveRunOptions(base.study, { samples, seed, batchSize: samples })).pair;
}

function runAll(pair: PairedPlan): PairedServiceTally {
  let t: PairedServiceTally = { samples: 0, baseDown: 0, planDown: 0, bothDown: 0 };
  const samples = pair.stopping.maxSamples;
  const batches = Math.ceil(samples / pair.batchSize);
  for (let b = 0; b < batches; b++) t = addPairedTallies(t, runPairedBatch(pair, 0, b, Math.min(pair.batchSize, samples - b * pair.batchSize)).services[0]);
  return t;
}

describe('paired comparison', () => {
  it('matches elements by id and detects a clearly beneficial change', async () => {
    const pair = await bridgePair(50_000, '3');
    expect(pair.unionElementCount).toBe(4 + 6);
    const d = estimatePairedDifference(runAll(pair));
    expect(d.difference.lower).toBeGreaterThan(0);
    expect(d.difference.lower).toBeLessThanOrEqual(EXACT_DIFFERENCE);
    expect(d.difference.upper).toBeGreaterThanOrEqual(EXACT_DIFFERENCE);
  });

  it('gives a paired CI narrower than the unpaired one', async () => {
    const t = runAll(await bridgePair(50_000, '4'));
    const d = estimatePairedDifference(t);
    const pairedWidth = d.difference.upper - d.difference.lower;
    const halfBase = (d.baseAvailability.upper - d.baseAvailability.lower) / 2;
    const halfPlan = (d.planAvailability.upper - d.planAvailability.lower) / 2;
    const unpairedWidth = 2 * Math.sqrt(halfBase ** 2 + halfPlan ** 2);
    expect(pairedWidth).toBeLessThan(unpairedWidth);
    expect(d.varianceReduction).toBeGreaterThan(1);
    // Coupling: every sample where the plan is down has the base down too (the plan only adds a link).
    expect(t.bothDown).toBe(t.planDown);
  });

  it("covers the exact difference in 88-100% of 100 seeds (Newcombe's paired interval)", async () => {
    const pair = await bridgePair(3000, 'x');
    let covered = 0;
    for (let seed = 0; seed < 100; seed++) {
      const d = estimatePairedDifference(runAll({ ...pair, seed: `cov-${seed}` }));
      if (d.difference.lower <= EXACT_DIFFERENCE && EXACT_DIFFERENCE <= d.difference.upper) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(88);
  });

  it('gives identical tables for identical inputs (no hidden state)', async () => {
    const pair = await bridgePair(5000, '9');
    expect(runAll(pair)).toEqual(runAll(pair));
  });
});

describe('paired comparison on the default model', () => {
  it('is tighter than two separate runs and leaves services the change cannot affect exactly unchanged', async () => {
    const base = await loadInput('scenarios/nafin/nafin-topology.yaml');
    const plan = await loadInput('examples/nafin-second-route-vlissingen.yaml');
    const { pair } = compileComparison(base, plan, resolveRunOptions(base.study, { samples: 20_000, seed: '5', batchSize: 20_000 }));
    const tallies = runPairedBatch(pair, 0, 0, 20_000).services;
    let tighter = 0;
    pair.servicePairs.forEach((sp, k) => {
      const t = tallies[k];
      const d = estimatePairedDifference(t);
      const halfBase = (d.baseAvailability.upper - d.baseAvailability.lower) / 2;
      const halfPlan = (d.planAvailability.upper - d.planAvailability.lower) / 2;
      if (d.difference.upper - d.difference.lower < 2 * Math.sqrt(halfBase ** 2 + halfPlan ** 2)) tighter++;
      // The added link can only help (common random numbers: the plan is never down where the base is up).
      expect(t.planDown).toBeLessThanOrEqual(t.baseDown);
      if (sp.id === 'haagse-ring') expect(t.baseDown).toBe(t.planDown);
    });
    expect(tighter).toBe(pair.servicePairs.length);
  });
});
