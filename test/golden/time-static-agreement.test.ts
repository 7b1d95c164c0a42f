// Consistency of the time simulation with the static engine on the embedded default model: with independent
// components, exponential times, risk groups recovering together and unlimited crews (repairs start at once), the
// state at a random instant has the steady-state distribution the static samplers draw from (renewal-reward), so
// each service's long-run fraction of time down must equal its static unavailability. Both sides are estimates with
// fixed seeds: they must agree within 3 standard errors of their difference.

import { describe, expect, it } from 'vitest';
import {
  aggregateServices,
  aggregateTimeTally,
  countServiceEndpoints,
  estimateServiceFigures,
  estimateTimeFigures,
  runBatch,
  runTimePlanBatch,
  type TimePlan,
} from '../../engine/index.ts';
import {
  compilePlan,
  compileTimeSimulation,
  loadInput,
  resolveJobOptions,
  resolveRunOptions,
} from '../../scenarios/index.ts';

const YEARS = 8_000;
const STATIC_SAMPLES = 2_000_000;

describe('time simulation against the static engine, default model, baseline scenario', () => {
  it(
    'gives each service a long-run down fraction equal to its static unavailability',
    { timeout: 120_000 },
    async () => {
      const input = await loadInput(null);
      const baseline = { ...input.study, scenarios: input.study.scenarios.slice(0, 1) };

      const options = resolveJobOptions('simulate', [input], { seed: 'agreement', samples: YEARS, batchSize: 1_000 });
      const { plan } = compileTimeSimulation(input.topology, baseline, options);
      const time = plan.model.time;
      if (time === undefined) throw new Error('the default model has a time model');
      // The premise: every time exponential in the default model; then crews removed and groups recovering together.
      expect(
        [...time.elementRepairKind, ...time.elementFailureKind, ...time.groupDurationKind].every((k) => k === 0),
      ).toBe(true);
      const independent: TimePlan = {
        ...plan,
        model: {
          ...plan.model,
          time: {
            ...time,
            elementCrew: new Int32Array(time.elementCrew.length).fill(-1),
            groupRecovery: new Uint8Array(time.groupRecovery.length),
          },
        },
      };
      const batches = Array.from({ length: YEARS / 1_000 }, (_, b) => runTimePlanBatch(independent, 0, b, 1_000));
      const dynamic = aggregateTimeTally({ scenarioIndex: 0, batches }, plan.model.services.length).map((t) =>
        estimateTimeFigures(t, 24),
      );

      const staticStudy = compilePlan(
        input.topology,
        baseline,
        resolveRunOptions(baseline, { seed: 'agreement-static', samples: STATIC_SAMPLES, batchSize: 100_000 }),
      );
      const staticBatches = Array.from({ length: STATIC_SAMPLES / 100_000 }, (_, b) =>
        runBatch(staticStudy.plan, 0, b, 100_000),
      );
      const aggregates = aggregateServices({ scenarioIndex: 0, batches: staticBatches }, staticBatches.length);
      const statics = aggregates.map((a, s) =>
        estimateServiceFigures(a, countServiceEndpoints(staticStudy.plan.model.services[s])),
      );

      expect(dynamic.length).toBe(statics.length);
      dynamic.forEach((d, s) => {
        const u = statics[s].unavailability;
        const seDynamic = (d.downtimeFraction.upper - d.downtimeFraction.lower) / (2 * 1.959963984540054);
        const seStatic = (u.upper - u.lower) / (2 * 1.959963984540054);
        const standardErrors = Math.abs(d.downtimeFraction.estimate - u.estimate) / Math.hypot(seDynamic, seStatic);
        expect(
          standardErrors,
          `service ${plan.model.services[s].id}: ${d.downtimeFraction.estimate} vs ${u.estimate}`,
        ).toBeLessThan(3);
        // Not vacuous: each side saw the service down, with intervals of at most a third of the estimate.
        expect(d.downtimeFraction.estimate).toBeGreaterThan(3 * seDynamic);
        expect(u.estimate).toBeGreaterThan(3 * seStatic);
      });
    },
  );
});
