// Properties of the exact attack algorithms on random multigraphs with at most 20 elements: max-flow cut values
// equal brute-force minimum cuts, and the 'optimal' sabotage strategy (max-flow, or branch and bound) equals brute
// force over all attacks within the budget, for count and cost budgets and link, node and all targets.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeMaxFlow,
  createFlowNetwork,
  findMinElementCut,
  findMinServiceCut,
  isServiceDown,
  planAttack,
  type AttackBudget,
} from '../../../engine/analysis/index.ts';
import { searchCheapestAttack } from '../../../engine/analysis/internal/attack-search.ts';
import {
  attackableElements,
  bruteForceCheapestAttack,
  forEachSubset,
} from '../../unit/engine/analysis/analysis-fixtures.ts';
import { attackCostArbitrary, propertySeed, randomCaseArbitrary } from './analysis-arbitraries.ts';

const seed = propertySeed('analysis/sabotage');

const caseWithCosts = (maxElements: number) =>
  randomCaseArbitrary(maxElements, 0).chain((c) =>
    fc.record({
      randomCase: fc.constant(c),
      attackCost: attackCostArbitrary(c.model.elementCount),
      targets: fc.constantFrom('links' as const, 'nodes' as const, 'all' as const),
      budget: fc.oneof(
        fc.integer({ min: 0, max: 3 }).map((count): AttackBudget => ({ kind: 'count', count })),
        fc.integer({ min: 0, max: 7 }).map((cost): AttackBudget => ({ kind: 'cost', cost })),
      ),
      serviceIndex: fc.integer({ min: 0, max: 1 }),
    }),
  );

describe('computeMaxFlow (property)', () => {
  it('equals the minimum capacity over all source-sink vertex bipartitions', () => {
    const networkArbitrary = fc.integer({ min: 2, max: 7 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        arcs: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 }), fc.integer({ min: 0, max: 9 })), {
          maxLength: 16,
        }),
      }),
    );
    fc.assert(
      fc.property(networkArbitrary, ({ n, arcs }) => {
        const network = createFlowNetwork(
          n,
          arcs.map((a) => a[0]),
          arcs.map((a) => a[1]),
          arcs.map((a) => a[2]),
        );
        const { value, sourceSide } = computeMaxFlow(network, 0, n - 1);
        let best = Infinity;
        for (let mask = 0; mask < 1 << n; mask++) {
          if ((mask & 1) === 0 || (mask >> (n - 1)) & 1) continue;
          let capacity = 0;
          for (const [a, b, c] of arcs) if ((mask >> a) & 1 && !((mask >> b) & 1)) capacity += c;
          best = Math.min(best, capacity);
        }
        expect(value).toBe(best);
        let sideCapacity = 0;
        for (const [a, b, c] of arcs) if (sourceSide[a] === 1 && sourceSide[b] === 0) sideCapacity += c;
        expect(sideCapacity).toBe(best);
      }),
      { seed, numRuns: 300 },
    );
  });
});

describe('findMinElementCut (property)', () => {
  it('equals the brute-force cheapest element set separating the source from the sinks', () => {
    fc.assert(
      fc.property(
        randomCaseArbitrary(14, 0),
        fc.nat(),
        fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
        ({ model }, sourceSeed, sinkSeeds) => {
          const n = model.topology.nodeCount;
          const weight = Float64Array.from({ length: model.elementCount }, (_, e) =>
            (e * 7 + sourceSeed) % 5 === 0 ? Infinity : 1 + ((e * 3 + sourceSeed) % 4),
          );
          const source = sourceSeed % n;
          const sinks = [...new Set(sinkSeeds.map((s) => s % n))].filter((t) => t !== source);
          const cut = findMinElementCut(model.topology, weight, source, sinks);
          const finite: number[] = [];
          for (let e = 0; e < model.elementCount; e++) if (e !== source && weight[e] !== Infinity) finite.push(e);
          let best = sinks.length === 0 ? 0 : Infinity;
          const sinkService = {
            kind: 'reach' as const,
            id: 's',
            from: Uint32Array.of(source),
            to: Uint32Array.from(sinks),
            k: 1,
          };
          if (sinks.length > 0) {
            forEachSubset(finite, finite.length, (subset) => {
              const w = subset.reduce((sum, e) => sum + weight[e], 0);
              if (w >= best) return;
              const down = new Uint8Array(model.elementCount);
              for (const e of subset) down[e] = 1;
              if (isServiceDown(model.topology, sinkService, down)) best = w;
            });
          }
          expect(cut.value).toBe(best);
          if (cut.value !== Infinity && sinks.length > 0) {
            const down = new Uint8Array(model.elementCount);
            for (const e of cut.elements) down[e] = 1;
            expect(isServiceDown(model.topology, sinkService, down)).toBe(true);
            expect(cut.elements).not.toContain(source);
          }
        },
      ),
      { seed, numRuns: 200 },
    );
  });
});

describe('findMinServiceCut (property)', () => {
  it('equals the brute-force cheapest attack for connected and reach services', () => {
    fc.assert(
      fc.property(caseWithCosts(16), ({ randomCase: { model }, attackCost, serviceIndex }) => {
        const cut = findMinServiceCut(model.topology, model.services[serviceIndex], attackCost);
        const best = bruteForceCheapestAttack(
          model,
          serviceIndex,
          attackableElements(model, attackCost, 'all'),
          attackCost,
          {
            kind: 'cost',
            cost: Infinity,
          },
        );
        expect(cut).not.toBeNull();
        expect(cut?.value).toBe(best === null ? Infinity : best.cost);
      }),
      { seed, numRuns: 200 },
    );
  });
});

describe('planAttack optimal (property)', () => {
  it('equals brute force over all attacks within the budget', () => {
    fc.assert(
      fc.property(caseWithCosts(20), ({ randomCase: { model }, attackCost, targets, budget, serviceIndex }) => {
        const result = planAttack(model, serviceIndex, { strategy: 'optimal', budget, targets, attackCost });
        const attackable = attackableElements(model, attackCost, targets);
        const best = bruteForceCheapestAttack(model, serviceIndex, attackable, attackCost, budget);
        expect(result.proven).toBe(true);
        expect(result.disconnects).toBe(best !== null);
        for (const e of result.elements) expect(attackable).toContain(e);
        if (budget.kind === 'count') expect(result.elements.length).toBeLessThanOrEqual(budget.count);
        else expect(result.cost).toBeLessThanOrEqual(budget.cost);
        if (best !== null) {
          if (budget.kind === 'count') expect(result.elements.length).toBe(best.count);
          else expect(result.cost).toBe(best.cost);
        }
      }),
      { seed, numRuns: 250 },
    );
  });

  it('the branch-and-bound fallback (one max-flow allowed) agrees with brute force', () => {
    fc.assert(
      fc.property(caseWithCosts(18), ({ randomCase: { model }, attackCost, targets, budget, serviceIndex }) => {
        const result = planAttack(model, serviceIndex, {
          strategy: 'optimal',
          budget,
          targets,
          attackCost,
          maxFlowComputations: 1,
        });
        const best = bruteForceCheapestAttack(
          model,
          serviceIndex,
          attackableElements(model, attackCost, targets),
          attackCost,
          budget,
        );
        expect(result.proven).toBe(true);
        expect(result.disconnects).toBe(best !== null);
        if (best !== null)
          expect(budget.kind === 'count' ? result.elements.length : result.cost).toBe(
            budget.kind === 'count' ? best.count : best.cost,
          );
      }),
      { seed, numRuns: 200 },
    );
  });
});

describe('searchCheapestAttack (property)', () => {
  it('finds the brute-force cheapest attack within a weight limit when it completes', () => {
    fc.assert(
      fc.property(
        caseWithCosts(18),
        fc.integer({ min: 0, max: 8 }),
        ({ randomCase: { model }, attackCost, serviceIndex }, limit) => {
          const result = searchCheapestAttack(model.topology, model.services[serviceIndex], attackCost, limit, 1e6);
          const best = bruteForceCheapestAttack(
            model,
            serviceIndex,
            attackableElements(model, attackCost, 'all'),
            attackCost,
            {
              kind: 'cost',
              cost: limit,
            },
          );
          expect(result.complete).toBe(true);
          expect(result.value).toBe(best === null ? Infinity : best.cost);
          if (result.elements !== null) {
            const down = new Uint8Array(model.elementCount);
            for (const e of result.elements) down[e] = 1;
            expect(isServiceDown(model.topology, model.services[serviceIndex], down)).toBe(true);
          }
        },
      ),
      { seed, numRuns: 200 },
    );
  });
});
