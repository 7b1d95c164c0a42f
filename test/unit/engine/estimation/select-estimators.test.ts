import { describe, expect, it } from 'vitest';
import { selectServiceEstimators } from '../../../../engine/index.ts';
import { buildBaselineScenario } from '../../../support/build-model.ts';
import { compileReferenceCase, readReferenceCase } from '../../../support/reference-model.ts';

describe('selectServiceEstimators', () => {
  const dodecahedron = compileReferenceCase(readReferenceCase('dodecahedron-q0.001'));
  const forcedLink = buildBaselineScenario({
    id: 'link-down',
    name: 'link-down',
    forcedElements: Uint32Array.from([dodecahedron.topology.nodeCount]),
  });

  it('chooses PMC in a forced scenario where crude cannot reach the target (u = 1.0e-6, 50 M samples, 10%)', () => {
    expect(selectServiceEstimators(dodecahedron, forcedLink, 50_000_000, 0.1)).toEqual(['pmc']);
  });

  it('keeps crude where crude reaches the target within the budget, forced or not', () => {
    const bridge = compileReferenceCase(readReferenceCase('bridge-q0.1'));
    expect(selectServiceEstimators(bridge, buildBaselineScenario(), 1_000_000, 0.05)).toEqual(['crude']);
    const forcedBridge = buildBaselineScenario({
      id: 'f',
      name: 'f',
      forcedElements: Uint32Array.from([bridge.topology.nodeCount]),
    });
    expect(selectServiceEstimators(bridge, forcedBridge, 1_000_000, 0.05)).toEqual(['crude']);
  });

  it('keeps crude in scenarios without random failures', () => {
    const none = buildBaselineScenario({ id: 'n', name: 'n', randomFailures: false });
    expect(selectServiceEstimators(dodecahedron, none, 50_000_000, 0.1)).toEqual(['crude']);
  });
});
