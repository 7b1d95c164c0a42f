// Exact unavailability (frontier DP with risk-group conditioning) against closed forms and the enumerator.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeExactUnavailability, enumerateUnavailability } from '../../../../engine/exact/index.ts';
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
} from './model-builders.ts';
import { arbitraryModel, PROPERTY_SEED } from './random-models.ts';

function relativeError(actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual / expected - 1);
}

describe('computeExactUnavailability', () => {
  it('matches the series closed form 1 - p^n, with node failures p = (1-q)^n (1-r)^(n-1) (q=r=0 ends)', () => {
    const q = 1e-3;
    const result = computeExactUnavailability(seriesModel(6, q), 0);
    expect(relativeError(result?.unavailability ?? NaN, -Math.expm1(6 * Math.log1p(-q)))).toBeLessThan(1e-12);
    const withNodes = computeExactUnavailability(seriesModel(4, 0.01, 0.02), 0);
    // Terminals fail too: 5 nodes and 4 links must all be up.
    const up = 0.99 ** 4 * 0.98 ** 5;
    expect(relativeError(withNodes?.unavailability ?? NaN, 1 - up)).toBeLessThan(1e-12);
    expect(result?.method).toBe('frontier-dp');
  });

  it('keeps relative precision on parallel links: u = q^n down to 1e-30', () => {
    for (const [count, q] of [
      [2, 0.1],
      [3, 1e-5],
      [3, 1e-10],
    ] as const) {
      const result = computeExactUnavailability(parallelModel(count, q), 0);
      expect(relativeError(result?.unavailability ?? NaN, q ** count)).toBeLessThan(1e-12);
      expect(relativeError(result?.availability ?? NaN, 1 - q ** count)).toBeLessThan(1e-12);
    }
  });

  it('matches the bridge closed form for unequal link probabilities', () => {
    const q = [0.1, 0.2, 0.05, 0.3, 0.15];
    const result = computeExactUnavailability(bridgeModel(q), 0);
    expect(relativeError(result?.unavailability ?? NaN, bridgeUnavailability(q.map((x) => 1 - x)))).toBeLessThan(1e-12);
  });

  it('matches the enumerator on random small models (connected and reach, node failures, risk groups)', () => {
    let compared = 0;
    fc.assert(
      fc.property(arbitraryModel({ withGroups: true }), (model) => {
        const exact = computeExactUnavailability(model, 0);
        const oracle = enumerateUnavailability(model, 0, { maxUncertain: 22 });
        if (exact === null || oracle === null) return;
        compared++;
        expect(exact.unavailability).toBeCloseTo(oracle.unavailability, 13);
        expect(exact.availability).toBeCloseTo(oracle.availability, 13);
        expect(exact.unavailability + exact.availability).toBeCloseTo(1, 12);
      }),
      { seed: PROPERTY_SEED, numRuns: 150 },
    );
    expect(compared).toBeGreaterThan(100);
  });

  it('applies scenario overrides, forced elements, forced groups and a targeted attack', () => {
    const model = buildModel({
      nodeCount: 4,
      links: BRIDGE_LINKS,
      linkFailureProbability: 0.1,
      services: [connected([0, 1]), reach([0], [1, 2, 3], 2)],
      groups: [{ eventProbability: 0.01, members: [[4, 1]] }],
    });
    const scenarios = [
      baselineScenario({ forcedElements: Uint32Array.of(5) }),
      baselineScenario({ elementFailureProbability: Float64Array.of(0, 0, 0.2, 0, 0.3, 0.3, 0.01, 0.01, 0.01) }),
      baselineScenario({ forcedGroups: Uint32Array.of(0) }),
      baselineScenario({ randomFailures: false, forcedGroups: Uint32Array.of(0) }),
      baselineScenario({ groupEventProbability: Float64Array.of(0.5) }),
      baselineScenario({ attack: { kind: 'targeted', elementsByService: [Uint32Array.of(6), Uint32Array.of(2)] } }),
    ];
    for (const scenario of scenarios) {
      for (const serviceIndex of [0, 1]) {
        const exact = computeExactUnavailability(model, serviceIndex, { scenario });
        const oracle = enumerateUnavailability(model, serviceIndex, { scenario });
        expect(exact?.unavailability).toBeCloseTo(oracle?.unavailability ?? NaN, 14);
      }
    }
    const attacked = baselineScenario({ attack: { kind: 'random', candidates: Uint32Array.of(4, 5), count: 1 } });
    expect(computeExactUnavailability(model, 0, { scenario: attacked })).toBeNull();
  });

  it('handles multi-edges, isolated nodes and a trivially up service', () => {
    const model = buildModel({
      nodeCount: 4,
      links: [
        [0, 1],
        [0, 1],
        [1, 2],
      ],
      linkFailureProbability: [0.1, 0.2, 0.3],
      services: [connected([0, 2]), connected([0, 3]), connected([])],
    });
    expect(computeExactUnavailability(model, 0)?.unavailability).toBeCloseTo(1 - (1 - 0.02) * 0.7, 15);
    expect(computeExactUnavailability(model, 1)?.unavailability).toBe(1);
    expect(computeExactUnavailability(model, 2)).toEqual({ unavailability: 0, availability: 1, method: 'trivial' });
  });

  it('returns null when the frontier table would exceed maxStates or groups exceed maxGroupCombinations', () => {
    const grid = gridModel(6, 0.1);
    expect(computeExactUnavailability(grid, 0, { maxStates: 10 })).toBeNull();
    const groups = buildModel({
      nodeCount: 2,
      links: [[0, 1]],
      linkFailureProbability: 0.1,
      services: [connected([0, 1])],
      groups: Array.from({ length: 5 }, () => ({ eventProbability: 0.1, members: [[2, 1] as const] })),
    });
    expect(computeExactUnavailability(groups, 0, { maxGroupCombinations: 16 })).toBeNull();
    expect(computeExactUnavailability(groups, 0)?.unavailability).toBeCloseTo(1 - 0.9 * 0.9 ** 5, 15);
  });
});

function gridModel(side: number, q: number) {
  const links: Array<[number, number]> = [];
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) {
      if (c + 1 < side) links.push([r * side + c, r * side + c + 1]);
      if (r + 1 < side) links.push([r * side + c, (r + 1) * side + c]);
    }
  }
  return buildModel({
    nodeCount: side * side,
    links,
    linkFailureProbability: q,
    services: [connected(Array.from({ length: side * side }, (_, v) => v))],
  });
}
