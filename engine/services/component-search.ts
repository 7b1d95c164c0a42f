// Breadth-first search over the surviving network with stamped marks: the building block of the service kinds'
// exact single-state evaluation (isDown, measureLevel), which the analysis algorithms call in their inner loops.

import type { CsrTopology } from '../topology/csr-topology.ts';

/**
 * Reusable buffers of the searches; allocate once per topology size. Marks use a stamp that grows by one per
 * evaluation (see {@link nextSearchStamp}), so no buffer is cleared between calls.
 */
export interface ComponentSearchScratch {
  readonly nodeCount: number;
  /** BFS queue of node indices. */
  readonly queue: Int32Array;
  /** `visitStamp[v] === stamp` when v was reached in the current evaluation. */
  readonly visitStamp: Uint32Array;
  /** `toStamp[v] === stamp` when v is a counted node (a `to` node or a terminal) of the current evaluation. */
  readonly toStamp: Uint32Array;
  /** Component label per node (valid when visited in the current evaluation). */
  readonly component: Int32Array;
  /** Number of counted nodes per component label. */
  readonly componentToCount: Int32Array;
  /** Current stamp, in [1, 2^32 - 1]; stored in a one-element array so the record itself stays read-only. */
  readonly stamp: Uint32Array;
}

/**
 * Allocates search buffers for a topology with `nodeCount` nodes.
 * @param nodeCount number of nodes, >= 0
 */
export function createComponentSearchScratch(nodeCount: number): ComponentSearchScratch {
  if (!Number.isInteger(nodeCount) || nodeCount < 0) throw new RangeError('nodeCount must be a non-negative integer');
  return {
    nodeCount,
    queue: new Int32Array(nodeCount),
    visitStamp: new Uint32Array(nodeCount),
    toStamp: new Uint32Array(nodeCount),
    component: new Int32Array(nodeCount),
    componentToCount: new Int32Array(nodeCount),
    stamp: new Uint32Array(1),
  };
}

/** Starts a new evaluation: returns its stamp, in [1, 2^32 - 1]. */
export function nextSearchStamp(scratch: ComponentSearchScratch): number {
  // Because: a wrapped stamp would alias marks from 2^32 evaluations ago; clearing once per wrap is cheap.
  if (scratch.stamp[0] === 0xffffffff) {
    scratch.visitStamp.fill(0);
    scratch.toStamp.fill(0);
    scratch.stamp[0] = 0;
  }
  scratch.stamp[0]++;
  return scratch.stamp[0];
}

/**
 * Breadth-first search from `start` over surviving nodes and links; labels each reached node with `label`
 * and returns the number of reached nodes with `toStamp === stamp` (a link survives when it and both ends are up).
 */
export function searchComponent(
  topology: CsrTopology,
  downElements: Uint8Array,
  scratch: ComponentSearchScratch,
  stamp: number,
  start: number,
  label: number,
): number {
  const nodeCount = topology.nodeCount;
  const adjacencyStart = topology.adjacencyStart;
  const adjacencyNode = topology.adjacencyNode;
  const adjacencyEdge = topology.adjacencyEdge;
  const queue = scratch.queue;
  const visitStamp = scratch.visitStamp;
  const toStamp = scratch.toStamp;
  const component = scratch.component;
  let head = 0;
  let tail = 0;
  let toCount = 0;
  queue[tail++] = start;
  visitStamp[start] = stamp;
  while (head < tail) {
    const v = queue[head++];
    component[v] = label;
    if (toStamp[v] === stamp) toCount++;
    const end = adjacencyStart[v + 1];
    for (let h = adjacencyStart[v]; h < end; h++) {
      const w = adjacencyNode[h];
      if (visitStamp[w] === stamp || downElements[w] !== 0 || downElements[nodeCount + adjacencyEdge[h]] !== 0)
        continue;
      visitStamp[w] = stamp;
      queue[tail++] = w;
    }
  }
  return toCount;
}

/**
 * Labels the components of every up `from` node and counts the up `to` nodes in each. Afterwards, for an up
 * from-node f, `componentToCount[component[f]]` is the number of up `to` nodes f reaches.
 */
export function searchReach(
  topology: CsrTopology,
  from: Uint32Array,
  to: Uint32Array,
  downElements: Uint8Array,
  scratch: ComponentSearchScratch,
  stamp: number,
): void {
  for (let i = 0; i < to.length; i++) if (downElements[to[i]] === 0) scratch.toStamp[to[i]] = stamp;
  let labels = 0;
  for (let i = 0; i < from.length; i++) {
    const f = from[i];
    if (downElements[f] !== 0 || scratch.visitStamp[f] === stamp) continue;
    scratch.componentToCount[labels] = searchComponent(topology, downElements, scratch, stamp, f, labels);
    labels++;
  }
}
