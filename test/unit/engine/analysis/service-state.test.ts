// Unit tests of the exact service evaluator: connected and reach semantics, the graded service level, and
// scratch reuse.

import { describe, expect, it } from 'vitest';
import {
  createServiceScratch,
  fullServiceLevel,
  isServiceDown,
  measureServiceLevel,
} from '../../../../engine/analysis/index.ts';
import { buildTestModel, connected, downStateOf, reach } from './analysis-fixtures.ts';

// A star centred on node 1 with leaves 0, 2, 3 over links 4 (1-0), 5 (1-2) and 6 (1-3).
const star = buildTestModel({
  nodeCount: 4,
  links: [
    [1, 0],
    [1, 2],
    [1, 3],
  ],
  services: [
    connected(0, 2),
    connected(0, 2, 3),
    connected(),
    connected(3),
    reach([0], [2, 3], 2),
    reach([0], [0, 2, 3], 2),
    reach([], [1], 1),
  ],
});

function down(...codes: number[]): Uint8Array {
  return downStateOf(star, codes);
}

describe('isServiceDown', () => {
  const t = star.topology;
  it('connected: up when all terminals share a component, down on a terminal, node or link failure on the way', () => {
    expect(isServiceDown(t, star.services[0], down())).toBe(false);
    expect(isServiceDown(t, star.services[0], down(6))).toBe(false);
    expect(isServiceDown(t, star.services[0], down(4))).toBe(true);
    expect(isServiceDown(t, star.services[0], down(1))).toBe(true);
    expect(isServiceDown(t, star.services[0], down(2))).toBe(true);
    expect(isServiceDown(t, star.services[1], down(6))).toBe(true);
  });

  it('connected: no terminals is never down; one terminal is down only when it fails', () => {
    expect(isServiceDown(t, star.services[2], down(0, 1, 2, 3))).toBe(false);
    expect(isServiceDown(t, star.services[3], down(1))).toBe(false);
    expect(isServiceDown(t, star.services[3], down(3))).toBe(true);
  });

  it('reach: needs k up to-nodes reachable; a failed to-node does not count; a failed from-node is down', () => {
    expect(isServiceDown(t, star.services[4], down())).toBe(false);
    expect(isServiceDown(t, star.services[4], down(6))).toBe(true);
    expect(isServiceDown(t, star.services[4], down(3))).toBe(true);
    expect(isServiceDown(t, star.services[4], down(0))).toBe(true);
  });

  it('reach: a from-node that is also a to-node reaches itself', () => {
    expect(isServiceDown(t, star.services[5], down(6))).toBe(false);
    expect(isServiceDown(t, star.services[5], down(5, 6))).toBe(true);
    expect(isServiceDown(t, star.services[5], down(1))).toBe(true);
  });

  it('reach: no from-nodes is never down', () => {
    expect(isServiceDown(t, star.services[6], down(1))).toBe(false);
  });

  it('gives the same answers with a reused scratch, across a stamp wrap-around', () => {
    const scratch = createServiceScratch(4);
    scratch.stamp[0] = 0xfffffffe;
    for (let round = 0; round < 4; round++) {
      expect(isServiceDown(t, star.services[0], down(), scratch)).toBe(false);
      expect(isServiceDown(t, star.services[4], down(6), scratch)).toBe(true);
      expect(isServiceDown(t, star.services[5], down(6), scratch)).toBe(false);
    }
  });

  it('throws RangeError on a short state or a scratch of another size', () => {
    expect(() => isServiceDown(t, star.services[0], new Uint8Array(3))).toThrow(RangeError);
    expect(() => isServiceDown(t, star.services[0], down(), createServiceScratch(5))).toThrow(RangeError);
    expect(() => createServiceScratch(-1)).toThrow(RangeError);
  });
});

describe('measureServiceLevel', () => {
  const t = star.topology;
  it('connected: the largest number of up terminals sharing a component', () => {
    expect(measureServiceLevel(t, star.services[1], down())).toBe(3);
    expect(measureServiceLevel(t, star.services[1], down(6))).toBe(2);
    expect(measureServiceLevel(t, star.services[1], down(1))).toBe(1);
    expect(measureServiceLevel(t, star.services[1], down(0, 2, 3))).toBe(0);
  });

  it('reach: sum over up from-nodes of min(k, reachable up to-nodes)', () => {
    expect(measureServiceLevel(t, star.services[4], down())).toBe(2);
    expect(measureServiceLevel(t, star.services[4], down(6))).toBe(1);
    expect(measureServiceLevel(t, star.services[4], down(0))).toBe(0);
  });

  it('equals fullServiceLevel exactly when the service is up', () => {
    for (const service of star.services) {
      for (const state of [down(), down(6), down(1), down(4, 5)]) {
        const full = measureServiceLevel(t, service, state) === fullServiceLevel(service);
        expect(full).toBe(!isServiceDown(t, service, state));
      }
    }
  });
});

describe('fullServiceLevel', () => {
  it('is the terminal count (connected) or from.length * k (reach)', () => {
    expect(fullServiceLevel(star.services[1])).toBe(3);
    expect(fullServiceLevel(star.services[4])).toBe(2);
    expect(fullServiceLevel(reach([0, 1], [2, 3], 2))).toBe(4);
  });
});

describe('createServiceScratch', () => {
  it('sizes every buffer by the node count', () => {
    const scratch = createServiceScratch(7);
    expect(scratch.nodeCount).toBe(7);
    expect(scratch.queue.length).toBe(7);
    expect(scratch.visitStamp.length).toBe(7);
  });
});
