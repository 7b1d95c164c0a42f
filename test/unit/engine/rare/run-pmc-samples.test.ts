// Permutation Monte Carlo (turnip) against closed forms and the exact methods.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeExactUnavailability, enumerateUnavailability } from '../../../../engine/exact/index.ts';
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
  BRIDGE_LINKS,
  bridgeModel,
  bridgeUnavailability,
  buildModel,
  connected,
  parallelModel,
  reach,
  seriesModel,
} from '../exact/model-builders.ts';
import { arbitraryModel, PROPERTY_SEED } from '../exact/random-models.ts';
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

  it('agrees with the enumerator on random small models (node failures, reach, risk groups) within 4.5 se', () => {
    let compared = 0;
    let outside = 0;
    fc.assert(
      fc.property(arbitraryModel({ withGroups: true }), fc.nat(), (model, seed) => {
        const exact = enumerateUnavailability(model, 0, { maxUncertain: 22 });
        if (exact === null) return;
        const sums = runPmcSamples(
          model,
          baselineScenario(),
          0,
          createBatchStream('random', String(seed), 0),
          1000,
          createPmcScratch(model),
        );
        const z = zScore(summarize(sums), exact.unavailability);
        compared++;
        if (Math.abs(z) > 1.96) outside++;
        expect(Math.abs(z)).toBeLessThan(4.5);
        expect(sums.sum).toBeGreaterThanOrEqual(0);
        expect(sums.sum).toBeLessThanOrEqual(sums.samples);
      }),
      { seed: PROPERTY_SEED, numRuns: 80 },
    );
    expect(compared).toBeGreaterThan(50);
    expect(outside / compared).toBeLessThan(0.15);
  });

  it('applies forced elements, probability overrides, forced groups, randomFailures false and attacks', () => {
    const model = buildModel({
      nodeCount: 5,
      links: [...BRIDGE_LINKS, [0, 4], [4, 1]],
      nodeFailureProbability: [0, 0, 0.02, 0.02, 0.05],
      linkFailureProbability: 0.05,
      services: [connected([0, 1]), reach([0], [1, 2, 3, 4], 3)],
      groups: [
        {
          eventProbability: 0.01,
          members: [
            [5, 1],
            [6, 1],
            [10, 0.5],
          ],
        },
      ],
    });
    const scenarios = [
      baselineScenario({ id: 'forced', forcedElements: Uint32Array.of(9) }),
      baselineScenario({
        id: 'override',
        elementFailureProbability: Float64Array.from({ length: model.elementCount }, (_, e) => (e < 2 ? 0 : 0.1)),
      }),
      baselineScenario({ id: 'forced-group', forcedGroups: Uint32Array.of(0) }),
      baselineScenario({ id: 'only-forced', randomFailures: false, forcedGroups: Uint32Array.of(0) }),
      baselineScenario({
        id: 'targeted',
        attack: { kind: 'targeted', elementsByService: [Uint32Array.of(2), Uint32Array.of(4)] },
      }),
    ];
    for (const scenario of scenarios) {
      for (const service of [0, 1]) {
        const exact = computeExactUnavailability(model, service, { scenario })?.unavailability ?? NaN;
        const result = run(model, 3000, scenario, service);
        expect(Math.abs(zScore(result, exact)), `${scenario.id} service ${service}`).toBeLessThan(3.5);
      }
    }
    // A random attack takes down 1 of the 3 middle nodes: exact = mean over the choices.
    const candidates = Uint32Array.of(2, 3, 4);
    const attack = baselineScenario({ id: 'random-attack', attack: { kind: 'random', candidates, count: 1 } });
    const exact =
      Array.from(candidates).reduce(
        (total, e) => total + (computeExactUnavailability(model, 0, { forcedDown: [e] })?.unavailability ?? NaN),
        0,
      ) / candidates.length;
    expect(Math.abs(zScore(run(model, 3000, attack), exact))).toBeLessThan(3.5);
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
