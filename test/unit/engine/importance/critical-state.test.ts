// The criticality logic without noise: every state of small models run through accumulateCriticalState with its
// probability as weight must give the exact u, Birnbaum importance and conditional unavailabilities of engine/exact.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeExactImportance } from '../../../../engine/exact/index.ts';
import { createImportanceScratch } from '../../../../engine/importance/index.ts';
import {
  drawCriticalState,
  accumulateCriticalState,
  createCriticalCounts,
} from '../../../../engine/importance/internal/critical-state.ts';
import { buildImportancePlan } from '../../../../engine/importance/internal/importance-plan.ts';
import type { CompiledModel, CompiledScenario } from '../../../../engine/model.ts';
import { createSampleScratch, sampleScenarioState } from '../../../../engine/sampling/failure-sampler.ts';
import { createBatchStream } from '../../../../engine/sampling/random-stream.ts';
import { arbitraryModel } from '../exact/random-models.ts';
import {
  baselineScenario,
  bridgeModel,
  buildModel,
  connected,
  parallelModel,
  seriesModel,
} from '../exact/model-builders.ts';
import { countUncertainItems, enumerateCriticalCounts, propertySeed, ringModel } from './importance-fixtures.ts';

const TOLERANCE = 1e-12;

/** Checks D, C and C_failed of every item of every service against computeExactImportance. */
function expectExactCounts(model: CompiledModel, scenario: CompiledScenario = baselineScenario()): void {
  const serviceIndices = model.services.map((_, s) => s);
  const { plan, counts, totalWeight } = enumerateCriticalCounts(model, scenario, serviceIndices);
  expect(totalWeight).toBeCloseTo(1, 12);
  const items = Array.from({ length: plan.itemCount }, (_, i) => i);
  serviceIndices.forEach((s, slot) => {
    const exact = computeExactImportance(model, s, { scenario, elements: items });
    if (exact === null) throw new Error('exact importance gave up');
    for (const m of exact) {
      const critical = counts.critical[slot * plan.itemCount + m.element];
      const failed = counts.criticalFailed[slot * plan.itemCount + m.element];
      const label = `service ${s} item ${m.element}`;
      expect(Math.abs(counts.serviceDown[slot] - m.unavailability), label).toBeLessThan(TOLERANCE);
      expect(Math.abs(critical - m.birnbaum), label).toBeLessThan(TOLERANCE);
      // Critical while working: u(down) - u; critical while failed: u - u(up).
      expect(Math.abs(critical - failed - (m.unavailabilityDown - m.unavailability)), label).toBeLessThan(TOLERANCE);
      expect(Math.abs(failed - (m.unavailability - m.unavailabilityUp)), label).toBeLessThan(TOLERANCE);
    }
  });
}

describe('accumulateCriticalState (exhaustive, weighted by state probability)', () => {
  it('series, parallel and bridge networks, with node failures', () => {
    expectExactCounts(seriesModel(4, 0.05, 0.01));
    expectExactCounts(parallelModel(3, 0.2));
    expectExactCounts(bridgeModel([0.1, 0.2, 0.05, 0.3, 0.15], [0.01, 0.02, 0.05, 0.03]));
  });

  it('a ring with a risk group (member probabilities 1 and 0.5), three service kinds', () => {
    expectExactCounts(ringModel(6));
  });

  it('a duct over three parallel links, one of them failing only half the time with the event', () => {
    const model = buildModel({
      nodeCount: 3,
      links: [
        [0, 1],
        [0, 1],
        [0, 1],
        [1, 2],
        [0, 2],
      ],
      nodeFailureProbability: [0, 0, 0.01],
      linkFailureProbability: [0.05, 0.1, 0.02, 0.03, 0.04],
      services: [connected([0, 1], 'pair'), connected([0, 1, 2], 'triple')],
      groups: [
        {
          eventProbability: 0.1,
          members: [
            [3, 1],
            [4, 1],
            [5, 0.5],
          ],
        },
        {
          eventProbability: 0.2,
          members: [
            [6, 1],
            [7, 0.3],
          ],
        },
      ],
    });
    expectExactCounts(model);
    expectExactCounts(model, baselineScenario({ forcedElements: Uint32Array.of(6) }));
  });

  it('scenarios: probability override, forced element, forced group, targeted attack, no random failures', () => {
    const model = ringModel(6);
    const override = Float64Array.from(model.elementFailureProbability, (q) => Math.min(1, 2 * q));
    expectExactCounts(
      model,
      baselineScenario({ elementFailureProbability: override, groupEventProbability: Float64Array.of(0.3) }),
    );
    expectExactCounts(model, baselineScenario({ forcedElements: Uint32Array.of(6 + 3) }));
    expectExactCounts(model, baselineScenario({ forcedGroups: Uint32Array.of(0) }));
    expectExactCounts(
      model,
      baselineScenario({
        attack: { kind: 'targeted', elementsByService: [Uint32Array.of(6 + 4), Uint32Array.of(2), new Uint32Array(0)] },
      }),
    );
    expectExactCounts(model, baselineScenario({ randomFailures: false, forcedElements: Uint32Array.of(6, 3) }));
  });

  it('random small models with risk groups and scenarios (fast-check)', () => {
    const seed = propertySeed('critical-state exhaustive');
    fc.assert(
      fc.property(
        arbitraryModel({ maxNodes: 6, maxLinks: 8, withGroups: true }),
        fc.nat({ max: 3 }),
        fc.nat(),
        (model, variant, pick) => {
          const element = pick % model.elementCount;
          const scenario =
            variant === 0
              ? baselineScenario()
              : variant === 1
                ? baselineScenario({ forcedElements: Uint32Array.of(element) })
                : variant === 2
                  ? baselineScenario({ attack: { kind: 'targeted', elementsByService: [Uint32Array.of(element)] } })
                  : baselineScenario({
                      forcedGroups: model.groups.groupCount > 0 ? Uint32Array.of(0) : new Uint32Array(0),
                    });
          fc.pre(countUncertainItems(model, scenario) <= 16);
          expectExactCounts(model, scenario);
        },
      ),
      { seed, numRuns: 150 },
    );
  });
});

describe('drawCriticalState', () => {
  it('draws the same states as the crude sampler from the same stream (risk groups, forced items, random attack)', () => {
    const model = ringModel(8);
    const scenario = baselineScenario({
      forcedElements: Uint32Array.of(3),
      forcedGroups: new Uint32Array(0),
      attack: { kind: 'random', candidates: Uint32Array.of(1, 2, 8, 9, 10), count: 2 },
    });
    const plan = buildImportancePlan(model, scenario, [0, 1, 2]);
    const scratch = createImportanceScratch(model);
    scratch.attackPool = new Uint32Array(5);
    const counts = createCriticalCounts(plan);
    const sampleScratch = createSampleScratch(model, scenario);
    const a = createBatchStream('draw', 'ring', 0);
    const b = createBatchStream('draw', 'ring', 0);
    for (let i = 0; i < 2000; i++) {
      drawCriticalState(plan, a, scratch);
      accumulateCriticalState(plan, scratch, 1, counts);
      sampleScenarioState(model, scenario, b, sampleScratch);
      expect(Array.from(scratch.down)).toEqual(Array.from(sampleScratch.elementDown));
      expect(Array.from(scratch.groupOccurred)).toEqual(Array.from(sampleScratch.groupOccurred));
    }
  });
});
