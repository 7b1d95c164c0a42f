// The flow and path searches of the traffic-aware kinds against independent plain implementations on random
// graphs and failure states: max-flow against Edmonds-Karp on a capacity matrix, delays against a linear-scan
// Dijkstra, and disjoint-path counts against Menger's theorem (k disjoint paths iff every cut has k members).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildCsrTopology,
  computeDisjointPathsFromEach,
  computeSurvivingDelays,
  computeSurvivingFlow,
  countDisjointPaths,
  markTwoEdgeConnected,
  type CsrTopology,
  type ProtectedService,
} from '../../../../engine/index.ts';
import { oracleDelays, oracleMaxFlow, oracleMinCut, type OracleLink } from '../../../support/traffic-oracle.ts';

const seed = Number(process.env['FC_SEED'] ?? Date.now() % 2 ** 31);
console.log(`traffic-network: fast-check seed ${seed} (set FC_SEED to replay)`);

/** A random multigraph with link values, a failure state and endpoint sets. */
function graphArbitrary(maxNodes: number, maxLinks: number, values: fc.Arbitrary<number>) {
  return fc.integer({ min: 2, max: maxNodes }).chain((nodeCount) =>
    fc.record({
      nodeCount: fc.constant(nodeCount),
      links: fc.array(
        fc
          .tuple(fc.nat({ max: nodeCount - 1 }), fc.nat({ max: nodeCount - 2 }), values)
          .map(([a, b, value]) => ({ a, b: b >= a ? b + 1 : b, value })),
        { minLength: 0, maxLength: maxLinks },
      ),
      downBits: fc.array(fc.boolean(), { minLength: nodeCount + maxLinks, maxLength: nodeCount + maxLinks }),
      sources: fc.uniqueArray(fc.nat({ max: nodeCount - 1 }), { minLength: 1, maxLength: 2 }),
      sinks: fc.uniqueArray(fc.nat({ max: nodeCount - 1 }), { minLength: 1, maxLength: 2 }),
    }),
  );
}

interface Case {
  readonly topology: CsrTopology;
  readonly down: Uint8Array;
  /** Links that survive (link and both ends up), in oracle form. */
  readonly surviving: OracleLink[];
  readonly upSources: number[];
  readonly upSinks: number[];
}

function prepare(g: { nodeCount: number; links: OracleLink[]; downBits: boolean[]; sources: number[]; sinks: number[] }): Case {
  const topology = buildCsrTopology(g.nodeCount, g.links.map((l) => l.a), g.links.map((l) => l.b));
  // Down with probability about 1/4: two bits must be set.
  const down = Uint8Array.from({ length: g.nodeCount + g.links.length }, (_, e) =>
    g.downBits[e] && g.downBits[(e + 1) % g.downBits.length] ? 1 : 0,
  );
  const surviving = g.links.filter((l, j) => down[g.nodeCount + j] === 0 && down[l.a] === 0 && down[l.b] === 0);
  return {
    topology,
    down,
    surviving,
    upSources: g.sources.filter((v) => down[v] === 0),
    upSinks: g.sinks.filter((v) => down[v] === 0),
  };
}

describe('computeSurvivingFlow', () => {
  it('equals Edmonds-Karp on the surviving network (set to set, undirected capacities)', () => {
    fc.assert(
      fc.property(graphArbitrary(7, 12, fc.constantFrom(0.5, 1, 2, 3, 10, 25, 40)), (g) => {
        const c = prepare(g);
        const capacity = Float64Array.from(g.links, (l) => l.value);
        const flow = computeSurvivingFlow(c.topology, { linkCapacity: capacity, nodeDisjoint: false }, c.down, Uint32Array.from(g.sources), Uint32Array.from(g.sinks), Infinity);
        const expected = c.upSources.length === 0 || c.upSinks.length === 0 ? 0 : oracleMaxFlow(g.nodeCount, c.surviving, c.upSources, c.upSinks);
        if (expected === Infinity) expect(flow).toBe(Infinity);
        else expect(flow).toBeCloseTo(expected, 9);
      }),
      { seed, numRuns: 400 },
    );
  });

  it('stops at the limit: min(max-flow, limit)', () => {
    fc.assert(
      fc.property(graphArbitrary(6, 10, fc.constantFrom(1, 2, 5)), fc.constantFrom(1, 2, 3, 4, 7), (g, limit) => {
        const c = prepare(g);
        const capacity = Float64Array.from(g.links, (l) => l.value);
        const request = { linkCapacity: capacity, nodeDisjoint: false };
        const sources = Uint32Array.from(g.sources);
        const sinks = Uint32Array.from(g.sinks);
        const full = computeSurvivingFlow(c.topology, request, c.down, sources, sinks, Infinity);
        expect(computeSurvivingFlow(c.topology, request, c.down, sources, sinks, limit)).toBeCloseTo(Math.min(full, limit), 9);
      }),
      { seed, numRuns: 200 },
    );
  });
});

describe('computeSurvivingDelays', () => {
  it('equals a linear-scan Dijkstra on the surviving network', () => {
    fc.assert(
      fc.property(graphArbitrary(8, 14, fc.constantFrom(0, 0.2, 0.35, 0.5, 1, 4)), (g) => {
        const c = prepare(g);
        const delay = Float64Array.from(g.links, (l) => l.value);
        const distance = Array.from(computeSurvivingDelays(c.topology, delay, c.down, Uint32Array.from(g.sources)));
        const expected = oracleDelays(g.nodeCount, c.surviving, c.upSources);
        for (let v = 0; v < g.nodeCount; v++) {
          if (c.down[v] === 1) continue;
          if (expected[v] === Infinity) expect(distance[v]).toBe(Infinity);
          else expect(distance[v]).toBeCloseTo(expected[v], 12);
        }
      }),
      { seed, numRuns: 400 },
    );
  });
});

describe('countDisjointPaths', () => {
  for (const disjoint of ['links', 'nodes'] as const) {
    it(`counts ${disjoint}-disjoint paths as the smallest separating cut (Menger's theorem)`, () => {
      fc.assert(
        fc.property(graphArbitrary(6, 8, fc.constant(1)), (g) => {
          const c = prepare(g);
          const f = g.sources[0];
          if (c.down[f] === 1 || c.upSinks.length === 0) return;
          const service: ProtectedService = {
            kind: 'protected',
            id: 'p',
            from: Uint32Array.of(f),
            to: Uint32Array.from(g.sinks),
            k: 1,
            disjoint,
            network: c.topology,
          };
          const paths = countDisjointPaths(service, c.down, f, 100);
          const cut = oracleMinCut(g.nodeCount, c.surviving, f, c.upSinks, disjoint === 'nodes');
          expect(paths).toBe(cut === Infinity ? 100 : cut);
        }),
        { seed, numRuns: 300 },
      );
    });
  }

  it('gives, built once for all sources, the same counts as one search per source', () => {
    fc.assert(
      fc.property(graphArbitrary(7, 12, fc.constant(1)), fc.constantFrom('links' as const, 'nodes' as const), (g, disjoint) => {
        const c = prepare(g);
        const sources = Uint32Array.from({ length: g.nodeCount }, (_, v) => v);
        const out = new Float64Array(sources.length);
        computeDisjointPathsFromEach(c.topology, disjoint === 'nodes', c.down, sources, Uint32Array.from(g.sinks), 3, out);
        const service: ProtectedService = {
          kind: 'protected',
          id: 'p',
          from: sources,
          to: Uint32Array.from(g.sinks),
          k: 3,
          disjoint,
          network: c.topology,
        };
        for (const f of sources) expect(out[f]).toBe(countDisjointPaths(service, c.down, f, 3));
      }),
      { seed, numRuns: 300 },
    );
  });

  it('marks exactly the nodes with two link-disjoint paths to the sinks (bridge search, no flow)', () => {
    fc.assert(
      fc.property(graphArbitrary(7, 12, fc.constant(1)), (g) => {
        const c = prepare(g);
        const reached = new Uint8Array(g.nodeCount);
        markTwoEdgeConnected(c.topology, c.down, Uint32Array.from(g.sinks), reached);
        const service: ProtectedService = {
          kind: 'protected',
          id: 'p',
          from: Uint32Array.of(0),
          to: Uint32Array.from(g.sinks),
          k: 2,
          disjoint: 'links',
          network: c.topology,
        };
        for (let v = 0; v < g.nodeCount; v++) {
          const expected = c.down[v] === 0 && countDisjointPaths(service, c.down, v, 2) >= 2 ? 1 : 0;
          expect(reached[v] * (1 - c.down[v])).toBe(expected);
        }
      }),
      { seed, numRuns: 400 },
    );
  });
});
