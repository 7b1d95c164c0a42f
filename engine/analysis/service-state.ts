// Exact evaluation of one service in one failure state, by breadth-first search over the surviving network.
// It is the oracle the analysis algorithms (cut sets, sabotage) are checked against, and their inner evaluator.

import type { CompiledService } from '../model.ts';
import type { CsrTopology } from '../topology/csr-topology.ts';

/**
 * Reusable buffers for {@link isServiceDown} and {@link measureServiceLevel}; allocate once per topology size.
 * Marks use a stamp that grows by one per evaluation, so no buffer is cleared between calls.
 */
export interface ServiceScratch {
  readonly nodeCount: number;
  /** BFS queue of node indices. */
  readonly queue: Int32Array;
  /** `visitStamp[v] === stamp` when v was reached in the current evaluation. */
  readonly visitStamp: Uint32Array;
  /** `toStamp[v] === stamp` when v is a `to` node (reach) or terminal (connected) of the current evaluation. */
  readonly toStamp: Uint32Array;
  /** Component label per node (valid when visited in the current evaluation). */
  readonly component: Int32Array;
  /** Number of up `to` nodes per component label. */
  readonly componentToCount: Int32Array;
  /** Current stamp, in [1, 2^32 - 1]; stored in a one-element array so the record itself stays read-only. */
  readonly stamp: Uint32Array;
}

/**
 * Allocates scratch buffers for evaluating services on a topology with `nodeCount` nodes.
 * @param nodeCount number of nodes, >= 0
 */
export function createServiceScratch(nodeCount: number): ServiceScratch {
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

function nextStamp(scratch: ServiceScratch): number {
  // Because: a wrapped stamp would alias marks from 2^32 evaluations ago; clearing once per wrap is cheap.
  if (scratch.stamp[0] === 0xffffffff) {
    scratch.visitStamp.fill(0);
    scratch.toStamp.fill(0);
    scratch.stamp[0] = 0;
  }
  scratch.stamp[0]++;
  return scratch.stamp[0];
}

function checkArguments(topology: CsrTopology, downElements: Uint8Array, scratch: ServiceScratch | undefined): void {
  if (downElements.length < topology.nodeCount + topology.linkCount) {
    throw new RangeError(
      `downElements must have length nodeCount + linkCount (${topology.nodeCount + topology.linkCount})`,
    );
  }
  if (scratch !== undefined && scratch.nodeCount !== topology.nodeCount) {
    throw new RangeError('scratch was created for a different node count');
  }
}

/**
 * Breadth-first search from `start` over surviving nodes and links; labels each reached node with `label`
 * and returns the number of reached nodes with `toStamp === stamp` (a link survives when it and both ends are up).
 */
function labelComponent(
  topology: CsrTopology,
  downElements: Uint8Array,
  scratch: ServiceScratch,
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
 * Labels the components of every up `from` node (reach) and counts the up `to` nodes in each.
 * Afterwards, for an up from-node f, `componentToCount[component[f]]` is the number of up `to` nodes f reaches.
 */
function labelReach(
  topology: CsrTopology,
  service: Extract<CompiledService, { kind: 'reach' }>,
  downElements: Uint8Array,
  scratch: ServiceScratch,
  stamp: number,
): void {
  const to = service.to;
  for (let i = 0; i < to.length; i++) if (downElements[to[i]] === 0) scratch.toStamp[to[i]] = stamp;
  let labels = 0;
  const from = service.from;
  for (let i = 0; i < from.length; i++) {
    const f = from[i];
    if (downElements[f] !== 0 || scratch.visitStamp[f] === stamp) continue;
    scratch.componentToCount[labels] = labelComponent(topology, downElements, scratch, stamp, f, labels);
    labels++;
  }
}

/**
 * Whether `service` is down when exactly the elements flagged in `downElements` have failed.
 *
 * A failed node takes its links with it. `connected`: down when a terminal is down or the up terminals do not all
 * lie in one surviving component (no terminals: never down). `reach`: down when some `from` node is down or reaches
 * fewer than `k` up `to` nodes (a node in both sets reaches itself; no `from` nodes: never down).
 * Cost: O(nodeCount + linkCount) time, no allocation when `scratch` is given.
 * @param topology the network
 * @param service the service to evaluate
 * @param downElements length >= nodeCount + linkCount; non-zero at element e (nodes 0..N-1, links N..N+L-1) when e is down
 * @param scratch buffers from {@link createServiceScratch}; allocated per call when omitted
 */
export function isServiceDown(
  topology: CsrTopology,
  service: CompiledService,
  downElements: Uint8Array,
  scratch?: ServiceScratch,
): boolean {
  checkArguments(topology, downElements, scratch);
  const buffers = scratch ?? createServiceScratch(topology.nodeCount);
  const stamp = nextStamp(buffers);
  if (service.kind === 'connected') {
    const terminals = service.terminals;
    if (terminals.length === 0) return false;
    for (let i = 0; i < terminals.length; i++) if (downElements[terminals[i]] !== 0) return true;
    labelComponent(topology, downElements, buffers, stamp, terminals[0], 0);
    for (let i = 1; i < terminals.length; i++) if (buffers.visitStamp[terminals[i]] !== stamp) return true;
    return false;
  }
  const from = service.from;
  for (let i = 0; i < from.length; i++) if (downElements[from[i]] !== 0) return true;
  labelReach(topology, service, downElements, buffers, stamp);
  for (let i = 0; i < from.length; i++) {
    if (buffers.componentToCount[buffers.component[from[i]]] < service.k) return true;
  }
  return false;
}

/**
 * The largest level {@link measureServiceLevel} can return for `service`: the terminal count (connected) or
 * `from.length * k` (reach). The service is up exactly when its level equals this value.
 */
export function fullServiceLevel(service: CompiledService): number {
  return service.kind === 'connected' ? service.terminals.length : service.from.length * service.k;
}

/**
 * A graded measure of how well `service` is served, used to rank partial attacks (higher is better served).
 * `connected`: the largest number of up terminals sharing one surviving component, in [0, terminals.length].
 * `reach`: the sum over up `from` nodes f of min(k, up `to` nodes f reaches), in [0, from.length * k].
 * The service is up exactly when the level equals {@link fullServiceLevel}. Cost: O(nodeCount + linkCount + t^2)
 * for t terminals.
 * @param downElements as in {@link isServiceDown}
 */
export function measureServiceLevel(
  topology: CsrTopology,
  service: CompiledService,
  downElements: Uint8Array,
  scratch?: ServiceScratch,
): number {
  checkArguments(topology, downElements, scratch);
  const buffers = scratch ?? createServiceScratch(topology.nodeCount);
  const stamp = nextStamp(buffers);
  if (service.kind === 'connected') {
    const terminals = service.terminals;
    for (let i = 0; i < terminals.length; i++)
      if (downElements[terminals[i]] === 0) buffers.toStamp[terminals[i]] = stamp;
    let labels = 0;
    let best = 0;
    for (let i = 0; i < terminals.length; i++) {
      const t = terminals[i];
      if (downElements[t] !== 0 || buffers.visitStamp[t] === stamp) continue;
      const count = labelComponent(topology, downElements, buffers, stamp, t, labels++);
      if (count > best) best = count;
    }
    return best;
  }
  labelReach(topology, service, downElements, buffers, stamp);
  let level = 0;
  const from = service.from;
  for (let i = 0; i < from.length; i++) {
    const f = from[i];
    if (downElements[f] !== 0) continue;
    level += Math.min(service.k, buffers.componentToCount[buffers.component[f]]);
  }
  return level;
}
