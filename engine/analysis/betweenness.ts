// Shortest-path betweenness of nodes and links (Brandes 2001), restricted to source/target endpoint sets so it
// ranks the elements a given service's traffic depends on; used to order attacks.

import type { CsrTopology } from '../topology/csr-topology.ts';

/** Options of {@link computeElementBetweenness}; every field is optional. */
export interface BetweennessOptions {
  /** Non-zero at failed elements (nodes 0..N-1, links N..N+L-1), which carry no paths; default none failed. */
  readonly down?: Uint8Array;
  /** Nodes whose shortest paths count as sources; default every node. */
  readonly sources?: ArrayLike<number>;
  /** Nodes counted as path targets; default every node. */
  readonly targets?: ArrayLike<number>;
}

/**
 * Betweenness of every element: for each up source s and up target t != s reachable from s, the fraction of
 * shortest s-t paths (hop count; parallel links are distinct paths) through the element, summed over ordered
 * pairs (s, t). A node is not credited for paths it starts or ends (the classic definition). Brandes' dependency
 * accumulation (U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociology 25, 2001; target
 * subsets as in Brandes, "On variants of shortest-path betweenness centrality", Social Networks 30, 2008):
 * delta_s(v) = sum over successors w of sigma(v)/sigma(w) * ([w is a target] + delta_s(w)).
 * Time O(S (N + L)) for S sources.
 * @returns values >= 0, length nodeCount + linkCount (nodes, then links)
 */
export function computeElementBetweenness(topology: CsrTopology, options: BetweennessOptions = {}): Float64Array {
  const n = topology.nodeCount;
  const elementCount = n + topology.linkCount;
  const down = options.down ?? new Uint8Array(elementCount);
  if (down.length < elementCount)
    throw new RangeError(`options.down must have length nodeCount + linkCount (${elementCount})`);
  const isTarget = new Uint8Array(n);
  if (options.targets === undefined) {
    isTarget.fill(1);
  } else {
    for (let i = 0; i < options.targets.length; i++) {
      const t = options.targets[i];
      if (!(t >= 0 && t < n)) throw new RangeError(`options.targets[${i}] must be a node index in [0, ${n})`);
      isTarget[t] = 1;
    }
  }
  const sourceList: number[] = [];
  const isSource = new Uint8Array(n);
  if (options.sources === undefined) {
    for (let v = 0; v < n; v++) sourceList.push(v);
  } else {
    for (let i = 0; i < options.sources.length; i++) {
      const s = options.sources[i];
      if (!(s >= 0 && s < n)) throw new RangeError(`options.sources[${i}] must be a node index in [0, ${n})`);
      if (isSource[s] === 0) sourceList.push(s);
      isSource[s] = 1;
    }
  }
  const adjacencyStart = topology.adjacencyStart;
  const adjacencyNode = topology.adjacencyNode;
  const adjacencyEdge = topology.adjacencyEdge;
  const result = new Float64Array(elementCount);
  const distance = new Int32Array(n);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const order = new Int32Array(n);
  for (const s of sourceList) {
    if (down[s] !== 0) continue;
    distance.fill(-1);
    distance[s] = 0;
    sigma[s] = 1;
    let head = 0;
    let tail = 0;
    order[tail++] = s;
    while (head < tail) {
      const v = order[head++];
      delta[v] = 0;
      for (let h = adjacencyStart[v]; h < adjacencyStart[v + 1]; h++) {
        const w = adjacencyNode[h];
        if (down[w] !== 0 || down[n + adjacencyEdge[h]] !== 0) continue;
        if (distance[w] < 0) {
          distance[w] = distance[v] + 1;
          sigma[w] = 0;
          order[tail++] = w;
        }
        if (distance[w] === distance[v] + 1) sigma[w] += sigma[v];
      }
    }
    // Reverse BFS order: every successor's dependency is final before its predecessors read it.
    for (let i = tail - 1; i > 0; i--) {
      const w = order[i];
      const carried = (isTarget[w] + delta[w]) / sigma[w];
      for (let h = adjacencyStart[w]; h < adjacencyStart[w + 1]; h++) {
        const v = adjacencyNode[h];
        if (distance[v] !== distance[w] - 1 || down[v] !== 0 || down[n + adjacencyEdge[h]] !== 0) continue;
        const share = sigma[v] * carried;
        result[n + adjacencyEdge[h]] += share;
        delta[v] += share;
      }
      result[w] += delta[w];
    }
  }
  return result;
}
