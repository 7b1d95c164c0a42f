// Unit tests of Dinic max-flow, node-split element cuts and the exact cheapest service attack.

import { describe, expect, it } from 'vitest';
import {
  computeMaxFlow,
  createFlowNetwork,
  DEFAULT_MAX_FLOW_COMPUTATIONS,
  findMinElementCut,
  findMinServiceCut,
} from '../../../../engine/analysis/index.ts';
import { buildTestModel, connected, reach } from './analysis-fixtures.ts';

describe('createFlowNetwork', () => {
  it('stores each arc with its reverse', () => {
    const network = createFlowNetwork(3, [0, 1], [1, 2], [5, 7]);
    expect(Array.from(network.arcHead)).toEqual([1, 0, 2, 1]);
    expect(Array.from(network.arcCapacity)).toEqual([5, 0, 7, 0]);
  });

  it('throws RangeError on bad vertices, lengths or capacities', () => {
    expect(() => createFlowNetwork(2, [0], [2], [1])).toThrow(RangeError);
    expect(() => createFlowNetwork(2, [0], [1], [])).toThrow(RangeError);
    expect(() => createFlowNetwork(2, [0], [1], [-1])).toThrow(RangeError);
    expect(() => createFlowNetwork(2, [0], [1], [Number.NaN])).toThrow(RangeError);
  });
});

describe('computeMaxFlow', () => {
  it('solves the textbook network (Cormen et al., Figure 26.1: value 23)', () => {
    // s=0, v1=1, v2=2, v3=3, v4=4, t=5.
    const tail = [0, 0, 1, 2, 1, 3, 2, 4, 3, 4];
    const head = [1, 2, 3, 1, 2, 2, 4, 3, 5, 5];
    const capacity = [16, 13, 12, 4, 10, 9, 14, 7, 20, 4];
    const { value, sourceSide } = computeMaxFlow(createFlowNetwork(6, tail, head, capacity), 0, 5);
    expect(value).toBe(23);
    let cut = 0;
    for (let i = 0; i < tail.length; i++)
      if (sourceSide[tail[i]] === 1 && sourceSide[head[i]] === 0) cut += capacity[i];
    expect(cut).toBe(23);
  });

  it('returns Infinity when an infinite-capacity path exists, 0 when the sink is unreachable', () => {
    expect(computeMaxFlow(createFlowNetwork(3, [0, 1], [1, 2], [Infinity, Infinity]), 0, 2).value).toBe(Infinity);
    expect(computeMaxFlow(createFlowNetwork(3, [0, 1], [1, 2], [Infinity, 3]), 0, 2).value).toBe(3);
    expect(computeMaxFlow(createFlowNetwork(3, [0], [1], [3]), 0, 2).value).toBe(0);
  });

  it('treats float rounding residue as saturated', () => {
    const network = createFlowNetwork(4, [0, 0, 1, 2], [1, 2, 3, 3], [0.1, 0.2, 0.1, 0.2]);
    expect(computeMaxFlow(network, 0, 3).value).toBeCloseTo(0.3, 12);
  });

  it('throws RangeError when source or sink is invalid', () => {
    const network = createFlowNetwork(2, [0], [1], [1]);
    expect(() => computeMaxFlow(network, 0, 0)).toThrow(RangeError);
    expect(() => computeMaxFlow(network, 2, 1)).toThrow(RangeError);
  });
});

// Path 0 -(4)- 1 -(5)- 2 -(6)- 3.
const path = buildTestModel({
  nodeCount: 4,
  links: [
    [0, 1],
    [1, 2],
    [2, 3],
  ],
  services: [connected(0, 3)],
});

describe('findMinElementCut', () => {
  it('cuts the cheapest element on a path, nodes included (node splitting)', () => {
    const weight = Float64Array.of(Infinity, 3, 2, 9, 5, 4, 6);
    expect(findMinElementCut(path.topology, weight, 0, [3])).toEqual({ value: 2, elements: [2] });
    weight[2] = Infinity;
    expect(findMinElementCut(path.topology, weight, 0, [3])).toEqual({ value: 3, elements: [1] });
  });

  it('may fail a sink itself, never the source', () => {
    const weight = Float64Array.of(1, Infinity, Infinity, 2, Infinity, Infinity, Infinity);
    expect(findMinElementCut(path.topology, weight, 0, [3])).toEqual({ value: 2, elements: [3] });
  });

  it('sums parallel links', () => {
    const parallel = buildTestModel({
      nodeCount: 2,
      links: [
        [0, 1],
        [1, 0],
      ],
      services: [],
    });
    expect(findMinElementCut(parallel.topology, Float64Array.of(Infinity, Infinity, 2, 3), 0, [1])).toEqual({
      value: 5,
      elements: [2, 3],
    });
  });

  it('is Infinity when the source is a sink or nothing finite separates, 0 with no sinks', () => {
    const weight = new Float64Array(7).fill(1);
    expect(findMinElementCut(path.topology, weight, 0, [0, 3]).value).toBe(Infinity);
    expect(findMinElementCut(path.topology, new Float64Array(7).fill(Infinity), 0, [3]).value).toBe(Infinity);
    expect(findMinElementCut(path.topology, weight, 0, [])).toEqual({ value: 0, elements: [] });
  });

  it('throws RangeError on bad weights or nodes', () => {
    expect(() => findMinElementCut(path.topology, new Float64Array(6), 0, [3])).toThrow(RangeError);
    expect(() => findMinElementCut(path.topology, new Float64Array(7).fill(-1), 0, [3])).toThrow(RangeError);
    expect(() => findMinElementCut(path.topology, new Float64Array(7), 4, [3])).toThrow(RangeError);
    expect(() => findMinElementCut(path.topology, new Float64Array(7), 0, [7])).toThrow(RangeError);
  });
});

// Star centred on 0 with leaves 1, 2, 3 over links 4, 5, 6, plus a link 1-2 (7).
const star = buildTestModel({
  nodeCount: 4,
  links: [
    [0, 1],
    [0, 2],
    [0, 3],
    [1, 2],
  ],
  services: [
    connected(1, 2),
    connected(1, 2, 3),
    reach([1], [2, 3], 1),
    reach([1], [1, 2, 3], 2),
    connected(),
    reach([1], [0, 2, 3], 3),
  ],
});

describe('findMinServiceCut', () => {
  const linkOnly = Float64Array.of(Infinity, Infinity, Infinity, Infinity, 1, 1, 1, 1);
  it('two-terminal and k-terminal connected services', () => {
    expect(findMinServiceCut(star.topology, star.services[0], linkOnly)).toEqual({ value: 2, elements: [4, 7] });
    expect(findMinServiceCut(star.topology, star.services[1], linkOnly)).toEqual({ value: 1, elements: [6] });
  });

  it('reach with k = 1 (separate from every to-node) and k = 2 (keep at most one)', () => {
    expect(findMinServiceCut(star.topology, star.services[2], linkOnly)).toEqual({ value: 2, elements: [4, 7] });
    // 1 reaches itself, so cutting it off from both 2 and 3 takes links 4 and 7.
    expect(findMinServiceCut(star.topology, star.services[3], linkOnly)?.value).toBe(2);
    expect(findMinServiceCut(star.topology, star.services[5], linkOnly)?.value).toBe(1);
  });

  it('failing the from-node itself is a candidate', () => {
    const cheapSource = Float64Array.of(Infinity, 1, Infinity, Infinity, 5, 5, 5, 5);
    expect(findMinServiceCut(star.topology, star.services[2], cheapSource)).toEqual({ value: 1, elements: [1] });
  });

  it('a service with nothing to serve cannot be attacked', () => {
    expect(findMinServiceCut(star.topology, star.services[4], linkOnly)?.value).toBe(Infinity);
  });

  it('returns null when the reach enumeration needs more flows than allowed', () => {
    expect(findMinServiceCut(star.topology, star.services[5], linkOnly, 2)).toBeNull();
    expect(findMinServiceCut(star.topology, star.services[5], linkOnly, 3)?.value).toBe(1);
    expect(DEFAULT_MAX_FLOW_COMPUTATIONS).toBeGreaterThanOrEqual(1);
    expect(() => findMinServiceCut(star.topology, star.services[3], linkOnly, 0)).toThrow(RangeError);
  });
});
