import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCsrTopology, listCsrLinks } from '../../../../engine/index.ts';

const graphArbitrary = fc.integer({ min: 2, max: 30 }).chain((n) =>
  fc.tuple(
    fc.constant(n),
    fc.array(
      fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })).filter(([a, b]) => a !== b),
      { maxLength: 80 },
    ),
  ),
);

describe('buildCsrTopology', () => {
  it('round-trips its link list', () => {
    fc.assert(
      fc.property(graphArbitrary, ([n, links]) => {
        const csr = buildCsrTopology(n, links.map((l) => l[0]), links.map((l) => l[1]));
        expect(listCsrLinks(csr)).toEqual(links);
      }),
    );
  });

  it('lists every link once at each end, in link order', () => {
    fc.assert(
      fc.property(graphArbitrary, ([n, links]) => {
        const csr = buildCsrTopology(n, links.map((l) => l[0]), links.map((l) => l[1]));
        expect(csr.adjacencyStart[n]).toBe(2 * links.length);
        for (let v = 0; v < n; v++) {
          const expected = links.flatMap(([a, b], j) => (a === v ? [[b, j]] : b === v ? [[a, j]] : []));
          const actual: number[][] = [];
          for (let h = csr.adjacencyStart[v]; h < csr.adjacencyStart[v + 1]; h++) actual.push([csr.adjacencyNode[h], csr.adjacencyEdge[h]]);
          expect(actual).toEqual(expected);
        }
      }),
    );
  });

  it('rejects self-loops and unknown nodes', () => {
    expect(() => buildCsrTopology(2, [0], [0])).toThrow(RangeError);
    expect(() => buildCsrTopology(2, [0], [2])).toThrow(RangeError);
  });
});
