// Service evaluation for one sampled state: labels the surviving components with union-find over the CSR link
// list, then asks each service's kind how many endpoints are served. Scratch buffers are allocated once per
// worker; the loop allocates nothing.

import type { CompiledModel, CompiledService } from '../model.ts';
import { serviceKindOf } from '../services/service-kinds.ts';
import type { CsrTopology } from '../topology/csr-topology.ts';
import { findRoot } from './union-find.ts';

/** Scratch buffers for evaluation; allocate once with createEvaluationScratch and reuse. */
export interface EvaluationScratch {
  /** Union-find parent per node; after labelComponents, root per node. */
  readonly parent: Int32Array;
  /** A copy of the state for per-service (targeted attack) evaluation. */
  readonly attackedDown: Uint8Array;
}

/** Allocates the evaluation scratch of a model (one parent per node, one state copy per element). */
export function createEvaluationScratch(model: CompiledModel): EvaluationScratch {
  return { parent: new Int32Array(model.topology.nodeCount), attackedDown: new Uint8Array(model.elementCount) };
}

/**
 * Labels components of the surviving network: afterwards `parent[v]` is the root of v's component for every
 * node v (down nodes are their own singleton roots). A link survives when it and both its end nodes are up.
 * @param down 1 for down elements (nodes 0..N-1, links N..N+L-1)
 */
export function labelComponents(model: CompiledModel, down: Uint8Array, parent: Int32Array): void {
  labelTopologyComponents(model.topology, down, parent);
}

/** {@link labelComponents} on a bare topology (e.g. before a model is compiled). */
export function labelTopologyComponents(topology: CsrTopology, down: Uint8Array, parent: Int32Array): void {
  const nodeCount = topology.nodeCount;
  const source = topology.linkSource;
  const target = topology.linkTarget;
  for (let v = 0; v < nodeCount; v++) parent[v] = v;
  for (let j = 0; j < topology.linkCount; j++) {
    if (down[nodeCount + j] === 1) continue;
    const a = source[j];
    const b = target[j];
    if (down[a] === 1 || down[b] === 1) continue;
    const ra = findRoot(parent, a);
    const rb = findRoot(parent, b);
    if (ra !== rb) {
      // Union by index keeps the result independent of insertion history beyond the link order.
      if (ra < rb) parent[rb] = ra;
      else parent[ra] = rb;
    }
  }
  for (let v = 0; v < nodeCount; v++) parent[v] = findRoot(parent, v);
}

/**
 * Number of endpoints served by `service` in a labelled state (see labelComponents), as its kind defines it
 * (engine/services). The service is up when this equals countServiceEndpoints. Hot loops look the kind up once
 * per batch (resolveServiceKinds) and call its countServed directly.
 */
export function countServedEndpoints(service: CompiledService, down: Uint8Array, root: Int32Array): number {
  return serviceKindOf(service).countServed(service, down, root);
}

/** Endpoint count of a service as its kind defines it (connected: terminals; reach: `from` nodes). */
export function countServiceEndpoints(service: CompiledService): number {
  return serviceKindOf(service).countEndpoints(service);
}
