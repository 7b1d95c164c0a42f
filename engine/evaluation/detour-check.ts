// Local detour check: proves, with a few small searches around the failed elements, that a scenario's failures
// leave the connectivity between surviving nodes exactly as in the base state, so the base state's component
// labels can be reused instead of labelling the whole network again.
//
// Why it is exact. Let G0 be the base surviving graph and G1 = G0 minus the failed set X. Group the failed
// nodes into clusters (connected through G0 links); a cluster's attachments are its G1-surviving neighbours.
// If every cluster's attachments lie in one G1 component, and the two ends of every failed link between
// surviving nodes are G1-connected, then any G0 path between surviving nodes can be rerouted around each
// failed stretch (which enters and leaves a cluster at two of its attachments, or is one failed link), so two
// surviving nodes are G1-connected exactly when they are G0-connected. Failures that are irrelevant to a service
// (off every simple path between its endpoints, see service-structure.ts) never lie on such a path, so only the
// failures relevant to the services being evaluated need checking; a failed node next to a checked cluster
// joins it, which only adds attachments.

import type { CsrTopology } from '../topology/csr-topology.ts';

/** Buffers of the detour check, allocated once per topology. */
export interface DetourScratch {
  /** Per node: stamp of the last search that visited it. */
  readonly visited: Int32Array;
  /** Per node: stamp of the last search that wants to reach it. */
  readonly wanted: Int32Array;
  /** Per node: stamp of the last check that put it in a cluster. */
  readonly clustered: Int32Array;
  readonly queue: Int32Array;
  readonly cluster: Int32Array;
  readonly attachments: Int32Array;
  /** [current stamp]. */
  readonly stamp: Int32Array;
}

/** Allocates detour-check buffers for a topology. */
export function createDetourScratch(topology: CsrTopology): DetourScratch {
  const n = topology.nodeCount;
  return {
    visited: new Int32Array(n),
    wanted: new Int32Array(n),
    clustered: new Int32Array(n),
    queue: new Int32Array(n),
    cluster: new Int32Array(n),
    attachments: new Int32Array(2 * topology.linkCount + 2),
    stamp: new Int32Array(1),
  };
}

function nextStamp(scratch: DetourScratch): number {
  let s = scratch.stamp[0] + 1;
  if (s >= 0x3fffffff) {
    scratch.visited.fill(0);
    scratch.wanted.fill(0);
    scratch.clustered.fill(0);
    s = 1;
  }
  scratch.stamp[0] = s;
  return s;
}

/**
 * Breadth-first search in G1 from attachments[0] until every attachment is found or `budget` nodes were visited.
 * @returns true when every attachment was found
 */
function connectAttachments(
  topology: CsrTopology,
  down: Uint8Array,
  scratch: DetourScratch,
  attachmentCount: number,
  budget: number,
): boolean {
  const attachments = scratch.attachments;
  const stamp = nextStamp(scratch);
  const visited = scratch.visited;
  const wanted = scratch.wanted;
  let remaining = 0;
  for (let i = 1; i < attachmentCount; i++) {
    const w = attachments[i];
    if (wanted[w] !== stamp && w !== attachments[0]) {
      wanted[w] = stamp;
      remaining++;
    }
  }
  if (remaining === 0) return true;
  const nodeCount = topology.nodeCount;
  const adjacencyStart = topology.adjacencyStart;
  const adjacencyNode = topology.adjacencyNode;
  const adjacencyEdge = topology.adjacencyEdge;
  const queue = scratch.queue;
  let head = 0;
  let tail = 0;
  queue[tail++] = attachments[0];
  visited[attachments[0]] = stamp;
  while (head < tail) {
    const v = queue[head++];
    for (let h = adjacencyStart[v]; h < adjacencyStart[v + 1]; h++) {
      const w = adjacencyNode[h];
      if (visited[w] === stamp || down[w] === 1 || down[nodeCount + adjacencyEdge[h]] === 1) continue;
      visited[w] = stamp;
      if (wanted[w] === stamp && --remaining === 0) return true;
      if (tail >= budget) { (globalThis as any).__budget = ((globalThis as any).__budget ?? 0) + 1; return false; }
      queue[tail++] = w;
    }
  }
  (globalThis as any).__exhaust = ((globalThis as any).__exhaust ?? 0) + 1;
  return false;
}

/**
 * Checks that the failures `failed[i]` with `checked[i] === 1` cannot change connectivity between surviving
 * nodes (see the file header). Conservative: false means "not proven", never "changed".
 * @param topology the network
 * @param baseDown 1 for elements down in the base state G0
 * @param down 1 for elements down in the scenario (base plus failures)
 * @param failed the scenario's failed elements (not base-down), `failedCount` of them
 * @param checked per entry of `failed`: 1 when that failure must be checked
 * @param budget maximum nodes visited per search; a search that needs more gives up
 */
export function checkLocalDetours(
  topology: CsrTopology,
  baseDown: Uint8Array,
  down: Uint8Array,
  failed: Uint32Array,
  failedCount: number,
  checked: Uint8Array,
  scratch: DetourScratch,
  budget: number,
): boolean {
  const nodeCount = topology.nodeCount;
  const adjacencyStart = topology.adjacencyStart;
  const adjacencyNode = topology.adjacencyNode;
  const adjacencyEdge = topology.adjacencyEdge;
  const attachments = scratch.attachments;
  const clustered = scratch.clustered;
  const cluster = scratch.cluster;
  const clusterStamp = nextStamp(scratch);
  for (let i = 0; i < failedCount; i++) {
    if (checked[i] === 0) continue;
    const x = failed[i];
    let seed = -1;
    if (x >= nodeCount) {
      const j = x - nodeCount;
      const a = topology.linkSource[j];
      const b = topology.linkTarget[j];
      if (baseDown[a] === 1 || baseDown[b] === 1) continue;
      if (down[a] === 1) seed = a;
      else if (down[b] === 1) seed = b;
      else {
        attachments[0] = a;
        attachments[1] = b;
        if (!connectAttachments(topology, down, scratch, 2, budget)) return false;
        continue;
      }
    } else {
      seed = x;
    }
    if (clustered[seed] === clusterStamp) continue;
    // Grow the cluster of failed nodes around the seed (through G0 links) and collect its attachments.
    let size = 0;
    let attachmentCount = 0;
    cluster[size++] = seed;
    clustered[seed] = clusterStamp;
    for (let c = 0; c < size; c++) {
      const v = cluster[c];
      for (let h = adjacencyStart[v]; h < adjacencyStart[v + 1]; h++) {
        const w = adjacencyNode[h];
        if (baseDown[w] === 1 || baseDown[nodeCount + adjacencyEdge[h]] === 1) continue;
        if (down[w] === 1) {
          if (clustered[w] !== clusterStamp) {
            clustered[w] = clusterStamp;
            cluster[size++] = w;
          }
        } else {
          attachments[attachmentCount++] = w;
        }
      }
    }
    if (attachmentCount > 1 && !connectAttachments(topology, down, scratch, attachmentCount, budget)) return false;
  }
  (globalThis as any).__pass = ((globalThis as any).__pass ?? 0) + 1;
  return true;
}
