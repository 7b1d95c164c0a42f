// Permutation Monte Carlo (turnip) against closed forms and the exact methods. Its agreement with the exact values
// on random models and scenarios (forced elements and groups, overrides, attacks) is in the contract suite
// (test/contract/pmc.contract.test.ts, conditional-pmc.contract.test.ts).

import { describe, expect, it } from 'vitest';
import { computeExactUnavailability } from '../../../../engine/exact/index.ts';
import {
  createPmcScratch,
  resolvePmcEstimatorName,
  runPmcSamples,
  toWeightedServiceTally,
} from '../../../../engine/rare/index.ts';
import { createBatchStream } from '../../../../engine/sampling/random-stream.ts';
import type { CompiledModel, CompiledScenario } from '../../../../engine/model.ts';
import {
  baselineScenario,
  bridgeModel,
  bridgeUnavailability,
  buildModel,
  connected,
  parallelModel,
  seriesModel,
} from '../exact/model-builders.ts';
import { summarize, zScore } from './pmc-statistics.ts';

function run(model: CompiledModel, samples: number, scenario: CompiledScenario = baselineScenario(), service = 0) {
  const sums = runPmcSamples(
    model,
    scenario,
    service,
    createBatchStream('pmc-test', scenario.id, 0),
    samples,
    createPmcScratch(model),
  );
  return { sums, ...summarize(sums) };
}

describe('runPmcSamples', () => {
  it('is exact with zero variance on series and parallel links, down to u = 1e-30', () => {
    // Series: every link must be born; Y = P(max of n Exp(λ) > 1) = 1 - p^n for every permutation.
    const series = run(seriesModel(5, 1e-6), 50);
    expect(series.standardError).toBe(0);
    expect(Math.abs(series.mean / -Math.expm1(5 * Math.log1p(-1e-6)) - 1)).toBeLessThan(1e-12);
    // Parallel: the first birth connects; Y = e^{-Λ_0} = q^n.
    const parallel = run(parallelModel(3, 1e-10), 50);
    expect(Math.abs(parallel.mean / 1e-30 - 1)).toBeLessThan(1e-12);
  });

  it('contains the bridge closed form in its 95% CI, at q = 0.1 and at q = 1e-5 (u ~ 2e-10)', () => {
    for (const q of [0.1, 1e-5]) {
      const exact = bridgeUnavailability(Array(5).fill(1 - q) as number[]);
      const result = run(bridgeModel(q), 4000);
      expect(Math.abs(zScore(result, exact))).toBeLessThan(1.96);
      expect(result.standardError / result.mean).toBeLessThan(0.02);
    }
  });

  it('names its estimator, is reproducible and gives a weighted tally', () => {
    const bridge = bridgeModel(0.1);
    const first = run(bridge, 500).sums;
    const second = run(bridge, 500).sums;
    expect(second).toEqual(first);
    expect(first.estimator).toBe('pmc');
    expect(toWeightedServiceTally(first)).toEqual({
      kind: 'weighted',
      estimator: 'pmc',
      samples: 500,
      sum: first.sum,
      sumSquares: first.sumSquares,
      sumCubes: first.sumCubes,
      servedEndpoints: -1,
    });
    const grouped = buildModel({
      nodeCount: 2,
      links: [
        [0, 1],
        [0, 1],
      ],
      linkFailureProbability: 0.01,
      services: [connected([0, 1])],
      groups: [
        {
          eventProbability: 0.001,
          members: [
            [2, 1],
            [3, 1],
          ],
        },
      ],
    });
    expect(resolvePmcEstimatorName(grouped, baselineScenario(), 0)).toBe('conditional-pmc');
    // Two parallel links plus a duct cutting both: u = 1e-3 + 0.999 * 1e-4, and every stratum is exact.
    const groupedResult = run(grouped, 20);
    expect(groupedResult.mean).toBeCloseTo(1e-3 + 0.999e-4, 15);
  });

  it('stays unbiased with many risk groups, some strata sampled (rest stratum of >= 2 events)', () => {
    // A ring of 6 links, each in its own group (p = 0.05) plus independent failures; only 0 or 1 event enumerated.
    const links: Array<[number, number]> = [];
    for (let v = 0; v < 6; v++) links.push([v, (v + 1) % 6]);
    const model = buildModel({
      nodeCount: 6,
      links,
      linkFailureProbability: 0.01,
      services: [connected([0, 3])],
      groups: links.map((_, j) => ({ eventProbability: 0.05, members: [[6 + j, 1] as const] })),
    });
    const exact = computeExactUnavailability(model, 0)?.unavailability ?? NaN;
    const sums = runPmcSamples(
      model,
      baselineScenario(),
      0,
      createBatchStream('rest', 'ring', 0),
      3000,
      createPmcScratch(model),
      { maxSimultaneousEvents: 1 },
    );
    expect(Math.abs(zScore(summarize(sums), exact))).toBeLessThan(3);
  });
});
