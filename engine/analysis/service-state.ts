// Exact evaluation of one service in one failure state, by breadth-first search over the surviving network, as
// the service's kind defines it (engine/services). It is the oracle the analysis algorithms (cut sets, sabotage)
// are checked against, and their inner evaluator.

import type { CompiledService } from '../model.ts';
import {
  createComponentSearchScratch,
  nextSearchStamp,
  type ComponentSearchScratch,
} from '../services/component-search.ts';
import { serviceKindOf } from '../services/service-kinds.ts';
import type { CsrTopology } from '../topology/csr-topology.ts';

/**
 * Reusable buffers for {@link isServiceDown} and {@link measureServiceLevel}; allocate once per topology size.
 * Marks use a stamp that grows by one per evaluation, so no buffer is cleared between calls.
 */
export type ServiceScratch = ComponentSearchScratch;

/**
 * Allocates scratch buffers for evaluating services on a topology with `nodeCount` nodes.
 * @param nodeCount number of nodes, >= 0
 */
export function createServiceScratch(nodeCount: number): ServiceScratch {
  return createComponentSearchScratch(nodeCount);
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
  const stamp = nextSearchStamp(buffers);
  return serviceKindOf(service).isDown(topology, service, downElements, buffers, stamp);
}

/**
 * The largest level {@link measureServiceLevel} can return for `service`: the terminal count (connected) or
 * `from.length * k` (reach). The service is up exactly when its level equals this value.
 */
export function fullServiceLevel(service: CompiledService): number {
  return serviceKindOf(service).fullLevel(service);
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
  const stamp = nextSearchStamp(buffers);
  return serviceKindOf(service).measureLevel(topology, service, downElements, buffers, stamp);
}
