// Which elements can belong to a minimal cut set at all: those on some simple path between two endpoints. Found
// with the block-cut tree (biconnected components, Hopcroft and Tarjan 1973) pruned to the subtrees spanning the
// endpoints; inside a biconnected block every vertex and edge lies on a simple path between any two of its vertices.

import type { CsrTopology } from '../../topology/csr-topology.ts';

/** Buffers for {@link markRelevantElements}, allocated once per topology. */
export interface RelevanceScratch {
  readonly discovery: Int32Array;
  readonly low: Int32Array;
  readonly parentLink: Int32Array;
  readonly parentNode: Int32Array;
  readonly nextHalfEdge: Uint32Array;
  readonly stack: Int32Array;
  readonly linkStack: Int32Array;
  /** Links of each block, block b at blockLinkStart[b] (included) to blockLinkStart[b + 1] (excluded). */
  readonly blockLinks: Int32Array;
  readonly blockLinkStart: Int32Array;
  /** Distinct vertices of each block, same layout (at most two per link). */
  readonly blockVertices: Int32Array;
  readonly blockVertexStart: Int32Array;
  readonly vertexStamp: Int32Array;
  readonly vertexBlockCount: Int32Array;
  readonly blockDegree: Int32Array;
  readonly blockKept: Uint8Array;
  readonly blockMarked: Uint8Array;
  /** Blocks of each cut vertex, CSR over nodes. */
  readonly cutBlockStart: Int32Array;
  readonly cutBlocks: Int32Array;
  readonly cutDegree: Int32Array;
  readonly cutKept: Uint8Array;
  readonly queue: Int32Array;
}

/** Allocates relevance buffers for a topology. */
export function createRelevanceScratch(topology: CsrTopology): RelevanceScratch {
  const n = topology.nodeCount;
  const l = topology.linkCount;
  return {
    discovery: new Int32Array(n),
    low: new Int32Array(n),
    parentLink: new Int32Array(n),
    parentNode: new Int32Array(n),
    nextHalfEdge: new Uint32Array(n),
    stack: new Int32Array(n),
    linkStack: new Int32Array(l),
    blockLinks: new Int32Array(l),
    blockLinkStart: new Int32Array(l + 1),
    blockVertices: new Int32Array(2 * l),
    blockVertexStart: new Int32Array(l + 1),
    vertexStamp: new Int32Array(n),
    vertexBlockCount: new Int32Array(n),
    blockDegree: new Int32Array(l),
    blockKept: new Uint8Array(l),
    blockMarked: new Uint8Array(l),
    cutBlockStart: new Int32Array(n + 1),
    cutBlocks: new Int32Array(2 * l),
    cutDegree: new Int32Array(n),
    cutKept: new Uint8Array(n),
    queue: new Int32Array(n + l),
  };
}

/**
 * Sets `relevant[e] = 1` for every up element e (node or link) that lies in the block-cut subtree spanning the
 * endpoints, 0 elsewhere. Every element of a minimal cut set of the surviving network lies on a simple path between
 * two endpoints, hence is marked (the converse need not hold: the mark is a superset). Up endpoints are always
 * marked. Time O(nodeCount + linkCount).
 * @param endpoint 1 at every node that is a `from` or `to` node (terminal) of the service, length nodeCount
 * @param down non-zero at failed elements (nodes 0..N-1, links N..N+L-1)
 * @param relevant output, length nodeCount + linkCount
 */
export function markRelevantElements(
  topology: CsrTopology,
  endpoint: Uint8Array,
  down: Uint8Array,
  scratch: RelevanceScratch,
  relevant: Uint8Array,
): void {
  const n = topology.nodeCount;
  const adjacencyStart = topology.adjacencyStart;
  const adjacencyNode = topology.adjacencyNode;
  const adjacencyEdge = topology.adjacencyEdge;
  const linkSource = topology.linkSource;
  const linkTarget = topology.linkTarget;
  const { discovery, low, parentLink, parentNode, nextHalfEdge, stack, linkStack } = scratch;
  const { blockLinks, blockLinkStart, blockVertices, blockVertexStart, vertexStamp, vertexBlockCount } = scratch;
  relevant.fill(0);
  discovery.fill(-1);
  vertexBlockCount.fill(0);
  vertexStamp.fill(-1);

  // Phase 1: biconnected blocks of the components that hold an endpoint (iterative Tarjan with a link stack).
  let time = 0;
  let linkTop = 0;
  let blockCount = 0;
  let linkCursor = 0;
  let vertexCursor = 0;
  for (let r = 0; r < n; r++) {
    if (endpoint[r] === 0 || down[r] !== 0 || discovery[r] >= 0) continue;
    relevant[r] = 1;
    let top = 0;
    stack[0] = r;
    discovery[r] = low[r] = time++;
    parentLink[r] = -1;
    parentNode[r] = -1;
    nextHalfEdge[r] = adjacencyStart[r];
    while (top >= 0) {
      const u = stack[top];
      if (nextHalfEdge[u] < adjacencyStart[u + 1]) {
        const h = nextHalfEdge[u]++;
        const link = adjacencyEdge[h];
        const w = adjacencyNode[h];
        if (link === parentLink[u] || down[w] !== 0 || down[n + link] !== 0) continue;
        if (discovery[w] < 0) {
          linkStack[linkTop++] = link;
          discovery[w] = low[w] = time++;
          parentLink[w] = link;
          parentNode[w] = u;
          nextHalfEdge[w] = adjacencyStart[w];
          stack[++top] = w;
        } else if (discovery[w] < discovery[u]) {
          // Each back link is pushed once, from its deeper end.
          linkStack[linkTop++] = link;
          if (discovery[w] < low[u]) low[u] = discovery[w];
        }
        continue;
      }
      top--;
      const p = parentNode[u];
      if (p < 0) continue;
      if (low[u] < low[p]) low[p] = low[u];
      if (low[u] < discovery[p]) continue;
      // p separates u's subtree: the links stacked since the tree link p-u form one block.
      const block = blockCount++;
      blockLinkStart[block] = linkCursor;
      blockVertexStart[block] = vertexCursor;
      const treeLink = parentLink[u];
      for (;;) {
        const link = linkStack[--linkTop];
        blockLinks[linkCursor++] = link;
        const a = linkSource[link];
        const b = linkTarget[link];
        if (vertexStamp[a] !== block) {
          vertexStamp[a] = block;
          blockVertices[vertexCursor++] = a;
          vertexBlockCount[a]++;
        }
        if (vertexStamp[b] !== block) {
          vertexStamp[b] = block;
          blockVertices[vertexCursor++] = b;
          vertexBlockCount[b]++;
        }
        if (link === treeLink) break;
      }
    }
  }
  blockLinkStart[blockCount] = linkCursor;
  blockVertexStart[blockCount] = vertexCursor;

  // Phase 2: the block-cut forest. Cut vertices are vertices in two or more blocks.
  const { blockDegree, blockKept, blockMarked, cutBlockStart, cutBlocks, cutDegree, cutKept, queue } = scratch;
  cutBlockStart.fill(0);
  for (let v = 0; v < n; v++) {
    cutDegree[v] = vertexBlockCount[v] >= 2 ? vertexBlockCount[v] : 0;
    cutKept[v] = cutDegree[v] > 0 ? 1 : 0;
    cutBlockStart[v + 1] = cutBlockStart[v] + cutDegree[v];
  }
  const cutCursor = vertexStamp;
  for (let v = 0; v < n; v++) cutCursor[v] = cutBlockStart[v];
  for (let b = 0; b < blockCount; b++) {
    let degree = 0;
    let marked = 0;
    for (let i = blockVertexStart[b]; i < blockVertexStart[b + 1]; i++) {
      const v = blockVertices[i];
      if (cutDegree[v] > 0) {
        degree++;
        cutBlocks[cutCursor[v]++] = b;
      } else if (endpoint[v] !== 0) {
        marked = 1;
      }
    }
    blockDegree[b] = degree;
    blockMarked[b] = marked;
    blockKept[b] = 1;
  }

  // Phase 3: strip unmarked leaves until every leaf of the forest holds an endpoint. Queue entries: blocks as
  // b, cut vertices as blockCount + v.
  let head = 0;
  let tail = 0;
  for (let b = 0; b < blockCount; b++) if (blockMarked[b] === 0 && blockDegree[b] <= 1) queue[tail++] = b;
  for (let v = 0; v < n; v++)
    if (cutKept[v] === 1 && endpoint[v] === 0 && cutDegree[v] <= 1) queue[tail++] = blockCount + v;
  while (head < tail) {
    const item = queue[head++];
    if (item < blockCount) {
      const b = item;
      if (blockKept[b] === 0) continue;
      blockKept[b] = 0;
      for (let i = blockVertexStart[b]; i < blockVertexStart[b + 1]; i++) {
        const v = blockVertices[i];
        if (cutKept[v] === 0) continue;
        cutDegree[v]--;
        if (cutDegree[v] === 1 && endpoint[v] === 0) queue[tail++] = blockCount + v;
      }
    } else {
      const v = item - blockCount;
      if (cutKept[v] === 0) continue;
      cutKept[v] = 0;
      for (let i = cutBlockStart[v]; i < cutBlockStart[v + 1]; i++) {
        const b = cutBlocks[i];
        if (blockKept[b] === 0) continue;
        blockDegree[b]--;
        if (blockDegree[b] === 1 && blockMarked[b] === 0) queue[tail++] = b;
      }
    }
  }

  for (let b = 0; b < blockCount; b++) {
    if (blockKept[b] === 0) continue;
    for (let i = blockLinkStart[b]; i < blockLinkStart[b + 1]; i++) relevant[n + blockLinks[i]] = 1;
    for (let i = blockVertexStart[b]; i < blockVertexStart[b + 1]; i++) relevant[blockVertices[i]] = 1;
  }
  for (let v = 0; v < n; v++) if (cutKept[v] === 1) relevant[v] = 1;
}
