import { describe, expect, it } from 'vitest';
import { MIN_SIZED_SAMPLES_PER_BATCH, runBatch, selectServiceEstimation, selectServiceEstimators } from '../../../../engine/index.ts';
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

  describe('where PMC does not apply (a layered model)', () => {
    // 1+1 circuits over a six-segment ring with a shared duct: u = 2.27e-3, mostly single events (the exact part).
    const circuits = compileReferenceCase(readReferenceCase('circuits-ring6-q0.01'));
    const baseline = buildBaselineScenario();

    it('chooses stratified sampling under a relative-error target where it needs fewer budget samples', () => {
      expect(selectServiceEstimators(circuits, baseline, 50_000_000, 0.05)).toEqual(['stratified']);
    });

    it('keeps crude under a fixed budget or a verdict far from the limit, and goes stratified near the limit', () => {
      expect(selectServiceEstimators(circuits, baseline, 1_000_000, null)).toEqual(['crude']);
      expect(selectServiceEstimators(circuits, baseline, 1_000_000, null, [1e-4])).toEqual(['crude']);
      // 2.27e-3 against a limit of 2.3e-3: crude would need about 60,000,000 events.
      expect(selectServiceEstimators(circuits, baseline, 1_000_000, null, [2.3e-3])).toEqual(['stratified']);
    });

    it('sizes the stratified samples per batch so that the minimum batches reach the target, within the bounds', () => {
      const sizing = { samplesPerBatch: 500, minBatches: 10 };
      const at = (r: number) => selectServiceEstimation(circuits, baseline, 50_000_000, r, null, sizing);
      const loose = at(0.02);
      expect(loose.estimators).toEqual(['stratified']);
      const perBatch = loose.rareEventSamples?.[0] ?? 0;
      expect(perBatch).toBeGreaterThan(MIN_SIZED_SAMPLES_PER_BATCH);
      expect(perBatch).toBeLessThan(500);
      // Half the target needs four times the samples; a loose one draws the fewest, a tight one the plan's count.
      expect(Math.abs((at(0.01).rareEventSamples?.[0] ?? 0) - 4 * perBatch)).toBeLessThanOrEqual(4);
      expect(at(0.2).rareEventSamples).toEqual([MIN_SIZED_SAMPLES_PER_BATCH]);
      expect(at(0.001).rareEventSamples).toEqual([500]);
      // Without a target, or without sizing asked, nothing is sized.
      expect(selectServiceEstimation(circuits, baseline, 1_000_000, null, [2.3e-3], sizing).rareEventSamples).toBeNull();
      expect(selectServiceEstimation(circuits, baseline, 50_000_000, 0.05, null, null).rareEventSamples).toBeNull();
    });

    it('draws the sized samples per batch of a service in runBatch', () => {
      const scenario = { ...baseline, serviceEstimators: ['stratified' as const], rareEventSamples: [123] };
      const plan = { model: circuits, scenarios: [scenario], seed: 'sized', batchSize: 1_000, rareEventSamplesPerBatch: 50, stopping: { relativeError: 0.05, maxSamples: 10_000, maxTimeSeconds: null, minSamples: 0 } };
      expect(runBatch(plan, 0, 0, 1_000).services[0].samples).toBe(123);
      expect(runBatch({ ...plan, scenarios: [{ ...scenario, rareEventSamples: [0] }] }, 0, 0, 1_000).services[0].samples).toBe(50);
    });

    it('refuses stratified sampling under a random attack (crude stays)', () => {
      const attacked = buildBaselineScenario({ attack: { kind: 'random', candidates: Uint32Array.from([0, 1]), count: 1 } });
      expect(selectServiceEstimators(circuits, attacked, 50_000_000, 0.05)).toEqual(['crude']);
    });
  });
});
