// Unit tests of Brandes betweenness for nodes and links: closed-form values on small graphs and agreement with
// explicit enumeration of all shortest paths on random graphs.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeElementBetweenness } from '../../../../engine/analysis/index.ts';
import type { CsrTopology } from '../../../../engine/topology/csr-topology.ts';
import { buildCsrTopology } from '../../../../engine/topology/csr-topology.ts';
import { propertySeed } from './analysis-fixtures.ts';

const seed = propertySeed('analysis/betweenness');

/** Betweenness by listing every shortest path (as element sequences) for each ordered pair. */
function bruteForceBetweenness(
  topology: CsrTopology,
  sources: number[],
  targets: number[],
  down: Uint8Array,
): number[] {
  const n = topology.nodeCount;
  const result = new Array<number>(n + topology.linkCount).fill(0);
  for (const s of sources) {
    if (down[s]) continue;
    const distance = new Array<number>(n).fill(-1);
    distance[s] = 0;
    const queue = [s];
    for (let i = 0; i < queue.length; i++) {
      const v = queue[i];
      for (let h = topology.adjacencyStart[v]; h < topology.adjacencyStart[v + 1]; h++) {
        const w = topology.adjacencyNode[h];
        if (down[w] || down[n + topology.adjacencyEdge[h]] || distance[w] >= 0) continue;
        distance[w] = distance[v] + 1;
        queue.push(w);
      }
    }
    for (const t of targets) {
      if (t === s || down[t] || distance[t] < 0) continue;
      const paths: number[][] = [];
      const walk = (v: number, elements: number[]): void => {
        if (v === t) {
          paths.push(elements);
          return;
        }
        for (let h = topology.adjacencyStart[v]; h < topology.adjacencyStart[v + 1]; h++) {
          const w = topology.adjacencyNode[h];
          const link = n + topology.adjacencyEdge[h];
          if (down[w] || down[link] || distance[w] !== distance[v] + 1) continue;
          walk(w, w === t ? [...elements, link] : [...elements, link, w]);
        }
      };
      walk(s, []);
      for (const p of paths) for (const e of p) result[e] += 1 / paths.length;
    }
  }
  return result;
}

describe('computeElementBetweenness', () => {
  it('path 0-1-2: the middle node carries both ordered pairs, each link four', () => {
    const topology = buildCsrTopology(3, [0, 1], [1, 2]);
    expect(Array.from(computeElementBetweenness(topology))).toEqual([0, 2, 0, 4, 4]);
  });

  it('parallel links share the paths evenly', () => {
    const topology = buildCsrTopology(2, [0, 0], [1, 1]);
    expect(Array.from(computeElementBetweenness(topology))).toEqual([0, 0, 1, 1]);
  });

  it('restricts to source and target sets and skips failed elements', () => {
    // Square 0-1-2-3-0 (links 4..7).
    const topology = buildCsrTopology(4, [0, 1, 2, 3], [1, 2, 3, 0]);
    const one = computeElementBetweenness(topology, { sources: [0], targets: [2] });
    expect(Array.from(one)).toEqual([0, 0.5, 0, 0.5, 0.5, 0.5, 0.5, 0.5]);
    const down = Uint8Array.of(0, 0, 0, 0, 1, 0, 0, 0);
    expect(Array.from(computeElementBetweenness(topology, { sources: [0], targets: [2], down }))).toEqual([
      0, 0, 0, 1, 0, 0, 1, 1,
    ]);
  });

  it('matches explicit shortest-path enumeration on random graphs', () => {
    const arbitrary = fc.integer({ min: 2, max: 7 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        links: fc.array(
          fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 })).filter(([a, b]) => a !== b),
          { maxLength: 12 },
        ),
        sources: fc.uniqueArray(fc.nat({ max: n - 1 }), { minLength: 1, maxLength: n }),
        targets: fc.uniqueArray(fc.nat({ max: n - 1 }), { minLength: 1, maxLength: n }),
        downSeed: fc.array(fc.boolean(), { minLength: 19, maxLength: 19 }),
      }),
    );
    fc.assert(
      fc.property(arbitrary, ({ n, links, sources, targets, downSeed }) => {
        const topology = buildCsrTopology(
          n,
          links.map((l) => l[0]),
          links.map((l) => l[1]),
        );
        const down = Uint8Array.from({ length: n + links.length }, (_, e) => (downSeed[e] && e % 3 === 0 ? 1 : 0));
        const got = computeElementBetweenness(topology, { sources, targets, down });
        const want = bruteForceBetweenness(topology, sources, targets, down);
        want.forEach((value, e) => expect(got[e]).toBeCloseTo(value, 9));
      }),
      { seed, numRuns: 200 },
    );
  });

  it('throws RangeError on out-of-range sources, targets or a short state', () => {
    const topology = buildCsrTopology(2, [0], [1]);
    expect(() => computeElementBetweenness(topology, { sources: [2] })).toThrow(RangeError);
    expect(() => computeElementBetweenness(topology, { targets: [-1] })).toThrow(RangeError);
    expect(() => computeElementBetweenness(topology, { down: new Uint8Array(2) })).toThrow(RangeError);
  });
});
