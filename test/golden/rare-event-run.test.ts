// Golden exact values through the whole pipeline: a rare-event reference case loaded from YAML, with the
// estimator chosen automatically and the relative-error stopping rule, must bracket the exact value.

import { describe, expect, it } from 'vitest';
import { buildResultDocument, compilePlan, loadInput, resolveRunOptions } from '../../scenarios/index.ts';
import { createInlineExecutor, runPlan } from '../../workers/index.ts';

const EXACT = 2.0060e-9;

describe('rare-event estimation in a run', () => {
  it('chooses permutation Monte Carlo for the dodecahedron at q = 0.001 and stops at 10% relative error', async () => {
    const loaded = await loadInput('test/fixtures/topologies/dodecahedron-q0.001.yaml');
    const options = resolveRunOptions(loaded.study, { seed: '11', relativeError: 0.1, batchSize: 2000 });
    const compiled = compilePlan(loaded.topology, loaded.study, options);
    expect(compiled.plan.scenarios[0].serviceEstimators).toEqual(['pmc']);
    const run = await runPlan(compiled.plan, [false], createInlineExecutor(compiled.plan));
    expect(run.stopReasons[0]).toBe('relative-error');
    const doc = buildResultDocument(compiled, run, {
      command: [],
      workers: 1,
      createdAt: new Date(0),
      shard: null,
      marking: null,
      topologySource: loaded.topologySource,
      studySource: null,
    });
    const estimate = doc.scenarios[0].services[0];
    expect(estimate.estimator).toBe('pmc');
    expect(estimate.relativeError).toBeLessThanOrEqual(0.1);
    expect(estimate.unavailability.lower).toBeLessThanOrEqual(EXACT);
    expect(estimate.unavailability.upper).toBeGreaterThanOrEqual(EXACT);
  });

  it('keeps crude Monte Carlo where it reaches the target (a service with single points of failure)', async () => {
    const loaded = await loadInput('test/fixtures/topologies/bridge.yaml');
    const compiled = compilePlan(loaded.topology, loaded.study, resolveRunOptions(loaded.study, { relativeError: 0.05 }));
    expect(compiled.plan.scenarios[0].serviceEstimators).toBeUndefined();
  });
});
