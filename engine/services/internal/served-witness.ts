// The last witness of a traffic-aware service being fully served: the elements of one flow or set of paths that
// served it in an earlier failure state. While none of them is down, the same flow or paths still serve it (link
// capacities, delays and the demand do not change between states), so the state is fully served without a search:
// exact, and most samples of a forced scenario or a sparse failure regime skip their max-flow or Dijkstra. One
// witness per service object and thread (module-level, as the flow scratch); renewed after each search that found
// the service fully served while the old witness was broken.

import type { TrafficServiceBase } from './traffic-kind-base.ts';

interface Witness {
  /** Element indices (nodes 0..N-1, links N..N+L-1) of the witness; the first `count` are valid. */
  elements: Int32Array;
  count: number;
}

const witnesses = new WeakMap<TrafficServiceBase, Witness>();

/** Marks of markWitness, all 0 between calls; grown on demand. */
let mark = new Uint8Array(64);

/** True when the service's last witness is intact in this state: it is then fully served. */
export function isWitnessIntact(service: TrafficServiceBase, down: Uint8Array): boolean {
  const witness = witnesses.get(service);
  if (witness === undefined) return false;
  const { elements, count } = witness;
  for (let i = 0; i < count; i++) if (down[elements[i]] !== 0) return false;
  return true;
}

/**
 * Records a new witness for a state in which the service is fully served.
 * @param markWitness the kind's markWitness: marks (sets to 1) every element of one flow or path set serving it
 */
export function renewWitness<S extends TrafficServiceBase>(
  service: S,
  down: Uint8Array,
  markWitness: (service: S, down: Uint8Array, mark: Uint8Array) => void,
): void {
  const size = down.length;
  if (mark.length < size) mark = new Uint8Array(size);
  let witness = witnesses.get(service);
  if (witness === undefined || witness.elements.length < size) {
    witness = { elements: new Int32Array(size), count: 0 };
    witnesses.set(service, witness);
  }
  markWitness(service, down, mark);
  let count = 0;
  for (let e = 0; e < size; e++) {
    if (mark[e] === 0) continue;
    mark[e] = 0;
    witness.elements[count++] = e;
  }
  witness.count = count;
}
