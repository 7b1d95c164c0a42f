// Unit tests of minimal cut set enumeration on hand-made networks with known cut sets (series, parallel, bridge,
// ring, two rings), risk groups, candidate restriction, limits and a backbone-sized network.

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MINIMAL_CUT_SET_OPTIONS,
  findMinimalCutSets,
  findSinglePointsOfFailure,
  resolveMinimalCutSetOptions,
} from '../../../../engine/analysis/index.ts';
import {
  bruteForceMinimalCutSets,
  buildBackboneLinks,
  buildTestModel,
  connected,
  forEachSubset,
  isCutOf,
  reach,
  TWO_RINGS_LINKS,
} from './analysis-fixtures.ts';

function cutSetsOf(
  model: ReturnType<typeof buildTestModel>,
  serviceIndex: number,
  maxOrder = 3,
  includeGroups = true,
): number[][] {
  return findMinimalCutSets(model, serviceIndex, { maxOrder, includeGroups }).cutSets.map((c) => c.elements);
}

// Series: 0 -(3)- 1 -(4)- 2.
const series = buildTestModel({
  nodeCount: 3,
  links: [
    [0, 1],
    [1, 2],
  ],
  services: [connected(0, 2)],
});

// Parallel: two links (2, 3) between nodes 0 and 1.
const parallel = buildTestModel({
  nodeCount: 2,
  links: [
    [0, 1],
    [0, 1],
  ],
  services: [connected(0, 1)],
});

// Wheatstone bridge: s=0, a=1, b=2, t=3; links s-a (4), s-b (5), a-b (6), a-t (7), b-t (8).
const bridge = buildTestModel({
  nodeCount: 4,
  links: [
    [0, 1],
    [0, 2],
    [1, 2],
    [1, 3],
    [2, 3],
  ],
  services: [connected(0, 3), connected(0, 1, 2, 3), reach([0], [1, 2, 3], 2)],
});

// Ring 0-1-2-3-0: links 0-1 (4), 1-2 (5), 2-3 (6), 3-0 (7).
const ring = buildTestModel({
  nodeCount: 4,
  links: [
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 0],
  ],
  services: [connected(0, 2)],
});

// Two triangles sharing node 2: 0-1 (5), 1-2 (6), 2-0 (7); 2-3 (8), 3-4 (9), 4-2 (10).
const twoRings = buildTestModel({
  nodeCount: 5,
  links: TWO_RINGS_LINKS,
  services: [connected(0, 4), connected(0, 1)],
  groups: [
    [7, 10],
    [5, 6, 7],
  ],
});

describe('findMinimalCutSets', () => {
  it('series: every element is a single point of failure and nothing else is minimal', () => {
    expect(cutSetsOf(series, 0)).toEqual([[0], [1], [2], [3], [4]]);
  });

  it('parallel: the two terminals, then the pair of links', () => {
    expect(cutSetsOf(parallel, 0)).toEqual([[0], [1], [2, 3]]);
  });

  it('bridge network: the known order-2 and order-3 cut sets', () => {
    expect(cutSetsOf(bridge, 0)).toEqual([
      [0],
      [3],
      [1, 2],
      [1, 5],
      [1, 8],
      [2, 4],
      [2, 7],
      [4, 5],
      [7, 8],
      [4, 6, 8],
      [5, 6, 7],
    ]);
    expect(cutSetsOf(bridge, 1)).toEqual(bruteForceMinimalCutSets(bridge, 1, 3, true));
    expect(cutSetsOf(bridge, 2)).toEqual(bruteForceMinimalCutSets(bridge, 2, 3, true));
  });

  it('ring: one element from each side (series classes expand to every member)', () => {
    const sideA = [1, 4, 5];
    const sideB = [3, 6, 7];
    const pairs = sideA.flatMap((a) => sideB.map((b) => [a, b].sort((x, y) => x - y)));
    pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    expect(cutSetsOf(ring, 0)).toEqual([[0], [2], ...pairs]);
  });

  it('two rings joined at a node: the shared node is a single point of failure', () => {
    const result = cutSetsOf(twoRings, 0, 3, false);
    expect(result.filter((c) => c.length === 1)).toEqual([[0], [2], [4]]);
    expect(result).toEqual(bruteForceMinimalCutSets(twoRings, 0, 3, false));
    expect(result).toContainEqual([1, 7]);
    expect(result).toContainEqual([3, 10]);
  });

  it('risk groups count as one member that fails all of theirs', () => {
    const result = findMinimalCutSets(twoRings, 1, { maxOrder: 2 });
    const groupA = twoRings.elementCount;
    const groupB = twoRings.elementCount + 1;
    // Group B (links 5, 6, 7) isolates node 0 from 1 on its own.
    expect(result.cutSets.filter((c) => c.order === 1).map((c) => c.elements[0])).toEqual([0, 1, groupB]);
    expect(result.cutSets.map((c) => c.elements)).toContainEqual([5, groupA]);
    expect(result.cutSets.map((c) => c.elements)).toEqual(bruteForceMinimalCutSets(twoRings, 1, 2, true));
  });

  it('judges minimality within the candidate elements', () => {
    const candidates = Uint32Array.of(4, 5, 6, 7, 8);
    const result = findMinimalCutSets(bridge, 0, { candidateElements: candidates });
    expect(result.cutSets.map((c) => c.elements)).toEqual([
      [4, 5],
      [7, 8],
      [4, 6, 8],
      [5, 6, 7],
    ]);
  });

  it('returns the single empty cut set for a service that is down with nothing failed', () => {
    const isolated = buildTestModel({ nodeCount: 2, links: [], services: [connected(0, 1)] });
    expect(findMinimalCutSets(isolated, 0)).toEqual({ cutSets: [{ order: 0, elements: [] }], truncated: false });
  });

  it('stops at maxCutSets and says so', () => {
    const full = findMinimalCutSets(ring, 0);
    expect(full.truncated).toBe(false);
    const limited = findMinimalCutSets(ring, 0, { maxCutSets: 4 });
    expect(limited.truncated).toBe(true);
    expect(limited.cutSets.slice(0, 2)).toEqual(full.cutSets.slice(0, 2));
    expect(limited.cutSets).toHaveLength(4);
    expect(findMinimalCutSets(ring, 0, { maxCutSets: full.cutSets.length }).truncated).toBe(false);
  });

  it('is exact on a 26-node backbone (brute force over all subsets up to order 3)', () => {
    const links = buildBackboneLinks(26, 36, 'cut-sets-26');
    const model = buildTestModel({ nodeCount: 26, links, services: [connected(3, 17), reach([5], [11, 22, 25], 2)] });
    for (let s = 0; s < 2; s++) {
      expect(cutSetsOf(model, s, 3, false)).toEqual(bruteForceMinimalCutSets(model, s, 3, false));
    }
  });

  it('handles a 250-node, 350-link backbone at order 3: every reported set is a minimal cut', () => {
    const links = buildBackboneLinks(250, 350, 'cut-sets-250');
    const groups = [
      [250, 251, 252],
      [300, 410],
    ];
    const model = buildTestModel({ nodeCount: 250, links, services: [connected(10, 200, 77)], groups });
    const result = findMinimalCutSets(model, 0, { maxOrder: 3 });
    expect(result.truncated).toBe(false);
    expect(result.cutSets.length).toBeGreaterThan(100);
    const seen = new Set<string>();
    result.cutSets.forEach((cut, i) => {
      const key = cut.elements.join(',');
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      // Spot-check minimality on a deterministic sample (checking all would be slow).
      if (i % 37 !== 0) return;
      expect(isCutOf(model, 0, cut.elements)).toBe(true);
      forEachSubset(cut.elements, cut.order - 1, (subset) => {
        if (subset.length === cut.order - 1) expect(isCutOf(model, 0, subset)).toBe(false);
      });
    });
  });

  it('throws RangeError on invalid arguments', () => {
    expect(() => findMinimalCutSets(ring, 1)).toThrow(RangeError);
    expect(() => findMinimalCutSets(ring, 0, { maxOrder: 0 })).toThrow(RangeError);
    expect(() => findMinimalCutSets(ring, 0, { maxOrder: 2.5 })).toThrow(RangeError);
    expect(() => findMinimalCutSets(ring, 0, { maxCutSets: 0 })).toThrow(RangeError);
    expect(() => findMinimalCutSets(ring, 0, { candidateElements: Uint32Array.of(99) })).toThrow(RangeError);
  });
});

describe('findSinglePointsOfFailure', () => {
  it('lists the order-1 cut set members, with risk groups when asked', () => {
    expect(findSinglePointsOfFailure(series, 0)).toEqual([0, 1, 2, 3, 4]);
    expect(findSinglePointsOfFailure(twoRings, 1)).toEqual([0, 1, twoRings.elementCount + 1]);
    expect(findSinglePointsOfFailure(twoRings, 1, { includeGroups: false })).toEqual([0, 1]);
  });
});

describe('resolveMinimalCutSetOptions', () => {
  it('fills in the defaults', () => {
    expect(resolveMinimalCutSetOptions()).toEqual(DEFAULT_MINIMAL_CUT_SET_OPTIONS);
    expect(resolveMinimalCutSetOptions({ maxOrder: 2 }).maxOrder).toBe(2);
    expect(DEFAULT_MINIMAL_CUT_SET_OPTIONS).toMatchObject({ maxOrder: 3, maxCutSets: 10_000 });
  });
});
