// Evaluates one service on one failure state (which elements are down) with union-find: the enumerator's oracle.

import type { CompiledService } from '../../model.ts';
import type { CsrTopology } from '../../topology/csr-topology.ts';

/** Scratch buffers of {@link isServiceUp}, allocated once per enumeration. */
export interface ServiceStateScratch {
  readonly parent: Int32Array;
  readonly reached: Int32Array;
}

export function createServiceStateScratch(nodeCount: number): ServiceStateScratch {
  return { parent: new Int32Array(nodeCount), reached: new Int32Array(nodeCount) };
}

/**
 * True when the service is up in the state where element e is down iff `elementDown[e] === 1`
 * (nodes 0..N-1, then links N..N+L-1; a down node takes its links down).
 */
export function isServiceUp(
  topology: CsrTopology,
  service: CompiledService,
  elementDown: Uint8Array,
  scratch: ServiceStateScratch,
): boolean {
  const n = topology.nodeCount;
  const parent = scratch.parent;
  for (let v = 0; v < n; v++) parent[v] = v;
  for (let j = 0; j < topology.linkCount; j++) {
    const a = topology.linkSource[j];
    const b = topology.linkTarget[j];
    if (elementDown[n + j] === 1 || elementDown[a] === 1 || elementDown[b] === 1) continue;
    const ra = find(parent, a);
    const rb = find(parent, b);
    if (ra !== rb) parent[ra] = rb;
  }
  if (service.kind === 'connected') {
    const terminals = service.terminals;
    if (terminals.length === 0) return true;
    if (elementDown[terminals[0]] === 1) return false;
    const root = find(parent, terminals[0]);
    for (let i = 1; i < terminals.length; i++) {
      const t = terminals[i];
      if (elementDown[t] === 1 || find(parent, t) !== root) return false;
    }
    return true;
  }
  const reached = scratch.reached;
  reached.fill(0);
  for (const t of service.to) if (elementDown[t] !== 1) reached[find(parent, t)]++;
  for (const f of service.from) {
    if (elementDown[f] === 1 || reached[find(parent, f)] < service.k) return false;
  }
  return true;
}

function find(parent: Int32Array, v: number): number {
  let x = v;
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}
