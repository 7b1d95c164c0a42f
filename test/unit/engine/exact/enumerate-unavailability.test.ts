// The brute-force enumerator (test oracle) against closed forms.

import { describe, expect, it } from 'vitest';
import { enumerateUnavailability } from '../../../../engine/exact/index.ts';
import {
  bridgeModel,
  bridgeUnavailability,
  buildModel,
  connected,
  parallelModel,
  reach,
  seriesModel,
} from './model-builders.ts';

describe('enumerateUnavailability', () => {
  it('matches the series, parallel and bridge closed forms', () => {
    expect(enumerateUnavailability(seriesModel(5, 0.1), 0)?.unavailability).toBeCloseTo(1 - 0.9 ** 5, 15);
    expect(enumerateUnavailability(parallelModel(3, 0.2), 0)?.unavailability).toBeCloseTo(0.008, 15);
    const q = [0.1, 0.2, 0.05, 0.3, 0.15];
    expect(enumerateUnavailability(bridgeModel(q), 0)?.unavailability).toBeCloseTo(
      bridgeUnavailability(q.map((x) => 1 - x)),
      15,
    );
    expect(enumerateUnavailability(bridgeModel(0.1), 0)?.method).toBe('enumeration');
  });

  it('evaluates reach services: every from node reaches k up to nodes', () => {
    // Star: centre 0, leaves 1..3 over links with q; from = {0}, to = {1, 2, 3}, k = 2.
    const q = 0.2;
    const model = buildModel({
      nodeCount: 4,
      links: [
        [0, 1],
        [0, 2],
        [0, 3],
      ],
      linkFailureProbability: q,
      services: [reach([0], [1, 2, 3], 2)],
    });
    const p = 1 - q;
    const atLeastTwo = 3 * p * p * q + p ** 3;
    expect(enumerateUnavailability(model, 0)?.unavailability).toBeCloseTo(1 - atLeastTwo, 15);
  });

  it('gives up beyond maxUncertain uncertain items', () => {
    expect(enumerateUnavailability(seriesModel(21, 0.1), 0)).toBeNull();
    expect(enumerateUnavailability(seriesModel(5, 0.1), 0, { maxUncertain: 4 })).toBeNull();
    expect(enumerateUnavailability(seriesModel(5, 0.1), 0, { maxUncertain: 5 })).not.toBeNull();
    const certain = buildModel({
      nodeCount: 2,
      links: [[0, 1]],
      linkFailureProbability: 1,
      services: [connected([0, 1])],
    });
    expect(enumerateUnavailability(certain, 0)?.unavailability).toBe(1);
  });
});
