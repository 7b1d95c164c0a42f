// One depth-first search that finds every single element whose extra failure takes a service down, given a
// failure state in which the service is still up: bridges and articulation points (Tarjan 1972; Hopcroft and
// Tarjan 1973) that split a component into pieces where some `from` node keeps fewer than k `to` nodes.

import type { CsrTopology } from '../../topology/csr-topology.ts';
import type { ReachForm } from './reach-form.ts';

/** Buffers of the iterative DFS, allocated once per (topology, analysis). */
export interface ExtensionScanScratch {
  readonly discovery: Int32Array;
  readonly low: Int32Array;
  readonly parentNode: Int32Array;
  readonly parentLink: Int32Array;
  readonly nextHalfEdge: Uint32Array;
  readonly stack: Int32Array;
  readonly order: Int32Array;
  /** `from` and `to` nodes in the DFS subtree of each node. */
  readonly subtreeFrom: Int32Array;
  readonly subtreeTo: Int32Array;
  /** `from` and `to` nodes in the child subtrees that removing the node would cut off. */
  readonly separatedFrom: Int32Array;
  readonly separatedTo: Int32Array;
  /** 1 when some cut-off child subtree has a `from` node with fewer than k `to` nodes. */
  readonly badPiece: Uint8Array;
}

/** Allocates scan buffers for a topology with `nodeCount` nodes. */
export function createExtensionScanScratch(nodeCount: number): ExtensionScanScratch {
  return {
    discovery: new Int32Array(nodeCount),
    low: new Int32Array(nodeCount),
    parentNode: new Int32Array(nodeCount),
    parentLink: new Int32Array(nodeCount),
    nextHalfEdge: new Uint32Array(nodeCount),
    stack: new Int32Array(nodeCount),
    order: new Int32Array(nodeCount),
    subtreeFrom: new Int32Array(nodeCount),
    subtreeTo: new Int32Array(nodeCount),
    separatedFrom: new Int32Array(nodeCount),
    separatedTo: new Int32Array(nodeCount),
    badPiece: new Uint8Array(nodeCount),
  };
}

/**
 * Sets `critical[e] = 1` for every up node or link e whose additional failure takes the service down, and 0
 * elsewhere (down elements, elements outside the components of the `from` nodes).
 *
 * Precondition: the service is up under `down`. Removing a non-bridge link changes no component, so only bridges
 * can be critical links; a bridge splits its component into the DFS subtree below it and the rest. Removing node u
 * splits its component into the child subtrees c with low[c] >= disc[u] and one remainder piece (for the DFS root
 * every child is cut off and the remainder is empty). The service goes down when some piece holds a `from` node
 * but fewer than k `to` nodes, or u is itself a `from` node. Time O(nodeCount + linkCount).
 * @param down non-zero at failed elements (nodes 0..N-1, links N..N+L-1)
 * @param critical output, length nodeCount + linkCount
 */
export function scanCriticalExtensions(
  topology: CsrTopology,
  form: ReachForm,
  down: Uint8Array,
  scratch: ExtensionScanScratch,
  critical: Uint8Array,
): void {
  const nodeCount = topology.nodeCount;
  const adjacencyStart = topology.adjacencyStart;
  const adjacencyNode = topology.adjacencyNode;
  const adjacencyEdge = topology.adjacencyEdge;
  const { discovery, low, parentNode, parentLink, nextHalfEdge, stack, order } = scratch;
  const { subtreeFrom, subtreeTo, separatedFrom, separatedTo, badPiece } = scratch;
  const isFrom = form.isFrom;
  const isTo = form.isTo;
  const k = form.k;
  critical.fill(0);
  discovery.fill(-1);
  let time = 0;
  const from = form.from;
  for (let r = 0; r < from.length; r++) {
    const root = from[r];
    if (discovery[root] >= 0 || down[root] !== 0) continue;
    const componentStart = time;
    let top = 0;
    stack[0] = root;
    discovery[root] = low[root] = time;
    order[time++] = root;
    parentNode[root] = -1;
    parentLink[root] = -1;
    nextHalfEdge[root] = adjacencyStart[root];
    subtreeFrom[root] = isFrom[root];
    subtreeTo[root] = isTo[root];
    separatedFrom[root] = separatedTo[root] = 0;
    badPiece[root] = 0;
    while (top >= 0) {
      const u = stack[top];
      if (nextHalfEdge[u] < adjacencyStart[u + 1]) {
        const h = nextHalfEdge[u]++;
        const link = adjacencyEdge[h];
        const w = adjacencyNode[h];
        // Skipping the parent link by id (not the parent node) keeps parallel links as back edges.
        if (link === parentLink[u] || down[w] !== 0 || down[nodeCount + link] !== 0) continue;
        if (discovery[w] < 0) {
          discovery[w] = low[w] = time;
          order[time++] = w;
          parentNode[w] = u;
          parentLink[w] = link;
          nextHalfEdge[w] = adjacencyStart[w];
          subtreeFrom[w] = isFrom[w];
          subtreeTo[w] = isTo[w];
          separatedFrom[w] = separatedTo[w] = 0;
          badPiece[w] = 0;
          stack[++top] = w;
        } else if (discovery[w] < low[u]) {
          low[u] = discovery[w];
        }
        continue;
      }
      top--;
      const p = parentNode[u];
      if (p < 0) continue;
      if (low[u] < low[p]) low[p] = low[u];
      subtreeFrom[p] += subtreeFrom[u];
      subtreeTo[p] += subtreeTo[u];
      if (low[u] >= discovery[p]) {
        separatedFrom[p] += subtreeFrom[u];
        separatedTo[p] += subtreeTo[u];
        if (subtreeFrom[u] > 0 && subtreeTo[u] < k) badPiece[p] = 1;
      }
    }
    const componentFrom = subtreeFrom[root];
    const componentTo = subtreeTo[root];
    for (let i = componentStart; i < time; i++) {
      const v = order[i];
      if (isFrom[v] !== 0 || badPiece[v] !== 0) {
        critical[v] = 1;
      } else {
        const restFrom = componentFrom - separatedFrom[v];
        const restTo = componentTo - isTo[v] - separatedTo[v];
        if (restFrom > 0 && restTo < k) critical[v] = 1;
      }
      const p = parentNode[v];
      if (p >= 0 && low[v] > discovery[p]) {
        const belowFrom = subtreeFrom[v];
        const belowTo = subtreeTo[v];
        if ((belowFrom > 0 && belowTo < k) || (componentFrom - belowFrom > 0 && componentTo - belowTo < k)) {
          critical[nodeCount + parentLink[v]] = 1;
        }
      }
    }
  }
}
