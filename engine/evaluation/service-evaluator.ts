// Service evaluation for one sampled state: labels the surviving components with union-find over the CSR link
// list, then checks each service. Scratch buffers are allocated once per worker; the loop allocates nothing.

import type { CompiledModel, CompiledService } from '../model.ts';

/** Scratch buffers for evaluation; allocate once with createEvaluationScratch and reuse. */
export interface EvaluationScratch {
  /** Union-find parent per node; after labelComponents, root per node. */
  readonly parent: Int32Array;
  /** A copy of the state for per-service (targeted attack) evaluation. */
  readonly attackedDown: Uint8Array;
}

export function createEvaluationScratch(model: CompiledModel): EvaluationScratch {
  return { parent: new Int32Array(model.topology.nodeCount), attackedDown: new Uint8Array(model.elementCount) };
}

/** Root of v's union-find tree, compressing the path on the way (Tarjan 1975). */
export function findRoot(parent: Int32Array, v: number): number {
  let root = v;
  while (parent[root] !== root) root = parent[root];
  // Path compression keeps later finds near O(1) (Tarjan 1975).
  while (parent[v] !== root) {
    const next = parent[v];
    parent[v] = root;
    v = next;
  }
  return root;
}

/**
 * Labels components of the surviving network: afterwards `parent[v]` is the root of v's component for every
 * node v (down nodes are their own singleton roots). A link survives when it and both its end nodes are up.
 * @param down 1 for down elements (nodes 0..N-1, links N..N+L-1)
 */
export function labelComponents(model: CompiledModel, down: Uint8Array, parent: Int32Array): void {
  const topology = model.topology;
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
 * Number of endpoints served by `service` in a labelled state (see labelComponents).
 * connected: the largest number of up terminals that share one component; reach: the number of up `from`
 * nodes that reach at least k up `to` nodes. The service is up when this equals its endpoint count.
 */
export function countServedEndpoints(service: CompiledService, down: Uint8Array, root: Int32Array): number {
  if (service.kind === 'connected') {
    const terminals = service.terminals;
    const count = terminals.length;
    let best = 0;
    for (let i = 0; i < count; i++) {
      const ti = terminals[i];
      if (down[ti] === 1) continue;
      const r = root[ti];
      let same = 0;
      for (let j = 0; j < count; j++) {
        const tj = terminals[j];
        if (down[tj] === 0 && root[tj] === r) same++;
      }
      if (same > best) best = same;
      if (best === count) break;
    }
    return best;
  }
  const from = service.from;
  const to = service.to;
  const k = service.k;
  let served = 0;
  for (let i = 0; i < from.length; i++) {
    const f = from[i];
    if (down[f] === 1) continue;
    const r = root[f];
    let reached = 0;
    for (let j = 0; j < to.length && reached < k; j++) {
      const t = to[j];
      if (down[t] === 0 && root[t] === r) reached++;
    }
    if (reached >= k) served++;
  }
  return served;
}

/** Endpoint count of a service: terminals (connected) or `from` nodes (reach). */
export function countServiceEndpoints(service: CompiledService): number {
  return service.kind === 'connected' ? service.terminals.length : service.from.length;
}
