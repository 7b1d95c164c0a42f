// What the traffic-aware kinds (capacity, latency, protected) share: a `from` and a `to` node list, a copy of the
// topology they evaluate flows and paths on, and their restatement as a reach criterion, which for them bounds the
// elements that can matter (every flow or path runs along simple paths between endpoints) without deciding the state.

import type { CsrTopology } from '../../topology/csr-topology.ts';
import { collectDistinctNodes } from './distinct-nodes.ts';
import type { FrontierRoles, ReachCriterion, ReachForm } from '../service-kind.ts';

/** The fields every traffic-aware service has. */
export interface TrafficServiceBase {
  readonly id: string;
  /** Node indices, distinct, non-empty. */
  readonly from: Uint32Array;
  /** Node indices, distinct, non-empty. */
  readonly to: Uint32Array;
  /** The topology the service's flows and paths run on (the model's, compiled with the service). */
  readonly network: CsrTopology;
}

/** `from`, then `to`. */
export function listTrafficNodes(service: TrafficServiceBase): Uint32Array {
  const nodes = new Uint32Array(service.from.length + service.to.length);
  nodes.set(service.from, 0);
  nodes.set(service.to, service.from.length);
  return nodes;
}

/** Every `from` node reaches a `to` node: a necessary condition whose relevant elements bound those that matter. */
export function toTrafficReachCriterion(service: TrafficServiceBase): ReachCriterion {
  return { from: service.from, to: service.to, k: 1 };
}

/** The reach envelope of {@link toTrafficReachCriterion} with membership flags. */
export function toTrafficReachForm(service: TrafficServiceBase, nodeCount: number): ReachForm {
  const isFrom = new Uint8Array(nodeCount);
  const isTo = new Uint8Array(nodeCount);
  const from = collectDistinctNodes(service.from, nodeCount, isFrom);
  const to = collectDistinctNodes(service.to, nodeCount, isTo);
  return { from, to, k: 1, isFrom, isTo };
}

/** The frontier dynamic program decides connectivity only; a traffic-aware kind has no frontier tags. */
export function refuseFrontier(service: TrafficServiceBase & { readonly kind: string }): FrontierRoles {
  throw new RangeError(
    `service ${service.id}: the frontier dynamic program cannot evaluate a ${service.kind} service (it decides connectivity only)`,
  );
}

/** Relative tolerance of threshold comparisons (flow against demand, delay against bound). */
export const THRESHOLD_TOLERANCE = 1e-9;
