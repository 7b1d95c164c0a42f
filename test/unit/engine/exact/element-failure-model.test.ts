// Resolution of per-element probabilities, risk-group conditioning and birth rates.

import { describe, expect, it } from 'vitest';
import {
  applyGroupEvents,
  computeBirthRate,
  computeMarginalFailureProbability,
  resolveElementFailureModel,
  FORCED_DOWN,
  FORCED_UP,
} from '../../../../engine/exact/index.ts';
import { baselineScenario, buildModel, connected } from './model-builders.ts';

const model = buildModel({
  nodeCount: 2,
  links: [
    [0, 1],
    [0, 1],
  ],
  linkFailureProbability: [1e-12, 0.3],
  services: [connected([0, 1])],
  groups: [
    { eventProbability: 0.1, members: [[2, 1e-12]] },
    {
      eventProbability: 1e-3,
      members: [
        [2, 0.5],
        [3, 1],
      ],
    },
  ],
});

describe('resolveElementFailureModel', () => {
  it('lists uncertain groups, folds forced ones and applies forced states last', () => {
    const base = resolveElementFailureModel(model, 0);
    expect(Array.from(base.uncertainGroups)).toEqual([0, 1]);
    const forced = resolveElementFailureModel(model, 0, {
      scenario: baselineScenario({ forcedGroups: Uint32Array.of(1), forcedElements: Uint32Array.of(0) }),
      forcedUp: [3],
    });
    expect(Array.from(forced.uncertainGroups)).toEqual([0]);
    expect(forced.elementDownProbability[2]).toBeCloseTo(0.5, 11);
    expect(forced.forcedState[0]).toBe(FORCED_DOWN);
    expect(forced.forcedState[3]).toBe(FORCED_UP);
    expect(forced.elementDownProbability[3]).toBe(0);
  });
});

describe('applyGroupEvents', () => {
  it('accumulates tiny down probabilities without cancellation', () => {
    const base = resolveElementFailureModel(model, 0);
    const up = new Float64Array(4);
    const down = new Float64Array(4);
    applyGroupEvents(model, base, [0], 1, up, down);
    expect(down[2] / 2e-12 - 1).toBeLessThan(1e-10);
  });
});

describe('computeMarginalFailureProbability', () => {
  it('is 1 - up * prod(1 - p_g m_g)', () => {
    const base = resolveElementFailureModel(model, 0);
    const expected = 1 - (1 - 0.3) * (1 - 1e-3);
    expect(computeMarginalFailureProbability(model, base, 3)).toBeCloseTo(expected, 15);
  });
});

describe('computeBirthRate', () => {
  it('is -ln(down), 0 for never, Infinity for perfect, accurate at both ends', () => {
    expect(computeBirthRate(1, 0)).toBe(Infinity);
    expect(computeBirthRate(0, 1)).toBe(0);
    expect(computeBirthRate(1 - 1e-3, 1e-3)).toBeCloseTo(-Math.log(1e-3), 14);
    expect(computeBirthRate(1e-15, 1 - 1e-15) / 1e-15 - 1).toBeLessThan(1e-9);
  });
});
