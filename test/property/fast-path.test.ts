// Properties of the fast crude path (skip sampler + structure-aware evaluation) that are its own: it gives exactly
// the simple path's tallies whenever a scenario is deterministic, and a batch depends on its own stream only. Its
// agreement with the exact values (random small models, attacks, reference networks) is in the contract suite,
// test/contract/crude-fast.contract.test.ts.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCsrTopology,
  runBatch,
  type CompiledModel,
  type CompiledScenario,
  type CompiledService,
  type SimulationPlan,
} from '../../engine/index.ts';
import { baselineScenario, compileReferenceCase, readReferenceCase } from '../support/reference-model.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`fast-check seed: ${seed} (set FC_SEED to replay)`);

function planOf(
  model: CompiledModel,
  scenario: CompiledScenario,
  studySeed: string,
  batchSize: number,
): SimulationPlan {
  return {
    model,
    scenarios: [scenario],
    seed: studySeed,
    batchSize,
    stopping: { relativeError: null, maxSamples: 1e12, maxTimeSeconds: null, minSamples: 0 },
  };
}

// Small random models: probabilities from 0 to 1 (dense and sparse classes, certain failures), risk groups with
// conditional members, forced elements and groups, probability overrides, scenarios without random failures.
const probabilityArbitrary = fc.oneof(
  fc.constant(0),
  fc.constant(1),
  fc.double({ min: 1e-4, max: 0.02, noNaN: true }),
  fc.double({ min: 0.02, max: 0.6, noNaN: true }),
);

const modelCaseArbitrary = fc.integer({ min: 3, max: 7 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    links: fc.array(
      fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })).filter(([a, b]) => a !== b),
      { minLength: 2, maxLength: 10 },
    ),
    probability: fc.array(probabilityArbitrary, { minLength: n + 10, maxLength: n + 10 }),
    groups: fc.array(
      fc.record({
        event: fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 0.5, noNaN: true }), fc.constant(1)),
        members: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
        memberProbability: fc.oneof(fc.constant(1), fc.double({ min: 0.1, max: 0.9, noNaN: true })),
      }),
      { maxLength: 2 },
    ),
    terminals: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 2, maxLength: Math.min(3, n) }),
    from: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 2 }),
    to: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 3 }),
    k: fc.integer({ min: 1, max: 3 }),
    forcedElements: fc.array(fc.nat(), { maxLength: 2 }),
    forceGroup: fc.boolean(),
    randomFailures: fc.boolean(),
    override: fc.option(fc.tuple(fc.nat(), probabilityArbitrary), { nil: null }),
  }),
);

type ModelCase = typeof modelCaseArbitrary extends fc.Arbitrary<infer T> ? T : never;

function buildCase(c: ModelCase): { model: CompiledModel; scenario: CompiledScenario } {
  const elementCount = c.n + c.links.length;
  const memberStart = [0];
  const memberElement: number[] = [];
  const memberProbability: number[] = [];
  for (const g of c.groups) {
    for (const m of new Set(g.members.map((x) => x % elementCount))) {
      memberElement.push(m);
      memberProbability.push(g.memberProbability);
    }
    memberStart.push(memberElement.length);
  }
  const services: CompiledService[] = [
    { kind: 'connected', id: 'k-terminal', terminals: Uint32Array.from(c.terminals) },
    {
      kind: 'reach',
      id: 'reach',
      from: Uint32Array.from(c.from),
      to: Uint32Array.from(c.to),
      k: Math.min(c.k, c.to.length),
    },
  ];
  const probability = Float64Array.from(c.probability.slice(0, elementCount));
  const model: CompiledModel = {
    topology: buildCsrTopology(
      c.n,
      c.links.map((l) => l[0]),
      c.links.map((l) => l[1]),
    ),
    elementCount,
    elementFailureProbability: probability,
    groups: {
      groupCount: c.groups.length,
      eventProbability: Float64Array.from(c.groups.map((g) => g.event)),
      memberStart: Uint32Array.from(memberStart),
      memberElement: Uint32Array.from(memberElement),
      memberFailureProbability: Float64Array.from(memberProbability),
    },
    services,
    index: { nodeIds: [], nodeNames: [], linkIds: [], groupIds: [], groupNames: [] },
  };
  let override: Float64Array | null = null;
  if (c.override !== null) {
    override = Float64Array.from(probability);
    override[c.override[0] % elementCount] = c.override[1];
  }
  const scenario: CompiledScenario = {
    ...baselineScenario('case'),
    forcedElements: Uint32Array.from(new Set(c.forcedElements.map((x) => x % elementCount))),
    forcedGroups: c.forceGroup && c.groups.length > 0 ? Uint32Array.of(0) : new Uint32Array(0),
    randomFailures: c.randomFailures,
    elementFailureProbability: override,
  };
  return { model, scenario };
}

describe('fast crude path on random small models', () => {
  it('gives the simple path tallies exactly (down, served endpoints, importance) when nothing is random', () => {
    fc.assert(
      fc.property(modelCaseArbitrary, fc.array(fc.nat(), { maxLength: 3 }), (c, targets) => {
        const { model, scenario } = buildCase(c);
        // Deterministic: no random failures, forced groups only with certain members, maybe a targeted attack.
        const certain: CompiledModel = {
          ...model,
          groups: {
            ...model.groups,
            memberFailureProbability: new Float64Array(model.groups.memberElement.length).fill(1),
          },
        };
        const hit = Uint32Array.from(new Set(targets.map((x) => x % model.elementCount)));
        for (const attack of [
          { kind: 'none' } as const,
          { kind: 'targeted', elementsByService: [hit, hit.slice(0, 1)] } as const,
        ]) {
          const deterministic: CompiledScenario = { ...scenario, randomFailures: false, attack };
          const plan = planOf(certain, deterministic, 'deterministic', 7);
          const fast = runBatch(plan, 0, 0, 7, { sampler: 'fast' });
          const simple = runBatch(plan, 0, 0, 7, { sampler: 'simple' });
          expect(fast).toEqual(simple);
        }
      }),
      { seed, numRuns: 300 },
    );
  });
});

describe('fast crude batches', () => {
  it('depend only on their own stream: the same batch alone or after others, random attack included', () => {
    const c = readReferenceCase('grid4x4-all-q0.1');
    const model = compileReferenceCase(c);
    const scenario: CompiledScenario = {
      ...baselineScenario('attacked'),
      attack: { kind: 'random', candidates: Uint32Array.from({ length: model.elementCount }, (_, e) => e), count: 2 },
    };
    for (const s of [baselineScenario(), scenario]) {
      const alone = runBatch(planOf(compileReferenceCase(c), s, 'purity', 5000), 0, 3, 5000);
      const plan = planOf(model, s, 'purity', 5000);
      for (let b = 0; b < 3; b++) runBatch(plan, 0, b, 5000);
      expect(runBatch(plan, 0, 3, 5000)).toEqual(alone);
    }
  });
});
