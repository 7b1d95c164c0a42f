// Golden exact values through the whole pipeline, as a notebook would drive it (the library API): a rare-event
// reference case loaded from YAML, with the estimator chosen automatically and the relative-error stopping rule,
// must bracket the exact value.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runStudy } from '../../app/index.ts';
import { compilePlan, loadInput, resolveRunOptions } from '../../scenarios/index.ts';

const EXACT = 2.0060e-9;
const dir = mkdtempSync(join(tmpdir(), 'neverout-golden-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rare-event estimation in a run', () => {
  it('chooses permutation Monte Carlo for the dodecahedron at q = 0.001 and stops at 10% relative error', async () => {
    const { document, run, job } = await runStudy('test/fixtures/topologies/dodecahedron-q0.001.yaml', {
      seed: '11',
      relativeError: 0.1,
      batchSize: 2000,
      workers: 0,
      report: false,
      outDir: dir,
    });
    expect(job.study.plan.scenarios[0].serviceEstimators).toEqual(['pmc']);
    expect(run.stopReasons[0]).toBe('relative-error');
    const estimate = document.scenarios[0].services[0];
    expect(estimate.estimator).toBe('pmc');
    expect(estimate.relativeError).toBeLessThanOrEqual(0.1);
    expect(estimate.unavailability.lower).toBeLessThanOrEqual(EXACT);
    expect(estimate.unavailability.upper).toBeGreaterThanOrEqual(EXACT);
  });

  it('estimates a forced scenario conditionally by PMC: the forced-link dodecahedron of issue 12 reaches 10%', async () => {
    // Exact unavailability given link n0-n1 down: 1.0030e-6 (engine/exact, test/coverage/coverage-cases.ts).
    const exactGivenForcedLink = 1.003007e-6;
    const { document, run, job } = await runStudy('test/fixtures/studies/dodecahedron-forced-link.yaml', {
      relativeError: 0.1,
      workers: 0,
      report: false,
      outDir: join(dir, 'forced'),
    });
    expect(job.study.plan.scenarios[0].serviceEstimators).toEqual(['pmc']);
    expect(run.stopReasons[0]).toBe('relative-error');
    const estimate = document.scenarios[0].services[0];
    expect(estimate.relativeError).toBeLessThanOrEqual(0.1);
    expect(estimate.unavailability.lower).toBeLessThanOrEqual(exactGivenForcedLink);
    expect(estimate.unavailability.upper).toBeGreaterThanOrEqual(exactGivenForcedLink);
  });

  it('keeps crude Monte Carlo where it reaches the target (a service with single points of failure)', async () => {
    const loaded = await loadInput('test/fixtures/topologies/bridge.yaml');
    const compiled = compilePlan(loaded.topology, loaded.study, resolveRunOptions(loaded.study, { relativeError: 0.05 }));
    expect(compiled.plan.scenarios[0].serviceEstimators).toBeUndefined();
  });
});
