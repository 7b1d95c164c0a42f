// A service restated in one uniform shape for the analysis algorithms: "every `from` node is up and reaches at
// least k up `to` nodes". A k-terminal connected service T is reach(from = [T0], to = T, k = |T|).

import type { CompiledService } from '../../model.ts';

/** A service as from/to/k with per-node membership flags (to-nodes deduplicated). */
export interface ReachForm {
  /** Distinct `from` node indices; empty when the service can never be down. */
  readonly from: Uint32Array;
  /** Distinct `to` node indices. */
  readonly to: Uint32Array;
  /** Required number of reachable up `to` nodes per `from` node, >= 1 when `from` is non-empty. */
  readonly k: number;
  /** 1 at each `from` node, length nodeCount. */
  readonly isFrom: Uint8Array;
  /** 1 at each `to` node, length nodeCount. */
  readonly isTo: Uint8Array;
}

function distinct(nodes: Uint32Array, nodeCount: number, flags: Uint8Array): Uint32Array {
  const out: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i];
    if (v >= nodeCount) throw new RangeError(`service names node ${v} outside [0, ${nodeCount})`);
    if (flags[v] === 0) out.push(v);
    flags[v] = 1;
  }
  return Uint32Array.from(out);
}

/**
 * Restates `service` as a reach form (see file header). Equivalence: a connected service is up iff T0 is up and
 * reaches all |T| terminals, i.e. every terminal is up and in T0's component.
 * @param nodeCount number of nodes of the topology the service lives on
 */
export function toReachForm(service: CompiledService, nodeCount: number): ReachForm {
  const isFrom = new Uint8Array(nodeCount);
  const isTo = new Uint8Array(nodeCount);
  if (service.kind === 'connected') {
    const to = distinct(service.terminals, nodeCount, isTo);
    if (to.length === 0) return { from: new Uint32Array(0), to, k: 1, isFrom, isTo };
    isFrom[to[0]] = 1;
    return { from: Uint32Array.of(to[0]), to, k: to.length, isFrom, isTo };
  }
  if (!Number.isInteger(service.k) || service.k < 1)
    throw new RangeError(`service ${service.id}: k must be an integer >= 1`);
  const from = distinct(service.from, nodeCount, isFrom);
  const to = distinct(service.to, nodeCount, isTo);
  return { from, to, k: service.k, isFrom, isTo };
}
