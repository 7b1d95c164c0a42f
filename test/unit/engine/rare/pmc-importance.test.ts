// PMC importance measures (conditioning with common random numbers) against exact closed forms.

import { describe, expect, it } from 'vitest';
import { computeExactImportance } from '../../../../engine/exact/index.ts';
import {
  createPmcScratch,
  estimatePmcImportance,
  mergePmcImportanceSums,
  runPmcImportanceSamples,
  type EstimatedInterval,
} from '../../../../engine/rare/index.ts';
import { createBatchStream } from '../../../../engine/sampling/random-stream.ts';
import type { CompiledModel } from '../../../../engine/model.ts';
import { baselineScenario, bridgeModel, parallelModel, seriesModel } from '../exact/model-builders.ts';

const MEASURES = ['birnbaum', 'criticality', 'riskAchievementWorth', 'riskReductionWorth', 'fussellVesely'] as const;

function estimate(model: CompiledModel, elements: number[], samples: number, batch = 0) {
  return runPmcImportanceSamples(
    model,
    baselineScenario(),
    0,
    elements,
    createBatchStream('importance', 'test', batch),
    samples,
    createPmcScratch(model),
  );
}

function expectWithin(interval: EstimatedInterval, exact: number, standardErrors: number, label: string): void {
  const tolerance = standardErrors * interval.standardError + 1e-12 * Math.abs(exact);
  expect(Math.abs(interval.estimate - exact), label).toBeLessThanOrEqual(tolerance);
}

describe('runPmcImportanceSamples + estimatePmcImportance', () => {
  it('bridge: every measure of every link is within 4 standard errors of the exact value', () => {
    const model = bridgeModel([0.1, 0.2, 0.05, 0.3, 0.15]);
    const links = [4, 5, 6, 7, 8];
    const exact = computeExactImportance(model, 0, { elements: links }) ?? [];
    const estimates = estimatePmcImportance(model, baselineScenario(), 0, estimate(model, links, 3000));
    estimates.forEach((e, i) => {
      const x = exact[i];
      if (x === undefined) throw new Error(`no exact measures for link ${links[i]}`);
      expect(e.failureProbability).toBeCloseTo(x.failureProbability, 15);
      for (const name of MEASURES) expectWithin(e[name], x[name], 4, `link ${links[i]} ${name}`);
      expect(e.birnbaum.lower).toBeLessThanOrEqual(e.birnbaum.upper);
    });
  });

  it('series: deterministic permutation estimates give the closed forms exactly', () => {
    const q = 0.05;
    const n = 4;
    const model = seriesModel(n, q);
    const [e] = estimatePmcImportance(model, baselineScenario(), 0, estimate(model, [model.topology.nodeCount], 20));
    const p = 1 - q;
    const u = 1 - p ** n;
    expect(e?.birnbaum.estimate).toBeCloseTo(p ** (n - 1), 13);
    expect(e?.criticality.estimate).toBeCloseTo((p ** (n - 1) * q) / u, 12);
    expect(e?.riskAchievementWorth.estimate).toBeCloseTo(1 / u, 11);
    expect(e?.birnbaum.standardError).toBeLessThan(1e-12);
  });

  it('parallel: criticality and Fussell-Vesely 1, RAW 1/q, RRW infinite', () => {
    const q = 0.1;
    const model = parallelModel(3, q);
    const [e] = estimatePmcImportance(model, baselineScenario(), 0, estimate(model, [2], 20));
    expect(e?.criticality.estimate).toBeCloseTo(1, 12);
    expect(e?.fussellVesely.estimate).toBeCloseTo(1, 12);
    expect(e?.riskAchievementWorth.estimate).toBeCloseTo(1 / q, 11);
    expect(e?.riskReductionWorth.estimate).toBe(Infinity);
  });

  it('merges batches into the sums of the union', () => {
    const model = bridgeModel(0.1);
    const a = estimate(model, [4, 6], 100, 0);
    const b = estimate(model, [4, 6], 150, 1);
    const merged = mergePmcImportanceSums(a, b);
    expect(merged.samples).toBe(250);
    expect(merged.sum).toBe(a.sum + b.sum);
    expect(merged.elementSums[3]).toBe((a.elementSums[3] ?? 0) + (b.elementSums[3] ?? 0));
    expect(() => mergePmcImportanceSums(a, estimate(model, [5], 10))).toThrow(RangeError);
  });
});
