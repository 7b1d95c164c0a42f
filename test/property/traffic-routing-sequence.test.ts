// Property: the routing's shortcuts across states (the last state, witnesses, the cache of routed states) answer
// every state of a long sequence on one matrix exactly as a fresh routing of that state alone does, and as the
// path-enumeration oracle does (test/support/traffic-oracle.ts). The states repeat, with and without extra failures
// (on elements that matter or not), so every shortcut is taken.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCsrTopology, measureTrafficServed, type TrafficService } from '../../engine/index.ts';
import { oracleRouteTraffic } from '../support/traffic-oracle.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`traffic-routing-sequence: fast-check seed ${seed} (set FC_SEED to replay)`);

const MAX_LINKS = 12;

const caseArbitrary = fc.integer({ min: 3, max: 8 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    links: fc.array(
      fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 2 })).map(([a, b]) => [a, b >= a ? b + 1 : b] as const),
      { minLength: 2, maxLength: MAX_LINKS },
    ),
    cost: fc.array(fc.constantFrom(1, 1, 2, 3), { minLength: MAX_LINKS, maxLength: MAX_LINKS }),
    capacity: fc.array(fc.constantFrom(0, 1, 2, 3, 5, 10), { minLength: MAX_LINKS, maxLength: MAX_LINKS }),
    demands: fc.array(
      fc
        .record({
          source: fc.nat({ max: n - 1 }),
          offset: fc.nat({ max: n - 2 }),
          volume: fc.constantFrom(1, 2, 3, 4.5),
        })
        .map(({ source, offset, volume }) => ({ source, target: (source + 1 + offset) % n, volume })),
      { minLength: 1, maxLength: 3 },
    ),
    restoration: fc.boolean(),
    // Every link of one metric (hop counts): the restoration's breadth-first search instead of the heap.
    hops: fc.boolean(),
    pool: fc.array(fc.uniqueArray(fc.nat({ max: n + MAX_LINKS - 1 }), { maxLength: 3 }), {
      minLength: 1,
      maxLength: 4,
    }),
    sequence: fc.array(
      fc.tuple(fc.nat({ max: 3 }), fc.uniqueArray(fc.nat({ max: n + MAX_LINKS - 1 }), { maxLength: 2 })),
      { minLength: 5, maxLength: 30 },
    ),
  }),
);

interface RoutingCase {
  readonly n: number;
  readonly links: ReadonlyArray<readonly [number, number]>;
  readonly cost: readonly number[];
  readonly capacity: readonly number[];
  readonly demands: ReadonlyArray<{ readonly source: number; readonly target: number; readonly volume: number }>;
  readonly restoration: boolean;
  readonly hops: boolean;
}

/**
 * The case's matrix; with `detour`, two more nodes joined by a link of another metric, away from every demand: the
 * same routing, but the links no longer share one metric.
 */
function buildService(c: RoutingCase, matrixId: string, demandIndex: number, detour = false): TrafficService {
  const links = detour ? [...c.links, [c.n, c.n + 1] as const] : c.links;
  const cost = c.cost.slice(0, c.links.length).map((x) => (c.hops ? 1 : x));
  if (detour) cost.push(Math.max(...cost) + 1);
  const network = buildCsrTopology(
    detour ? c.n + 2 : c.n,
    links.map(([a]) => a),
    links.map(([, b]) => b),
  );
  const ends = [...new Set(c.demands.flatMap((d) => [d.source, d.target]))];
  return {
    kind: 'traffic',
    id: `${matrixId}/${demandIndex}`,
    matrixId,
    demandIndex,
    demandSource: Uint32Array.from(c.demands, (d) => d.source),
    demandTarget: Uint32Array.from(c.demands, (d) => d.target),
    demandVolume: Float64Array.from(c.demands, (d) => d.volume),
    linkCost: Float64Array.from(cost),
    linkCapacity: Float64Array.from(
      detour ? [...c.capacity.slice(0, c.links.length), 1] : c.capacity.slice(0, c.links.length),
    ),
    restoration: c.restoration,
    from: Uint32Array.from(ends.slice(0, -1)),
    to: Uint32Array.of(ends[ends.length - 1]),
    network,
  };
}

let matrixCount = 0;

describe('routeTrafficMatrix over a sequence of states', () => {
  it('answers each state as a fresh routing and the oracle do', () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const elementCount = c.n + c.links.length;
        const matrixId = `sequence-${matrixCount++}`;
        const services = [-1, ...c.demands.map((_, i) => i)].map((i) => buildService(c, matrixId, i));
        for (const [which, extra] of c.sequence) {
          const failed = new Set([...c.pool[which % c.pool.length], ...extra].filter((e) => e < elementCount));
          const down = new Uint8Array(elementCount);
          for (const e of failed) down[e] = 1;
          const expected = oracleRouteTraffic(
            {
              nodeCount: c.n,
              links: c.links,
              cost: c.cost.slice(0, c.links.length).map((x) => (c.hops ? 1 : x)),
              capacity: c.capacity.slice(0, c.links.length),
              demands: c.demands,
              restoration: c.restoration,
            },
            failed,
          );
          for (const service of services) {
            // A matrix of its own (a new id): no state routed before this one.
            const fresh = buildService(c, `fresh-${matrixCount++}`, service.demandIndex);
            const what = `demand ${service.demandIndex} in state [${[...failed].join(', ')}]`;
            const got = measureTrafficServed(service, down).served;
            expect(got, what).toBe(measureTrafficServed(fresh, down).served);
            const oracle =
              service.demandIndex < 0 ? expected.reduce((a, b) => a + b, 0) : expected[service.demandIndex];
            expect(got, what).toBeCloseTo(oracle, 9);
            // Another metric elsewhere (the heap's search): the same volumes, bit for bit.
            const detour = buildService(c, `detour-${matrixCount++}`, service.demandIndex, true);
            const detourDown = new Uint8Array(elementCount + 3);
            for (const e of failed) detourDown[e < c.n ? e : e + 2] = 1;
            expect(measureTrafficServed(detour, detourDown).served, what).toBe(got);
          }
        }
      }),
      { seed, numRuns: 300 },
    );
  });
});
