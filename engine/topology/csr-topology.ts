// Compiled network topology as flat CSR (compressed sparse row) typed arrays: the form the hot path reads.
// Nodes are numbered 0..nodeCount-1 and links 0..linkCount-1; user ids live in a TopologyIndex beside it.

/**
 * An undirected multigraph in CSR form. Every link appears twice in the adjacency (one half-edge per end).
 * The half-edges of node `v` are `adjacencyStart[v]` (included) to `adjacencyStart[v + 1]` (excluded);
 * half-edge `h` leads to node `adjacencyNode[h]` over link `adjacencyEdge[h]`.
 */
export interface CsrTopology {
  readonly nodeCount: number;
  readonly linkCount: number;
  /** Link endpoints, one entry per link; `linkSource[j] !== linkTarget[j]` (no self-loops). */
  readonly linkSource: Uint32Array;
  readonly linkTarget: Uint32Array;
  /** Length nodeCount + 1. */
  readonly adjacencyStart: Uint32Array;
  /** Length 2 * linkCount. */
  readonly adjacencyNode: Uint32Array;
  /** Length 2 * linkCount. */
  readonly adjacencyEdge: Uint32Array;
}

/**
 * Builds the CSR adjacency of an undirected multigraph from its link list. Half-edges of each node are ordered
 * by link index, so the result is a pure function of the inputs.
 * @param nodeCount number of nodes (>= 0)
 * @param linkSource endpoint a of each link, a node index in [0, nodeCount)
 * @param linkTarget endpoint b of each link, a node index in [0, nodeCount)
 */
export function buildCsrTopology(
  nodeCount: number,
  linkSource: ArrayLike<number>,
  linkTarget: ArrayLike<number>,
): CsrTopology {
  const linkCount = linkSource.length;
  if (linkTarget.length !== linkCount) throw new RangeError('linkSource and linkTarget must have the same length');
  const source = Uint32Array.from(linkSource);
  const target = Uint32Array.from(linkTarget);
  const adjacencyStart = new Uint32Array(nodeCount + 1);
  for (let j = 0; j < linkCount; j++) {
    const a = source[j];
    const b = target[j];
    if (a >= nodeCount || b >= nodeCount) throw new RangeError(`link ${j} names a node outside [0, ${nodeCount})`);
    if (a === b) throw new RangeError(`link ${j} is a self-loop on node ${a}`);
    adjacencyStart[a + 1]++;
    adjacencyStart[b + 1]++;
  }
  for (let v = 0; v < nodeCount; v++) adjacencyStart[v + 1] += adjacencyStart[v];
  const cursor = adjacencyStart.slice(0, nodeCount);
  const adjacencyNode = new Uint32Array(2 * linkCount);
  const adjacencyEdge = new Uint32Array(2 * linkCount);
  for (let j = 0; j < linkCount; j++) {
    const a = source[j];
    const b = target[j];
    const ha = cursor[a]++;
    adjacencyNode[ha] = b;
    adjacencyEdge[ha] = j;
    const hb = cursor[b]++;
    adjacencyNode[hb] = a;
    adjacencyEdge[hb] = j;
  }
  return { nodeCount, linkCount, linkSource: source, linkTarget: target, adjacencyStart, adjacencyNode, adjacencyEdge };
}

/** Recovers the link list `[source, target][]` from a CSR topology (inverse of buildCsrTopology up to order). */
export function listCsrLinks(topology: CsrTopology): Array<[number, number]> {
  const links: Array<[number, number]> = [];
  for (let j = 0; j < topology.linkCount; j++) links.push([topology.linkSource[j], topology.linkTarget[j]]);
  return links;
}
