// Whether a service is down, by breadth-first searches that stop as soon as each `from` node has reached k `to`
// nodes: the inner test of critical-state sampling, run once per risk group and repair test, where a full component
// labelling (engine/analysis isServiceDown) would mostly explore nodes that cannot change the answer.

import type { ReachForm } from '../../analysis/index.ts';
import type { CsrTopology } from '../../topology/csr-topology.ts';

/** Buffers of {@link isServiceDownEarly}; allocate once per topology. */
export interface EarlyExitScratch {
  readonly queue: Int32Array;
  /** Search stamp per node: the search (within the current evaluation) that reached it. */
  readonly visitStamp: Uint32Array;
  /** The last stamp handed out, in [0, 2^32 - 1]; one-element array so the record stays read-only. */
  readonly stamp: Uint32Array;
}

export function createEarlyExitScratch(nodeCount: number): EarlyExitScratch {
  return { queue: new Int32Array(nodeCount), visitStamp: new Uint32Array(nodeCount), stamp: new Uint32Array(1) };
}

/**
 * Same answer as engine/analysis `isServiceDown` for the service restated as `form`: down when some `from` node is
 * down or reaches fewer than k up `to` nodes (a node in both sets reaches itself). Each `from` node not yet reached
 * runs its own search with a fresh stamp; the search succeeds when it counts k `to` nodes or meets a node stamped by
 * an earlier search of this evaluation (every earlier search succeeded, else the answer was already "down", so that
 * node's component holds k `to` nodes). Worst case O(n + m); no allocation.
 * @param down non-zero at failed elements (nodes 0..N-1, links N..N+L-1)
 */
export function isServiceDownEarly(
  topology: CsrTopology,
  form: ReachForm,
  down: Uint8Array,
  scratch: EarlyExitScratch,
): boolean {
  const from = form.from;
  for (let i = 0; i < from.length; i++) if (down[from[i]] !== 0) return true;
  const count = from.length;
  if (count === 0) return false;
  const visitStamp = scratch.visitStamp;
  // Because: stamps of this evaluation must all exceed every stamp left from earlier ones, including after a wrap.
  if (scratch.stamp[0] > 0xffffffff - count - 1) {
    visitStamp.fill(0);
    scratch.stamp[0] = 0;
  }
  const firstStamp = scratch.stamp[0] + 1;
  const nodeCount = topology.nodeCount;
  const adjacencyStart = topology.adjacencyStart;
  const adjacencyNode = topology.adjacencyNode;
  const adjacencyEdge = topology.adjacencyEdge;
  const queue = scratch.queue;
  const isTo = form.isTo;
  const k = form.k;
  for (let i = 0; i < count; i++) {
    const f = from[i];
    if (visitStamp[f] >= firstStamp) continue;
    const stamp = ++scratch.stamp[0];
    let head = 0;
    let tail = 0;
    queue[tail++] = f;
    visitStamp[f] = stamp;
    let found = isTo[f];
    let reached = found >= k;
    while (!reached && head < tail) {
      const v = queue[head++];
      const end = adjacencyStart[v + 1];
      for (let h = adjacencyStart[v]; h < end; h++) {
        const w = adjacencyNode[h];
        if (down[w] !== 0 || down[nodeCount + adjacencyEdge[h]] !== 0) continue;
        const seen = visitStamp[w];
        if (seen === stamp) continue;
        if (seen >= firstStamp) {
          reached = true;
          break;
        }
        visitStamp[w] = stamp;
        queue[tail++] = w;
        found += isTo[w];
        if (found >= k) {
          reached = true;
          break;
        }
      }
    }
    if (!reached) return true;
  }
  return false;
}
