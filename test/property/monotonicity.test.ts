// Property: under common random numbers (same seed, same stream), raising any element's failure probability
// never raises a service's estimated availability; and every estimate lies in [0, 1]. Uses the simple sampler:
// its one uniform per element keeps the coupling; the fast (skip) sampler's gaps depend on the probabilities.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBatch, type CompiledModel, type SimulationPlan } from '../../engine/index.ts';
import { buildTestModel } from '../support/build-model.ts';
import { baselineScenario } from '../support/reference-model.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`fast-check seed: ${seed} (set FC_SEED to replay)`);

const modelArbitrary = fc.integer({ min: 3, max: 9 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    links: fc.array(
      fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })).filter(([a, b]) => a !== b),
      { minLength: 1, maxLength: 14 },
    ),
    nodeQ: fc.array(fc.double({ min: 0, max: 0.4, noNaN: true }), { minLength: n, maxLength: n }),
    linkQ: fc.array(fc.double({ min: 0, max: 0.4, noNaN: true }), { minLength: 14, maxLength: 14 }),
    terminals: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 2, maxLength: Math.min(4, n) }),
    bump: fc.nat(),
    bumpTo: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);

function makeModel(n: number, links: Array<[number, number]>, probability: Float64Array, terminals: number[]): CompiledModel {
  return buildTestModel({
    nodeCount: n,
    links,
    nodeFailureProbability: probability.subarray(0, n),
    linkFailureProbability: probability.subarray(n),
    services: [
      { kind: 'connected', id: 'k-terminal', terminals: Uint32Array.from(terminals) },
      { kind: 'reach', id: 'reach', from: Uint32Array.from(terminals.slice(0, 1)), to: Uint32Array.from(terminals.slice(1)), k: 1 },
    ],
  });
}

function downCounts(model: CompiledModel): number[] {
  const plan: SimulationPlan = {
    model,
    scenarios: [baselineScenario()],
    seed: 'crn',
    batchSize: 400,
    stopping: { relativeError: null, maxSamples: 400, maxTimeSeconds: null, minSamples: 0 },
  };
  return runBatch(plan, 0, 0, 400, { sampler: 'simple' }).services.map((t) => (t.kind === 'crude' ? t.down : Number.NaN));
}

describe('availability estimates', () => {
  it('never rise when a failure probability rises (common random numbers), and stay in [0, 1]', () => {
    fc.assert(
      fc.property(modelArbitrary, ({ n, links, nodeQ, linkQ, terminals, bump, bumpTo }) => {
        const probability = Float64Array.from([...nodeQ, ...linkQ.slice(0, links.length)]);
        const before = downCounts(makeModel(n, links, probability, terminals));
        const raised = Float64Array.from(probability);
        const e = bump % raised.length;
        raised[e] = Math.max(raised[e], bumpTo);
        const after = downCounts(makeModel(n, links, raised, terminals));
        for (let s = 0; s < before.length; s++) {
          expect(after[s]).toBeGreaterThanOrEqual(before[s]);
          expect(before[s] / 400).toBeGreaterThanOrEqual(0);
          expect(before[s] / 400).toBeLessThanOrEqual(1);
        }
      }),
      { seed, numRuns: 150 },
    );
  });
});
