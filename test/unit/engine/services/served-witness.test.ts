// The witness shortcut of the traffic-aware kinds: a service that remembers the flow or paths that last served it
// answers every state exactly as a fresh search does, whatever sequence of states came before (the shortcut only
// skips the search while the remembered elements are all up).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCsrTopology,
  serviceKindOf,
  type CapacityService,
  type LatencyService,
  type ProtectedService,
} from '../../../../engine/index.ts';
import { createComponentSearchScratch } from '../../../../engine/services/component-search.ts';
import { isWitnessIntact } from '../../../../engine/services/internal/served-witness.ts';

const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
console.log(`served-witness: fast-check seed ${seed} (set FC_SEED to replay)`);

type TrafficService = CapacityService | LatencyService | ProtectedService;

interface TrafficCase {
  readonly nodeCount: number;
  readonly links: ReadonlyArray<{ a: number; b: number; capacity: number; delay: number }>;
  readonly from: number[];
  readonly to: number[];
  readonly demand: number;
  readonly bound: number;
  readonly k: number;
  readonly disjoint: 'links' | 'nodes';
  /** Each state: the element indices that are down (few per state, as in sampling). */
  readonly states: number[][];
}

const caseArbitrary: fc.Arbitrary<TrafficCase> = fc.integer({ min: 3, max: 8 }).chain((nodeCount) =>
  fc.record({
    nodeCount: fc.constant(nodeCount),
    links: fc.array(
      fc
        .tuple(
          fc.nat({ max: nodeCount - 1 }),
          fc.nat({ max: nodeCount - 2 }),
          fc.constantFrom(1, 2, 5, 10),
          fc.constantFrom(0.1, 0.3, 0.5),
        )
        .map(([a, b, capacity, delay]) => ({ a, b: b >= a ? b + 1 : b, capacity, delay })),
      { minLength: 2, maxLength: 14 },
    ),
    from: fc.uniqueArray(fc.nat({ max: nodeCount - 1 }), { minLength: 1, maxLength: 3 }),
    to: fc.uniqueArray(fc.nat({ max: nodeCount - 1 }), { minLength: 1, maxLength: 2 }),
    demand: fc.constantFrom(1, 3, 6, 12),
    bound: fc.constantFrom(0.2, 0.6, 1.0),
    k: fc.constantFrom(1, 2, 3),
    disjoint: fc.constantFrom('links' as const, 'nodes' as const),
    states: fc.array(fc.uniqueArray(fc.nat({ max: 22 }), { maxLength: 3 }), { minLength: 5, maxLength: 25 }),
  }),
);

function buildServices(c: TrafficCase): TrafficService[] {
  const network = buildCsrTopology(
    c.nodeCount,
    c.links.map((l) => l.a),
    c.links.map((l) => l.b),
  );
  const base = { from: Uint32Array.from(c.from), to: Uint32Array.from(c.to), network };
  const capacity: CapacityService = {
    ...base,
    id: 'capacity',
    kind: 'capacity',
    demand: c.demand,
    linkCapacity: Float64Array.from(c.links, (l) => l.capacity),
  };
  const latency: LatencyService = {
    ...base,
    id: 'latency',
    kind: 'latency',
    boundMs: c.bound,
    linkDelayMs: Float64Array.from(c.links, (l) => l.delay),
  };
  const protectedService: ProtectedService = { ...base, id: 'protected', kind: 'protected', k: c.k, disjoint: c.disjoint };
  return [capacity, latency, protectedService];
}

describe('the witness shortcut of capacity, latency and protected services', () => {
  it('answers every state of a sequence as a fresh search does', () => {
    let shortcuts = 0;
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const elementCount = c.nodeCount + c.links.length;
        const scratch = createComponentSearchScratch(c.nodeCount);
        const roots = new Int32Array(c.nodeCount);
        for (const service of buildServices(c)) {
          const kind = serviceKindOf(service);
          for (const state of c.states) {
            const down = new Uint8Array(elementCount);
            for (const e of state) if (e < elementCount) down[e] = 1;
            if (isWitnessIntact(service, down)) shortcuts++;
            // A copy has no witness: it always searches.
            const what = `${service.kind} in state [${state.join(', ')}]`;
            expect(kind.countServed(service, down, roots), what).toBe(kind.countServed({ ...service }, down, roots));
            expect(kind.isDown(service.network, service, down, scratch, 1), what).toBe(
              kind.isDown(service.network, { ...service }, down, scratch, 1),
            );
            expect(kind.measureLevel(service.network, service, down, scratch, 1), what).toBe(
              kind.measureLevel(service.network, { ...service }, down, scratch, 1),
            );
          }
        }
      }),
      { seed, numRuns: 300 },
    );
    // The shortcut was taken, so the comparison above tested it.
    expect(shortcuts).toBeGreaterThan(100);
  });
});
