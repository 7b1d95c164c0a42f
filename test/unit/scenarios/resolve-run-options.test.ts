// Unit tests of resolveRunOptions' stopping rule: which rule applies by default, its caps, and the verdict rule the
// plan carries (limits only where a verdict is sought).

import { describe, expect, it } from 'vitest';
import { compilePlan, loadInput, resolveRunOptions } from '../../../scenarios/index.ts';

const NEAR_TARGET = 'test/fixtures/topologies/bridge-near-target.yaml';
const SMALL_STUDY = 'test/fixtures/studies/small-study.yaml';

describe('resolveRunOptions', () => {
  it('takes the verdict rule by default, with a 1,000,000-sample cap, a 200,000-sample fixed budget and 2 minutes', async () => {
    const { study } = await loadInput(NEAR_TARGET);
    expect(resolveRunOptions(study)).toMatchObject({
      stop: 'verdict',
      samples: 1_000_000,
      fixedSamples: 200_000,
      maxTimeSeconds: 120,
    });
  });

  it('keeps the fixed budget when a sample count is given, and rel-error with a target', async () => {
    const { study } = await loadInput(NEAR_TARGET);
    expect(resolveRunOptions(study, { samples: 30_000 })).toMatchObject({
      stop: 'samples',
      samples: 30_000,
      fixedSamples: null,
      maxTimeSeconds: null,
    });
    expect(resolveRunOptions(study, { relativeError: 0.1 })).toMatchObject({
      stop: 'rel-error',
      relativeError: 0.1,
      samples: 50_000_000,
    });
    expect(resolveRunOptions(study, {}, false)).toMatchObject({ stop: 'samples', samples: 100_000 });
  });

  it('caps the verdict rule by --samples, and with a relative-error target lets the other services run to it', async () => {
    const { study } = await loadInput(NEAR_TARGET);
    expect(resolveRunOptions(study, { stop: 'verdict', samples: 50_000 })).toMatchObject({
      samples: 50_000,
      fixedSamples: 50_000,
    });
    expect(resolveRunOptions(study, { stop: 'verdict', relativeError: 0.1 })).toMatchObject({
      samples: 1_000_000,
      fixedSamples: 1_000_000,
      relativeError: 0.1,
    });
  });

  it('refuses rel-error without a target', async () => {
    const { study } = await loadInput(NEAR_TARGET);
    expect(() => resolveRunOptions(study, { stop: 'rel-error' })).toThrow(/needs a relative-error target/);
  });
});

describe('compilePlan under the verdict rule', () => {
  it('seeks verdicts only for services with a target in scenarios without forced events or attacks', async () => {
    const { topology, study } = await loadInput(SMALL_STUDY);
    const options = resolveRunOptions(study, { stop: 'verdict' });
    const { plan, scenarios } = compilePlan(topology, study, options);
    const verdict = plan.stopping.verdict;
    expect(verdict).toBeDefined();
    expect(verdict?.firstLookBatches).toBe(Math.ceil(Math.min(200_000, options.samples) / options.batchSize));
    scenarios.forEach((description, s) => {
      const conditional = description.deterministic || description.forced.length > 0 || description.attack !== null;
      const limits = verdict?.unavailabilityLimits[s] ?? [];
      expect(limits).toHaveLength(plan.model.services.length);
      if (conditional) expect(limits.every((x) => x === null)).toBe(true);
      for (const [i, svc] of plan.model.services.entries()) {
        const target = topology.services.find((m) => m.id === svc.id)?.target ?? null;
        if (!conditional) expect(limits[i]).toBe(target === null ? null : 1 - target);
      }
    });
    // The fixture has both kinds of scenario and a service with a target.
    expect(verdict?.unavailabilityLimits.some((row) => row.some((x) => x !== null))).toBe(true);
    expect(verdict?.unavailabilityLimits.some((row) => row.every((x) => x === null))).toBe(true);
    expect(
      compilePlan(topology, study, resolveRunOptions(study, { stop: 'samples' })).plan.stopping.verdict,
    ).toBeUndefined();
  });
});
