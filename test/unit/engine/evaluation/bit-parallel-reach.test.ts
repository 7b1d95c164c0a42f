import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countServedEndpoints,
  labelComponents,
  type CompiledScenario,
  type CompiledService,
} from '../../../../engine/index.ts';
import {
  BLOCK_SAMPLES,
  countBits,
  createBitParallelScratch,
  evaluateBitParallel,
} from '../../../../engine/evaluation/bit-parallel-reach.ts';
import { buildDenseScenario } from '../../../../engine/fast/dense-batch.ts';
import { buildFastScenario } from '../../../../engine/fast/fast-scenario.ts';
import { buildTestModel } from '../../../support/build-model.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`fast-check seed: ${seed} (set FC_SEED to replay)`);

// Random graphs with a base state (forced elements, a targeted attack) and 32 random failure sets on top of it.
const caseArbitrary = (maxNodes: number, maxLinks: number, maxFailures: number) =>
  fc.integer({ min: 2, max: maxNodes }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      links: fc.array(
        fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })).filter(([a, b]) => a !== b),
        { minLength: 0, maxLength: maxLinks },
      ),
      forced: fc.array(fc.nat(), { maxLength: 3 }),
      attack: fc.array(fc.nat(), { maxLength: 2 }),
      targeted: fc.boolean(),
      terminals: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(5, n) }),
      from: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(4, n) }),
      to: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(4, n) }),
      k: fc.integer({ min: 1, max: 4 }),
      failures: fc.array(fc.array(fc.nat(), { maxLength: maxFailures }), {
        minLength: 1,
        maxLength: BLOCK_SAMPLES,
      }),
    }),
  );

type Case = ReturnType<typeof caseArbitrary> extends fc.Arbitrary<infer T> ? T : never;

/**
 * Evaluates every service bit-parallel on the block of failure sets, and checks each sample's up state and the
 * block's served endpoints against a full union-find labelling of each sample's state.
 */
function checkCase(c: Case): void {
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
  const model = buildTestModel({ nodeCount: c.n, links: c.links, services });
  const elements = model.elementCount;
  const forced = [...new Set(c.forced.map((x) => x % elements))];
  const attack = [...new Set(c.attack.map((x) => x % elements))];
  const elementsByService = services.map((_, s) => Uint32Array.from(s === 0 ? attack : attack.slice(0, 1)));
  const scenario: CompiledScenario = {
    id: 's',
    name: 's',
    forcedElements: Uint32Array.from(forced),
    forcedGroups: new Uint32Array(0),
    randomFailures: true,
    elementFailureProbability: null,
    groupEventProbability: null,
    attack: c.targeted ? { kind: 'targeted', elementsByService } : { kind: 'none' },
  };
  const fast = buildFastScenario(model, scenario);
  const dense = buildDenseScenario(model, scenario, fast, 'dense');
  const blockSize = c.failures.length;
  const valid = blockSize === 32 ? -1 : (1 << blockSize) - 1;
  // Down words: the random failures of each sample (base-state elements may be listed too; they change nothing).
  const word = new Int32Array(elements);
  c.failures.forEach((list, j) => {
    for (const x of list) word[x % elements] |= 1 << j;
  });
  const parent = new Int32Array(c.n);
  services.forEach((service, s) => {
    const part = dense.parts[s];
    expect(part).not.toBeNull();
    if (part === null) return;
    const scratch = createBitParallelScratch(part.nodeCount, part.k, part.sources.length);
    const up = evaluateBitParallel(part, word, valid, scratch);
    let servedTotal = 0;
    c.failures.forEach((list, j) => {
      const down = new Uint8Array(elements);
      for (const e of forced) down[e] = 1;
      for (const x of list) down[x % elements] = 1;
      if (c.targeted) for (const e of elementsByService[s]) down[e] = 1;
      labelComponents(model, down, parent);
      const served = countServedEndpoints(service, down, parent);
      servedTotal += served;
      const isUp = served === fast.endpointCount[s];
      expect(((up >>> j) & 1) === 1, `service ${service.id}, sample ${j}`).toBe(isUp);
    });
    expect(scratch.servedTotal[0], `service ${service.id}: served endpoints of the block`).toBe(servedTotal);
  });
}

describe('evaluateBitParallel', () => {
  it('gives the up state and served count of a full union-find labelling in every sample, for any base state and attack', () => {
    fc.assert(fc.property(caseArbitrary(14, 26, 8), checkCase), { seed, numRuns: 1500 });
  });

  it('agrees on larger sparse networks with many failures per sample', () => {
    fc.assert(fc.property(caseArbitrary(40, 60, 16), checkCase), { seed, numRuns: 500 });
  });
});

describe('countBits', () => {
  it('counts the set bits of any 32-bit word', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (x) => {
        let expected = 0;
        for (let j = 0; j < 32; j++) expected += (x >>> j) & 1;
        expect(countBits(x)).toBe(expected);
      }),
      { seed, numRuns: 2000 },
    );
  });
});
