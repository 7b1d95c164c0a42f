// fast-check arbitraries for engine/analysis properties: small random multigraphs with connected and reach
// services, optional risk groups and attack costs. The seed comes from FC_SEED when set and is printed.

import fc from 'fast-check';
import type { CompiledModel, CompiledService } from '../../../engine/model.ts';
import { buildTestModel } from '../../unit/engine/analysis/analysis-fixtures.ts';

export { propertySeed } from '../../unit/engine/analysis/analysis-fixtures.ts';

export interface RandomCase {
  readonly model: CompiledModel;
  /** The links as generated, for failure messages. */
  readonly links: ReadonlyArray<readonly [number, number]>;
}

function serviceArbitrary(n: number): fc.Arbitrary<CompiledService> {
  const node = fc.integer({ min: 0, max: n - 1 });
  const connected = fc
    .uniqueArray(node, { minLength: 1, maxLength: Math.min(4, n) })
    .map((terminals): CompiledService => ({ kind: 'connected', id: 'c', terminals: Uint32Array.from(terminals) }));
  const reach = fc
    .record({
      from: fc.uniqueArray(node, { minLength: 1, maxLength: Math.min(2, n) }),
      to: fc.uniqueArray(node, { minLength: 1, maxLength: Math.min(4, n) }),
      kSeed: fc.nat(),
    })
    .map(({ from, to, kSeed }): CompiledService => ({
      kind: 'reach',
      id: 'r',
      from: Uint32Array.from(from),
      to: Uint32Array.from(to),
      k: 1 + (kSeed % to.length),
    }));
  return fc.oneof(connected, reach);
}

/**
 * A random model with `nodeCount + linkCount <= maxElements`, two services (index 0 and 1) and, when
 * `maxGroups > 0`, up to that many risk groups of 1 to 3 random member elements.
 */
export function randomCaseArbitrary(maxElements: number, maxGroups: number): fc.Arbitrary<RandomCase> {
  return fc.integer({ min: 2, max: Math.min(8, maxElements) }).chain((n) =>
    fc
      .record({
        links: fc.array(
          fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })).filter(([a, b]) => a !== b),
          { maxLength: maxElements - n },
        ),
        services: fc.tuple(serviceArbitrary(n), serviceArbitrary(n)),
        groupSeeds: fc.array(fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }), { maxLength: maxGroups }),
      })
      .map(({ links, services, groupSeeds }) => {
        const elementCount = n + links.length;
        const groups = groupSeeds.map((seeds) => [...new Set(seeds.map((s) => s % elementCount))]);
        return { model: buildTestModel({ nodeCount: n, links, services, groups }), links };
      }),
  );
}

/** Attack costs: integers in [1, 4], Infinity (not attackable) with probability about 1/6. */
export function attackCostArbitrary(elementCount: number): fc.Arbitrary<Float64Array> {
  return fc
    .array(fc.integer({ min: 0, max: 5 }), { minLength: elementCount, maxLength: elementCount })
    .map((values) => Float64Array.from(values, (v) => (v === 0 ? Infinity : Math.min(v, 4))));
}
