// Property: the traffic matrix's routing (ECMP working paths, then restoration over the shortest surviving paths
// with room, engine/services/internal/traffic-routing.ts) serves every demand the volume that a straightforward
// implementation by explicit path enumeration gives (test/support/traffic-oracle.ts), on random small graphs with
// parallel links, ties in the metric, tight capacities and random failures of nodes and links.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCsrTopology, measureTrafficServed, type TrafficService } from '../../engine/index.ts';
import { oracleRouteTraffic } from '../support/traffic-oracle.ts';

const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`fast-check seed: ${seed} (set FC_SEED to replay)`);

const caseArbitrary = fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    links: fc.array(
      fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 2 })).map(([a, b]) => [a, b >= a ? b + 1 : b] as const),
      { minLength: 1, maxLength: 9 },
    ),
    cost: fc.array(fc.constantFrom(1, 1, 2, 3), { minLength: 9, maxLength: 9 }),
    capacity: fc.array(fc.constantFrom(0, 1, 2, 3, 5, 10), { minLength: 9, maxLength: 9 }),
    demands: fc.array(
      fc
        .record({ source: fc.nat({ max: n - 1 }), offset: fc.nat({ max: n - 2 }), volume: fc.constantFrom(1, 2, 3, 4.5) })
        .map(({ source, offset, volume }) => ({ source, target: (source + 1 + offset) % n, volume })),
      { minLength: 1, maxLength: 4 },
    ),
    failed: fc.uniqueArray(fc.nat({ max: n + 8 }), { maxLength: 4 }),
    restoration: fc.boolean(),
    extra: fc.uniqueArray(fc.nat({ max: n + 8 }), { maxLength: 2 }),
  }),
);

interface RoutingCase {
  readonly n: number;
  readonly links: ReadonlyArray<readonly [number, number]>;
  readonly cost: readonly number[];
  readonly capacity: readonly number[];
  readonly demands: ReadonlyArray<{ readonly source: number; readonly target: number; readonly volume: number }>;
  readonly restoration?: boolean;
}

function buildService(c: RoutingCase, demandIndex: number): TrafficService {
  const network = buildCsrTopology(
    c.n,
    c.links.map(([a]) => a),
    c.links.map(([, b]) => b),
  );
  const ends = [...new Set(c.demands.flatMap((d) => [d.source, d.target]))];
  return {
    kind: 'traffic',
    id: `m${demandIndex}`,
    matrixId: 'm',
    demandIndex,
    demandSource: Uint32Array.from(c.demands, (d) => d.source),
    demandTarget: Uint32Array.from(c.demands, (d) => d.target),
    demandVolume: Float64Array.from(c.demands, (d) => d.volume),
    linkCost: Float64Array.from(c.cost.slice(0, c.links.length)),
    linkCapacity: Float64Array.from(c.capacity.slice(0, c.links.length)),
    restoration: c.restoration ?? true,
    from: Uint32Array.from(ends.slice(0, -1)),
    to: Uint32Array.of(ends[ends.length - 1]),
    network,
  };
}

describe('routeTrafficMatrix', () => {
  it('serves each demand what the path-enumeration oracle serves', () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const elementCount = c.n + c.links.length;
        const toDown = (failed: ReadonlySet<number>): Uint8Array => {
          const down = new Uint8Array(elementCount);
          for (const e of failed) down[e] = 1;
          return down;
        };
        const oracle = (failed: ReadonlySet<number>): number[] =>
          oracleRouteTraffic(
            {
              nodeCount: c.n,
              links: c.links,
              cost: c.cost.slice(0, c.links.length),
              capacity: c.capacity.slice(0, c.links.length),
              demands: c.demands,
              restoration: c.restoration,
            },
            failed,
          );
        const failed = new Set(c.failed.filter((e) => e < elementCount));
        const down = toDown(failed);
        const expected = oracle(failed);
        c.demands.forEach((d, i) => {
          const { served, offered } = measureTrafficServed(buildService(c, i), down);
          expect(offered).toBe(d.volume);
          expect(served).toBeCloseTo(expected[i], 9);
        });
        const total = measureTrafficServed(buildService(c, -1), down);
        expect(total.served).toBeCloseTo(
          expected.reduce((a, b) => a + b, 0),
          9,
        );
        // A superset state next (the routing may answer it from the state just routed, a witness): still the oracle's.
        const more = new Set([...failed, ...c.extra.filter((e) => e < elementCount)]);
        const moreDown = toDown(more);
        const expectedMore = oracle(more);
        c.demands.forEach((_, i) => {
          expect(measureTrafficServed(buildService(c, i), moreDown).served).toBeCloseTo(expectedMore[i], 9);
        });
      }),
      { seed, numRuns: 400 },
    );
  });

  it('splits equally over equal-cost next hops (a diamond) and restores over the spare path', () => {
    // 0 -a- 1 -b- 3, 0 -c- 2 -d- 3 (equal cost), 0 -e- 3 expensive spare with capacity 2.
    const c = {
      n: 4,
      links: [
        [0, 1],
        [1, 3],
        [0, 2],
        [2, 3],
        [0, 3],
      ] as const,
      cost: [1, 1, 1, 1, 5, 1, 1, 1, 1],
      capacity: [10, 10, 3, 3, 2, 0, 0, 0, 0],
      demands: [{ source: 0, target: 3, volume: 6 }],
      failed: [],
    };
    const service = buildService(c, 0);
    expect(measureTrafficServed(service, new Uint8Array(9)).served).toBe(6);
    const down = new Uint8Array(9);
    down[4 + 1] = 1; // link b: half the volume (3) lost, 2 restored over the spare link
    expect(measureTrafficServed(service, down).served).toBeCloseTo(5, 12);
  });
});
