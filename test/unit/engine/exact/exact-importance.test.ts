// Exact importance measures against closed forms on series, parallel and bridge networks.

import { describe, expect, it } from 'vitest';
import {
  computeExactImportance,
  computeExactUnavailability,
  computeImportanceMeasures,
} from '../../../../engine/exact/index.ts';
import {
  bridgeModel,
  bridgeUnavailability,
  buildModel,
  connected,
  parallelModel,
  seriesModel,
} from './model-builders.ts';

describe('computeExactImportance', () => {
  it('series of n links: I_B = p^(n-1), criticality = FV = p^(n-1) q / u, RAW = 1 / u', () => {
    const n = 4;
    const q = 0.05;
    const p = 1 - q;
    const u = 1 - p ** n;
    const model = seriesModel(n, q);
    const measures = computeExactImportance(model, 0, { elements: [model.topology.nodeCount] }) ?? [];
    const m = measures[0];
    expect(m?.birnbaum).toBeCloseTo(p ** (n - 1), 14);
    expect(m?.criticality).toBeCloseTo((p ** (n - 1) * q) / u, 13);
    expect(m?.fussellVesely).toBeCloseTo((p ** (n - 1) * q) / u, 13);
    expect(m?.riskAchievementWorth).toBeCloseTo(1 / u, 12);
    expect(m?.riskReductionWorth).toBeCloseTo(u / (1 - p ** (n - 1)), 12);
  });

  it('parallel of n links: I_B = q^(n-1), criticality = FV = 1, RAW = 1/q, RRW infinite', () => {
    const q = 0.1;
    const model = parallelModel(3, q);
    const [m] = computeExactImportance(model, 0, { elements: [2] }) ?? [];
    expect(m?.birnbaum).toBeCloseTo(q * q, 15);
    expect(m?.criticality).toBeCloseTo(1, 13);
    expect(m?.fussellVesely).toBeCloseTo(1, 13);
    expect(m?.riskAchievementWorth).toBeCloseTo(1 / q, 12);
    expect(m?.riskReductionWorth).toBe(Infinity);
  });

  it('bridge: every link matches pivotal decomposition of the closed form', () => {
    const q = [0.1, 0.2, 0.05, 0.3, 0.15];
    const p = q.map((x) => 1 - x);
    const model = bridgeModel(q);
    const u = bridgeUnavailability(p);
    const measures = computeExactImportance(model, 0, { elements: [4, 5, 6, 7, 8] }) ?? [];
    expect(measures).toHaveLength(5);
    measures.forEach((m, i) => {
      const down = bridgeUnavailability(p.map((x, j) => (j === i ? 0 : x)));
      const up = bridgeUnavailability(p.map((x, j) => (j === i ? 1 : x)));
      const expected = computeImportanceMeasures(4 + i, q[i] ?? NaN, u, down, up);
      expect(m.unavailability).toBeCloseTo(u, 14);
      expect(m.birnbaum).toBeCloseTo(expected.birnbaum, 14);
      expect(m.criticality).toBeCloseTo(expected.criticality, 12);
      expect(m.riskAchievementWorth).toBeCloseTo(expected.riskAchievementWorth, 12);
      expect(m.riskReductionWorth).toBeCloseTo(expected.riskReductionWorth, 12);
      expect(m.fussellVesely).toBeCloseTo(expected.fussellVesely, 12);
      // Independence: u = q u(down) + (1 - q) u(up).
      expect(m.failureProbability * m.unavailabilityDown + (1 - m.failureProbability) * m.unavailabilityUp).toBeCloseTo(
        u,
        14,
      );
    });
  });

  it('measures nodes and risk-group events (u = P(event) u(occurs) + (1 - P(event)) u(never))', () => {
    const model = buildModel({
      nodeCount: 4,
      links: [
        [0, 2],
        [0, 3],
        [2, 1],
        [3, 1],
      ],
      nodeFailureProbability: [0, 0, 0.05, 0.1],
      linkFailureProbability: 0.01,
      services: [connected([0, 1])],
      groups: [
        {
          eventProbability: 0.02,
          members: [
            [4, 1],
            [7, 0.5],
          ],
        },
      ],
    });
    const u = computeExactUnavailability(model, 0)?.unavailability ?? NaN;
    const [node, group] = computeExactImportance(model, 0, { elements: [2, model.elementCount] }) ?? [];
    expect(group?.failureProbability).toBe(0.02);
    expect(0.02 * (group?.unavailabilityDown ?? NaN) + 0.98 * (group?.unavailabilityUp ?? NaN)).toBeCloseTo(u, 15);
    // Node 2 is in no group: with it down the service needs the path 0-3-1.
    const pathUp = 0.99 * 0.99 * 0.9;
    expect(node?.unavailabilityDown).toBeCloseTo(
      computeExactUnavailability(model, 0, { forcedDown: [2] })?.unavailability ?? NaN,
      15,
    );
    expect(node?.unavailabilityDown).toBeGreaterThan(1 - pathUp);
  });
});

describe('computeImportanceMeasures', () => {
  it('applies the definitions and gives Infinity / NaN for zero denominators', () => {
    const m = computeImportanceMeasures(3, 0.1, 0.02, 0.5, 0.01);
    expect(m.birnbaum).toBeCloseTo(0.49, 15);
    expect(m.criticality).toBeCloseTo((0.49 * 0.1) / 0.02, 13);
    expect(m.riskAchievementWorth).toBeCloseTo(25, 13);
    expect(m.riskReductionWorth).toBeCloseTo(2, 13);
    expect(m.fussellVesely).toBeCloseTo(0.5, 13);
    const zero = computeImportanceMeasures(0, 0.1, 0, 0, 0);
    expect(zero.riskAchievementWorth).toBeNaN();
    expect(computeImportanceMeasures(0, 0.1, 0, 0.3, 0).riskAchievementWorth).toBe(Infinity);
  });
});
