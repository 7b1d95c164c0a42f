// Unit tests of sabotage planning: each strategy on small networks with known best attacks, budgets, targets,
// determinism and argument checks.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEARCH_NODE_LIMIT,
  planAttack,
  type AttackBudget,
  type AttackStrategy,
  type PlanAttackOptions,
} from '../../../../engine/analysis/index.ts';
import { createNamedStream } from '../../../../engine/sampling/random-stream.ts';
import {
  attackableElements,
  buildBackboneLinks,
  buildTestModel,
  connected,
  isCutOf,
  propertySeed,
  reach,
  TWO_RINGS_LINKS,
} from './analysis-fixtures.ts';

const seed = propertySeed('analysis/sabotage-unit');

// Ring 0-1-2-3-4-5-0 (links 6..11) with a chord 1-4 (12).
const ring = buildTestModel({
  nodeCount: 6,
  links: [
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 4],
    [4, 5],
    [5, 0],
    [1, 4],
  ],
  services: [connected(0, 3), connected(0, 2, 4), reach([0], [2, 3, 4], 2), reach([0], [2, 3, 4], 1)],
});

/** Terminals and from-nodes protected, everything else cost 1. */
function protectedCosts(model: typeof ring, protect: number[]): Float64Array {
  const cost = new Float64Array(model.elementCount).fill(1);
  for (const v of protect) cost[v] = Infinity;
  return cost;
}

function options(
  overrides: Partial<PlanAttackOptions> & Pick<PlanAttackOptions, 'strategy' | 'budget'>,
): PlanAttackOptions {
  return { targets: 'all', attackCost: protectedCosts(ring, [0, 2, 3, 4]), ...overrides };
}

describe('planAttack', () => {
  describe("strategy 'optimal'", () => {
    it('finds the minimum two-element attack on a ring and proves it', () => {
      const result = planAttack(ring, 0, options({ strategy: 'optimal', budget: { kind: 'count', count: 2 } }));
      expect(result).toMatchObject({ disconnects: true, proven: true, cost: 2 });
      expect(result.elements).toHaveLength(2);
      expect(isCutOf(ring, 0, result.elements)).toBe(true);
    });

    it('proves that a smaller budget cannot disconnect and returns the best-damage attack', () => {
      const result = planAttack(ring, 0, options({ strategy: 'optimal', budget: { kind: 'count', count: 1 } }));
      expect(result.disconnects).toBe(false);
      expect(result.proven).toBe(true);
      expect(result.elements.length).toBeLessThanOrEqual(1);
    });

    it('minimises cost under a cost budget', () => {
      const cost = protectedCosts(ring, [0, 2, 3, 4]);
      // Make links around node 0 cheap: cutting both (6, 11) costs 0.5.
      cost[6] = 0.25;
      cost[11] = 0.25;
      const result = planAttack(
        ring,
        0,
        options({ strategy: 'optimal', budget: { kind: 'cost', cost: 1 }, attackCost: cost }),
      );
      expect(result).toEqual({ elements: [6, 11], cost: 0.5, disconnects: true, proven: true });
    });

    it('respects the target kind', () => {
      const nodes = planAttack(
        ring,
        0,
        options({ strategy: 'optimal', budget: { kind: 'count', count: 2 }, targets: 'nodes' }),
      );
      expect(nodes).toMatchObject({ elements: [1, 5], disconnects: true, proven: true });
      const links = planAttack(
        ring,
        0,
        options({ strategy: 'optimal', budget: { kind: 'count', count: 3 }, targets: 'links' }),
      );
      expect(links.disconnects).toBe(true);
      for (const e of links.elements) expect(e).toBeGreaterThanOrEqual(6);
    });

    it('handles k-terminal connected and reach services exactly', () => {
      for (const serviceIndex of [1, 2, 3]) {
        for (const count of [1, 2, 3]) {
          const result = planAttack(
            ring,
            serviceIndex,
            options({ strategy: 'optimal', budget: { kind: 'count', count } }),
          );
          expect(result.proven).toBe(true);
          if (result.disconnects) expect(isCutOf(ring, serviceIndex, result.elements)).toBe(true);
        }
      }
      // reach k = 2 of {2, 3, 4} from 0: cutting 0's two links takes the service down.
      expect(
        planAttack(ring, 2, options({ strategy: 'optimal', budget: { kind: 'count', count: 2 } })).disconnects,
      ).toBe(true);
    });

    it('attacks an endpoint when it is attackable and cheapest', () => {
      const cost = new Float64Array(ring.elementCount).fill(5);
      cost[3] = 1;
      const result = planAttack(
        ring,
        0,
        options({ strategy: 'optimal', budget: { kind: 'cost', cost: 3 }, attackCost: cost }),
      );
      expect(result).toEqual({ elements: [3], cost: 1, disconnects: true, proven: true });
    });

    it('reports proven false when branch and bound hits its node limit', () => {
      const links = buildBackboneLinks(40, 70, 'sabotage-limit');
      const model = buildTestModel({ nodeCount: 40, links, services: [reach([0], [5, 9, 13, 21, 30, 35], 4)] });
      const cost = new Float64Array(model.elementCount).fill(1);
      for (let v = 0; v < 40; v++) cost[v] = Infinity;
      const result = planAttack(model, 0, {
        strategy: 'optimal',
        budget: { kind: 'count', count: 6 },
        targets: 'links',
        attackCost: cost,
        maxFlowComputations: 1,
        searchNodeLimit: 5,
      });
      expect(result.proven).toBe(false);
    });
  });

  describe("strategy 'greedy'", () => {
    it('takes the shared node of two rings first when nodes are targets', () => {
      const twoRings = buildTestModel({
        nodeCount: 5,
        links: TWO_RINGS_LINKS,
        services: [connected(0, 4)],
      });
      const cost = new Float64Array(twoRings.elementCount).fill(1);
      cost[0] = cost[4] = Infinity;
      const result = planAttack(twoRings, 0, {
        strategy: 'greedy',
        budget: { kind: 'count', count: 3 },
        targets: 'all',
        attackCost: cost,
      });
      expect(result).toEqual({ elements: [2], cost: 1, disconnects: true, proven: false });
    });

    it('disconnects the ring within budget 2', () => {
      const result = planAttack(ring, 0, options({ strategy: 'greedy', budget: { kind: 'count', count: 2 } }));
      expect(result.disconnects).toBe(true);
      expect(result.elements.length).toBeLessThanOrEqual(2);
    });
  });

  describe("strategy 'betweenness'", () => {
    it('attacks the bridge between two diamonds first (it carries every shortest path)', () => {
      // Diamonds 0-{1,2}-3 and 4-{5,6}-7 joined by link 3-4 (element 8 + 8 = 16).
      const diamonds = buildTestModel({
        nodeCount: 8,
        links: [
          [0, 1],
          [0, 2],
          [1, 3],
          [2, 3],
          [4, 5],
          [4, 6],
          [5, 7],
          [6, 7],
          [3, 4],
        ],
        services: [connected(0, 7)],
      });
      const cost = new Float64Array(diamonds.elementCount).fill(1);
      const budget: AttackBudget = { kind: 'count', count: 3 };
      const result = planAttack(diamonds, 0, { strategy: 'betweenness', budget, targets: 'links', attackCost: cost });
      expect(result).toEqual({ elements: [16], cost: 1, disconnects: true, proven: false });
    });
  });

  describe("strategy 'random'", () => {
    it('is deterministic given the stream and spends the count budget', () => {
      const run = (): ReturnType<typeof planAttack> =>
        planAttack(
          ring,
          0,
          options({
            strategy: 'random',
            budget: { kind: 'count', count: 3 },
            random: createNamedStream('s', 'attack'),
          }),
        );
      const first = run();
      expect(run()).toEqual(first);
      expect(first.elements).toHaveLength(3);
      expect(first.proven).toBe(false);
    });

    it('requires a random source', () => {
      expect(() => planAttack(ring, 0, options({ strategy: 'random', budget: { kind: 'count', count: 1 } }))).toThrow(
        RangeError,
      );
    });
  });

  it('every strategy stays within budget and targets on random graphs, and never beats optimal', () => {
    const strategies: AttackStrategy[] = ['random', 'betweenness', 'greedy', 'optimal'];
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 9 }),
        fc.string(),
        fc.constantFrom('links' as const, 'nodes' as const, 'all' as const),
        fc.oneof(
          fc.integer({ min: 0, max: 3 }).map((count): AttackBudget => ({ kind: 'count', count })),
          fc.integer({ min: 0, max: 6 }).map((cost): AttackBudget => ({ kind: 'cost', cost })),
        ),
        (n, text, targets, budget) => {
          const links = buildBackboneLinks(n, Math.min(n + 3, (n * (n - 1)) / 2), text);
          const model = buildTestModel({
            nodeCount: n,
            links,
            services: [connected(0, n - 1), reach([1], [0, 2, n - 1], 2)],
          });
          const random = createNamedStream(text, 'costs');
          const attackCost = Float64Array.from({ length: model.elementCount }, () => 1 + Math.floor(random() * 3));
          const attackable = attackableElements(model, attackCost, targets);
          for (const serviceIndex of [0, 1]) {
            const optimal = planAttack(model, serviceIndex, { strategy: 'optimal', budget, targets, attackCost });
            for (const strategy of strategies) {
              const result = planAttack(model, serviceIndex, { strategy, budget, targets, attackCost, random });
              for (const e of result.elements) expect(attackable).toContain(e);
              if (budget.kind === 'count') expect(result.elements.length).toBeLessThanOrEqual(budget.count);
              else expect(result.cost).toBeLessThanOrEqual(budget.cost);
              expect(result.disconnects).toBe(isCutOf(model, serviceIndex, result.elements));
              if (result.disconnects) {
                expect(optimal.disconnects).toBe(true);
                if (budget.kind === 'count')
                  expect(optimal.elements.length).toBeLessThanOrEqual(result.elements.length);
                else expect(optimal.cost).toBeLessThanOrEqual(result.cost);
              }
            }
          }
        },
      ),
      { seed, numRuns: 60 },
    );
  });

  it('returns the empty attack for a service that is already down', () => {
    const broken = buildTestModel({ nodeCount: 2, links: [], services: [connected(0, 1)] });
    const result = planAttack(broken, 0, {
      strategy: 'optimal',
      budget: { kind: 'count', count: 1 },
      targets: 'all',
      attackCost: new Float64Array(2).fill(1),
    });
    expect(result).toEqual({ elements: [], cost: 0, disconnects: true, proven: true });
  });

  it('throws RangeError on invalid arguments', () => {
    const base = options({ strategy: 'optimal', budget: { kind: 'count', count: 1 } });
    expect(() => planAttack(ring, 4, base)).toThrow(RangeError);
    expect(() => planAttack(ring, 0, { ...base, attackCost: new Float64Array(3) })).toThrow(RangeError);
    expect(() =>
      planAttack(ring, 0, { ...base, attackCost: new Float64Array(ring.elementCount).fill(Number.NaN) }),
    ).toThrow(RangeError);
    expect(() => planAttack(ring, 0, { ...base, budget: { kind: 'count', count: -1 } })).toThrow(RangeError);
    expect(() => planAttack(ring, 0, { ...base, budget: { kind: 'count', count: 1.5 } })).toThrow(RangeError);
    expect(() => planAttack(ring, 0, { ...base, budget: { kind: 'cost', cost: -2 } })).toThrow(RangeError);
    expect(() => planAttack(ring, 0, { ...base, searchNodeLimit: 0 })).toThrow(RangeError);
    expect(() => planAttack(ring, 0, { ...base, strategy: 'bogus' as AttackStrategy })).toThrow(RangeError);
    expect(DEFAULT_SEARCH_NODE_LIMIT).toBeGreaterThan(0);
  });
});
