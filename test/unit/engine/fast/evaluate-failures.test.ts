import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countServedEndpoints,
  labelComponents,
  type CompiledModel,
  type CompiledScenario,
  type CompiledService,
} from '../../../../engine/index.ts';
import { evaluateFailures } from '../../../../engine/fast/evaluate-failures.ts';
import { buildFastScenario } from '../../../../engine/fast/fast-scenario.ts';
import { buildCsrTopology } from '../../../../engine/topology/csr-topology.ts';
import { buildTestModel } from '../../../support/build-model.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`fast-check seed: ${seed} (set FC_SEED to replay)`);

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
      from: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(4, n) }),
      to: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: Math.min(4, n) }),
      k: fc.integer({ min: 1, max: 4 }),
      failures: fc.array(fc.array(fc.nat(), { maxLength: maxFailures }), { minLength: 1, maxLength: 6 }),
      budget: fc.integer({ min: 1, max: 16 }),
    }),
  );

function makeModel(n: number, links: Array<[number, number]>, services: CompiledService[]): CompiledModel {
  return buildTestModel({ nodeCount: n, links, services });
}

type Case = ReturnType<typeof caseArbitrary> extends fc.Arbitrary<infer T> ? T : never;

function checkCase(c: Case): void {
  const services: CompiledService[] = [
    { kind: 'connected', id: 'c', terminals: Uint32Array.from(c.terminals) },
    { kind: 'connected', id: 'pair', terminals: Uint32Array.from(c.terminals.slice(0, 2)) },
    // Kinds that evaluate on their own network (buildTestModel binds it to the topology) beside those that count from
    // the labels: the labelling is skipped for them, and must not be for the others.
    {
      kind: 'latency',
      id: 'lat',
      from: Uint32Array.from(c.from),
      to: Uint32Array.from(c.to),
      boundMs: 2,
      network: buildCsrTopology(c.n, [], []),
      linkDelayMs: Float64Array.from(c.links.map((_, i) => (i % 3) * 0.5 + 0.5)),
    },
    {
      kind: 'protected',
      id: 'prot',
      from: Uint32Array.from(c.to.slice(0, 2)),
      to: Uint32Array.from(c.from),
      k: 2,
      disjoint: 'links',
      network: buildCsrTopology(c.n, [], []),
    },
    {
      kind: 'reach',
      id: 'r',
      from: Uint32Array.from(c.from),
      to: Uint32Array.from(c.to),
      k: Math.min(c.k, c.to.length),
    },
  ];
  const model = makeModel(c.n, c.links, services);
  const elements = model.elementCount;
  const forced = [...new Set(c.forced.map((x) => x % elements))];
  const attack = [...new Set(c.attack.map((x) => x % elements))];
  const scenario: CompiledScenario = {
    id: 's',
    name: 's',
    forcedElements: Uint32Array.from(forced),
    forcedGroups: new Uint32Array(0),
    randomFailures: true,
    elementFailureProbability: null,
    groupEventProbability: null,
    attack: c.targeted
      ? {
          kind: 'targeted',
          elementsByService: services.map((_, s) => Uint32Array.from(s % 2 === 0 ? attack : attack.slice(0, 1))),
        }
      : { kind: 'none' },
  };
  const fast = buildFastScenario(model, scenario);
  fast.searchBudget = c.budget;
  const mark = fast.samplerScratch.elementMark;
  const failed = fast.samplerScratch.failedElements;
  const served = new Float64Array(services.length);
  const parent = new Int32Array(c.n);
  for (const list of c.failures) {
    mark.fill(0);
    for (const e of forced) mark[e] = 1;
    let count = 0;
    for (const x of list) {
      const e = x % elements;
      if (mark[e] === 0) {
        mark[e] = 1;
        failed[count++] = e;
      }
    }
    const before = Uint8Array.from(mark);
    evaluateFailures(model, fast, count, served);
    expect(mark).toEqual(before);
    expect(fast.scenarioRoot).toEqual(fast.baseRoot);
    // The model's services: the traffic-aware ones are bound to its topology there.
    model.services.forEach((service, s) => {
      const down = Uint8Array.from(mark);
      if (c.targeted && scenario.attack.kind === 'targeted')
        for (const e of scenario.attack.elementsByService[s]) down[e] = 1;
      labelComponents(model, down, parent);
      expect([s, served[s]]).toEqual([s, countServedEndpoints(service, down, parent)]);
    });
  }
}

describe('evaluateFailures', () => {
  it('gives the served counts of a full union-find labelling, for any base state, attack and failure list', () => {
    fc.assert(fc.property(caseArbitrary(14, 26, 8), checkCase), { seed, numRuns: 4000 });
  });

  it('agrees on larger sparse networks with many failures and tiny search budgets', () => {
    fc.assert(fc.property(caseArbitrary(40, 60, 16), checkCase), { seed, numRuns: 1500 });
  });
});
