// Exact and adversarial answers for the traffic-aware kinds (capacity, latency, protected), which fail without a
// disconnection: minimal cut sets by evaluation against a brute-force enumeration of every small set, and the
// optimal saboteur against the brute-force cheapest attack, on random small models (service state by the plain
// oracles of test/support, independent of the engine's flow code).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAllMinimalCutSets, findMinimalCutSets, planAttack } from '../../../../engine/analysis/index.ts';
import type { CompiledModel, CompiledService, TrafficService } from '../../../../engine/index.ts';
import { StraightforwardModel } from '../../../../bench/straightforward-baseline.ts';
import { SERVICE_ARBITRARIES } from '../../../contract/support/contract-models.ts';
import { buildTestModel } from '../../../support/build-model.ts';

const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
console.log(`traffic-analysis: fast-check seed ${seed} (set FC_SEED to replay)`);

const KINDS = ['capacity', 'latency', 'protected'] as const;

function caseArbitrary(kind: (typeof KINDS)[number] | 'traffic') {
  return fc.integer({ min: 3, max: 5 }).chain((nodeCount) =>
    fc.record({
      nodeCount: fc.constant(nodeCount),
      links: fc.array(
        fc
          .tuple(fc.nat({ max: nodeCount - 1 }), fc.nat({ max: nodeCount - 2 }))
          .map(([a, b]) => [a, b >= a ? b + 1 : b] as const),
        { minLength: 2, maxLength: 7 },
      ),
      service: SERVICE_ARBITRARIES[kind](nodeCount) as fc.Arbitrary<CompiledService>,
      group: fc.uniqueArray(fc.nat({ max: nodeCount + 1 }), { minLength: 1, maxLength: 2 }),
    }),
  );
}

function buildCase(c: { nodeCount: number; links: ReadonlyArray<readonly [number, number]>; service: CompiledService; group: number[] }): CompiledModel {
  const elementCount = c.nodeCount + c.links.length;
  return buildTestModel({
    nodeCount: c.nodeCount,
    links: c.links,
    services: [c.service],
    groups: [{ eventProbability: 0.01, members: c.group.filter((e) => e < elementCount).map((e) => [e, 1] as const) }],
  });
}

/** Whether the service is down with the given codes (elements, then groups as elementCount + g) failed. */
function isDownWith(model: CompiledModel, oracle: StraightforwardModel, codes: readonly number[]): boolean {
  const failed = new Set<number>();
  for (const code of codes) {
    if (code < model.elementCount) failed.add(code);
    else {
      const g = code - model.elementCount;
      for (let m = model.groups.memberStart[g]; m < model.groups.memberStart[g + 1]; m++) failed.add(model.groups.memberElement[m]);
    }
  }
  return !oracle.isUp(model.services[0], failed);
}

/** Every minimal cut set of order <= maxOrder by brute force over all sets, as sorted keys. */
function bruteForceCutSets(model: CompiledModel, maxOrder: number): string[] {
  const oracle = new StraightforwardModel(model);
  const codes = Array.from({ length: model.elementCount + model.groups.groupCount }, (_, i) => i);
  if (isDownWith(model, oracle, [])) return [''];
  const found: string[] = [];
  const cuts: number[][] = [];
  const visit = (start: number, chosen: number[], order: number): void => {
    if (chosen.length === order) {
      if (cuts.some((c) => c.every((x) => chosen.includes(x)))) return;
      if (isDownWith(model, oracle, chosen)) {
        // Minimal: no proper subset is a cut (check every subset, not only the recorded ones).
        for (let mask = 0; mask < (1 << order) - 1; mask++) {
          if (isDownWith(model, oracle, chosen.filter((_, i) => (mask >> i) & 1))) return;
        }
        cuts.push([...chosen]);
        found.push(chosen.join(','));
      }
      return;
    }
    for (let i = start; i < codes.length; i++) visit(i + 1, [...chosen, codes[i]], order);
  };
  for (let order = 1; order <= maxOrder; order++) visit(0, [], order);
  return found.sort();
}

describe('findMinimalCutSets on capacity, latency and protected services', () => {
  for (const kind of KINDS) {
    it(`${kind}: equals the brute-force minimal cut sets up to order 3, risk groups included`, () => {
      fc.assert(
        fc.property(caseArbitrary(kind), (c) => {
          const model = buildCase(c);
          const result = findMinimalCutSets(model, 0, { maxOrder: 3 });
          expect(result.truncated).toBe(false);
          const keys = result.cutSets.map((cut) => cut.elements.join(',')).sort();
          expect(keys).toEqual(bruteForceCutSets(model, 3));
        }),
        { seed, numRuns: 60 },
      );
    });
  }
});

describe('planAttack (optimal) on capacity, latency and protected services', () => {
  for (const kind of KINDS) {
    it(`${kind}: finds the fewest links that take the service down, proven, within the budget`, () => {
      fc.assert(
        fc.property(caseArbitrary(kind), fc.integer({ min: 1, max: 3 }), (c, budget) => {
          const model = buildCase(c);
          const oracle = new StraightforwardModel(model);
          const n = model.topology.nodeCount;
          const links = Array.from({ length: model.topology.linkCount }, (_, j) => n + j);
          // Brute force: the smallest number of links whose failure takes the service down.
          let best = Infinity;
          for (let mask = 0; mask < 2 ** links.length; mask++) {
            const chosen = links.filter((_, i) => (mask >> i) & 1);
            if (chosen.length < best && isDownWith(model, oracle, chosen)) best = chosen.length;
          }
          const attack = planAttack(model, 0, {
            strategy: 'optimal',
            budget: { kind: 'count', count: budget },
            targets: 'links',
            attackCost: new Float64Array(model.elementCount).fill(1),
          });
          expect(attack.proven).toBe(true);
          if (best <= budget) {
            expect(attack.disconnects).toBe(true);
            expect(attack.elements.length).toBe(best);
            expect(isDownWith(model, oracle, attack.elements)).toBe(true);
          } else {
            expect(attack.disconnects).toBe(false);
          }
        }),
        { seed, numRuns: 60 },
      );
    });
  }
});

describe('findAllMinimalCutSets', () => {
  it('equals findMinimalCutSets per service on traffic matrices whose services share their routing', () => {
    fc.assert(
      fc.property(
        caseArbitrary('traffic').filter((c) => c.links.length >= 3),
        fc.array(fc.constantFrom(0, 1, 2, 3, 5, 10), { minLength: 16, maxLength: 16 }),
        (c, otherCapacities) => {
          const matrix = c.service as TrafficService;
          const demandCount = matrix.demandSource.length;
          // The whole matrix and each demand, then a matrix with the same id and demands but other capacities (it
          // must not share the first one's routing), then a connectivity service between them.
          const services: CompiledService[] = [];
          for (let d = -1; d < demandCount; d++) services.push({ ...matrix, id: `t${d}`, demandIndex: d });
          const other = { ...matrix, linkCapacity: Float64Array.from(otherCapacities) };
          for (let d = demandCount - 1; d >= -1; d--) services.push({ ...other, id: `o${d}`, demandIndex: d });
          services.push({ kind: 'connected', id: 'c', terminals: Uint32Array.of(0, c.nodeCount - 1) });
          const model = buildCase({ ...c, service: services[0] });
          const withAll = { ...model, services: buildTestModel({ nodeCount: c.nodeCount, links: c.links, services }).services };
          const all = findAllMinimalCutSets(withAll, { maxOrder: 3 });
          expect(all).toEqual(withAll.services.map((_, s) => findMinimalCutSets(withAll, s, { maxOrder: 3 })));
        },
      ),
      { seed, numRuns: 100 },
    );
  });
});
