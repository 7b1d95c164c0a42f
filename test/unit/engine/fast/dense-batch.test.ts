import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompiledScenario, CompiledService, SimulationPlan } from '../../../../engine/index.ts';
import {
  buildDenseScenario,
  runDenseSamples,
  type DenseScenario,
  DENSE_FAILURES_PER_SAMPLE,
  DENSE_WORD_STEPS_PER_FAILURE,
  estimateWordSteps,
  expectRelevantFailures,
} from '../../../../engine/fast/dense-batch.ts';
import { buildFastScenario } from '../../../../engine/fast/fast-scenario.ts';
import { runFastCrudeBatch } from '../../../../engine/fast/run-fast-batch.ts';
import { createSteppableBatchStream } from '../../../../engine/sampling/random-stream.ts';
import { buildDodecahedronModel, planOfModel } from '../../../../bench/dense-model.ts';
import { buildTestModel } from '../../../support/build-model.ts';
import { compileReferenceCase, readReferenceCase } from '../../../support/reference-model.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`fast-check seed: ${seed} (set FC_SEED to replay)`);

// Random models whose random failures all fall in one probability class at or below 1/16: the block sampler then
// reads the stream exactly as the skip sampler does (see block-sampler.test.ts), so the dense loop must give the
// scalar loop's tallies number for number, served counts included.
const caseArbitrary = fc.integer({ min: 3, max: 10 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    links: fc.array(
      fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })).filter(([a, b]) => a !== b),
      { minLength: 2, maxLength: 18 },
    ),
    probability: fc.constantFrom(0.06, 0.05, 0.04),
    nodesFail: fc.boolean(),
    forced: fc.array(fc.nat(), { maxLength: 2 }),
    attack: fc.array(fc.nat(), { maxLength: 2 }),
    targeted: fc.boolean(),
    terminals: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(4, n) }),
    from: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 3 }),
    to: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 3 }),
    k: fc.integer({ min: 1, max: 3 }),
    batch: fc.nat({ max: 1000 }),
  }),
);

type Case = ReturnType<typeof caseArbitrary.generate>['value'];

function planOfCase(c: Case): SimulationPlan {
  const services: CompiledService[] = [
    { kind: 'connected', id: 'c', terminals: Uint32Array.from(c.terminals) },
    { kind: 'connected', id: 'pair', terminals: Uint32Array.from(c.terminals.slice(0, 2)) },
    {
      kind: 'reach',
      id: 'r',
      from: Uint32Array.from(c.from),
      to: Uint32Array.from(c.to),
      k: Math.min(c.k, c.to.length),
    },
  ];
  const model = buildTestModel({
    nodeCount: c.n,
    links: c.links,
    nodeFailureProbability: c.nodesFail ? c.probability : 0,
    linkFailureProbability: c.probability,
    services,
  });
  const elements = model.elementCount;
  const attack = [...new Set(c.attack.map((x) => x % elements))];
  const scenario: CompiledScenario = {
    id: 's',
    name: 's',
    forcedElements: Uint32Array.from(new Set(c.forced.map((x) => x % elements))),
    forcedGroups: new Uint32Array(0),
    randomFailures: true,
    elementFailureProbability: null,
    groupEventProbability: null,
    attack: c.targeted
      ? {
          kind: 'targeted',
          elementsByService: services.map((_, s) => Uint32Array.from(s === 0 ? attack : attack.slice(0, 1))),
        }
      : { kind: 'none' },
  };
  return {
    model,
    scenarios: [scenario],
    seed: 'dense',
    batchSize: 3000,
    stopping: { relativeError: null, maxSamples: 1e9, maxTimeSeconds: null, minSamples: 0 },
  };
}

describe('runFastCrudeBatch with the dense-regime loop', () => {
  it('gives the scalar loop tallies, served counts included, when both read the stream alike', () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const plan = planOfCase(c);
        const scalar = runFastCrudeBatch(plan, 0, c.batch, 3000, 'scalar');
        expect(runFastCrudeBatch(plan, 0, c.batch, 3000, 'dense')).toEqual(scalar);
        // 'auto' mixes: bit-parallel services next to services evaluated per sample in the same blocks.
        expect(runFastCrudeBatch(plan, 0, c.batch, 3000, 'auto')).toEqual(scalar);
      }),
      { seed, numRuns: 300 },
    );
  });

  it('is a pure function of (plan, scenario, batch index), with word classes and a random attack too', () => {
    const model = buildDodecahedronModel(0.1);
    const base = planOfModel(model, 'pure', 5000);
    const attacked: SimulationPlan = {
      ...base,
      scenarios: [
        {
          ...base.scenarios[0],
          attack: { kind: 'random', candidates: Uint32Array.from({ length: 30 }, (_, j) => 20 + j), count: 2 },
        },
      ],
    };
    for (const plan of [base, attacked]) {
      const first = runFastCrudeBatch(plan, 0, 7, 5000, 'dense');
      runFastCrudeBatch(plan, 0, 8, 5000, 'dense');
      expect(runFastCrudeBatch(plan, 0, 7, 5000, 'dense')).toEqual(first);
      expect(runFastCrudeBatch(plan, 0, 8, 5000, 'dense')).not.toEqual(first);
    }
  });
});

describe('buildDenseScenario', () => {
  it('chooses bit-parallel evaluation from the expected relevant failures per sample and the part, not from a seed', () => {
    for (const [q, expected, dense] of [
      [0.1, 3, true],
      [0.01, 0.3, true],
      [0.005, 0.15, false],
      [0.001, 0.03, false],
    ] as const) {
      const plan = planOfModel(buildDodecahedronModel(q), 'any', 1000);
      const scenario = plan.scenarios[0];
      const fast = buildFastScenario(plan.model, scenario);
      expect(expectRelevantFailures(plan.model, scenario, fast)[0]).toBeCloseTo(expected, 12);
      const choice = buildDenseScenario(plan.model, scenario, fast, 'auto');
      expect(choice.parts[0] !== null, `q = ${q}`).toBe(dense);
      expect(expected >= DENSE_FAILURES_PER_SAMPLE).toBe(dense);
      const part = buildDenseScenario(plan.model, scenario, fast, 'dense').parts[0];
      // One source over the 60 half-edges of the dodecahedron: 60 / 32 word steps per sample, cheap at any q here.
      expect(part === null ? null : estimateWordSteps(part)).toBe(60 / 32);
      expect(60 / 32).toBeLessThanOrEqual(DENSE_WORD_STEPS_PER_FAILURE * 0.25);
      expect(buildDenseScenario(plan.model, scenario, fast, 'scalar').parts[0]).toBeNull();
      expect(buildDenseScenario(plan.model, scenario, fast, 'dense').parts[0]).not.toBeNull();
    }
  });

  it('expands a layered model\'s routes on the words: circuits fail as often as in the scalar loop', () => {
    const model = compileReferenceCase(readReferenceCase('circuits-ring6-q0.01'));
    expect(model.layers).toBeDefined();
    const plan = planOfModel(model, 'any', 1000);
    const scenario = plan.scenarios[0];
    const fast = buildFastScenario(plan.model, scenario);
    expect(buildDenseScenario(plan.model, scenario, fast, 'dense').denseCount).toBeGreaterThan(0);
    const downOf = (choice: 'dense' | 'scalar') => {
      const tally = runFastCrudeBatch(plan, 0, 0, 400_000, choice).services[0];
      return tally?.kind === 'crude' ? tally.down : Number.NaN;
    };
    // Exact unavailability 2.2671e-3 (reference README): about 907 of 400,000; the two loops read the stream in
    // other orders, so they agree in distribution (within 5 standard deviations of the exact count), not number
    // for number. Without the expansion the dense loop would count no circuit failure at all.
    const expected = 400_000 * 2.2671e-3;
    for (const choice of ['dense', 'scalar'] as const) {
      expect(Math.abs(downOf(choice) - expected), choice).toBeLessThan(5 * Math.sqrt(expected));
    }
  });
});

// Random small models with a forced risk group whose members fail in many samples (a dense class of the sampler,
// as in a forced regional outage) on top of sparse independent failures, optionally a targeted attack.
const outageArbitrary = fc.integer({ min: 4, max: 10 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    links: fc.array(
      fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })).filter(([a, b]) => a !== b),
      { minLength: 3, maxLength: 20 },
    ),
    probability: fc.constantFrom(0.002, 0.01, 0.04),
    memberProbability: fc.constantFrom(0.3, 0.8),
    members: fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 4 }),
    attack: fc.array(fc.nat(), { maxLength: 1 }),
    targeted: fc.boolean(),
    terminals: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 2, maxLength: Math.min(4, n) }),
    from: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 3 }),
    to: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 3 }),
    batch: fc.nat({ max: 1000 }),
  }),
);

describe('the dense loop in a forced outage', () => {
  it('gives the same tallies with and without the worst-case shortcut, and skipped services change nothing else', () => {
    let shortcuts = 0;
    fc.assert(
      fc.property(outageArbitrary, (c) => {
        const services: CompiledService[] = [
          { kind: 'connected', id: 'c', terminals: Uint32Array.from(c.terminals) },
          { kind: 'reach', id: 'r', from: Uint32Array.from(c.from), to: Uint32Array.from(c.to), k: 1 },
        ];
        const elementCount = c.n + c.links.length;
        const model = buildTestModel({
          nodeCount: c.n,
          links: c.links,
          nodeFailureProbability: c.probability,
          linkFailureProbability: c.probability,
          services,
          groups: [{ eventProbability: 0.001, members: c.members.map((m) => [m % elementCount, c.memberProbability] as const) }],
        });
        const attack = Uint32Array.from(new Set(c.attack.map((x) => x % elementCount)));
        const scenario: CompiledScenario = {
          id: 'outage',
          name: 'outage',
          forcedElements: new Uint32Array(0),
          forcedGroups: Uint32Array.of(0),
          randomFailures: true,
          elementFailureProbability: null,
          groupEventProbability: null,
          attack: c.targeted ? { kind: 'targeted', elementsByService: [attack, attack.slice(0, 0)] } : { kind: 'none' },
        };
        const plan: SimulationPlan = {
          model,
          scenarios: [scenario],
          seed: 'outage',
          batchSize: 2000,
          stopping: { relativeError: null, maxSamples: 1e9, maxTimeSeconds: null, minSamples: 0 },
        };
        const fast = buildFastScenario(model, scenario);
        const dense = buildDenseScenario(model, scenario, fast, 'dense');
        shortcuts += dense.worstCaseRoles.filter((roles) => roles !== null).length;
        const tallies = (d: DenseScenario, skip: Uint8Array | null) => {
          const down = new Float64Array(services.length);
          const served = new Float64Array(services.length);
          const stream = createSteppableBatchStream(plan.seed, scenario.id, c.batch);
          runDenseSamples(model, scenario, fast, d, stream, 2000, down, served, skip);
          return { down: Array.from(down), served: Array.from(served) };
        };
        const plain = tallies({ ...dense, worstCaseRoles: dense.worstCaseRoles.map(() => null) }, null);
        expect(tallies(dense, null)).toEqual(plain);
        // Skipping service 0 leaves service 1's tallies as they were (same stream, same evaluation).
        const skipped = tallies(dense, Uint8Array.of(1, 0));
        expect([skipped.down[1], skipped.served[1]]).toEqual([plain.down[1], plain.served[1]]);
      }),
      { seed, numRuns: 300 },
    );
    // The shortcut was taken: some services are up in the outage's worst case.
    expect(shortcuts).toBeGreaterThan(20);
  });
});
