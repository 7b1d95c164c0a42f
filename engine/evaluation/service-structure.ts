// Which extra failures can change a service, given a base state (elements down in every scenario): one DFS of
// the surviving graph gives its biconnected blocks (Hopcroft and Tarjan 1973); per service, the blocks on some
// simple path between endpoints are relevant, and single elements whose loss alone takes the service down are
// flagged critical. Exact, so the fast batch loop can skip evaluation whenever no relevant element failed.

import type { CompiledModel, CompiledService } from '../model.ts';
import { serviceKindOf } from '../services/service-kinds.ts';
import { labelComponents } from './service-evaluator.ts';

/** Element role: its state never changes the service (given the base state). */
export const ROLE_IRRELEVANT = 0;
/** Element role: may change the service together with other failures, never alone. */
export const ROLE_RELEVANT = 1;
/**
 * Element role: its failure alone (on top of an up base state) takes the service down. For a kind whose reach
 * criterion is not exact (capacity, latency, protected) it means "may take it down alone": every relevant element
 * of an up base state gets it, so the fast path evaluates every relevant failure.
 */
export const ROLE_CRITICAL = 2;

/** What the fast evaluator needs to know about one service under one base state. */
export interface ServiceStructure {
  /** Endpoints served in the base state (see countServedEndpoints). */
  readonly baseServed: number;
  readonly baseUp: boolean;
  /**
   * ROLE_* per element (nodes, then links). An element is relevant when it lies in a biconnected block of the
   * block-cut tree's subtree spanning the service's endpoints (per component): every simple path between two
   * endpoints lies in those blocks, so the states of other elements cannot matter. Elements down in the base
   * state are irrelevant. ROLE_CRITICAL is set only when the base state is up.
   */
  readonly elementRole: Uint8Array;
  /** Relevant links (link indices): union-find over these alone labels the endpoints correctly. */
  readonly relevantLinks: Uint32Array;
  /** Relevant nodes, including every endpoint up in the base state. */
  readonly relevantNodes: Uint32Array;
}

/**
 * The base graph's DFS forest, as local relabelling needs it: removing bridges splits a component along DFS
 * subtrees, so a node's component after some bridges fail is decided by the deepest failed bridge above it.
 */
export interface BaseForest {
  /** Preorder number per node (-1 for nodes down in the base state). */
  readonly discovery: Int32Array;
  /** Preorder number just past the node's subtree: the subtree of v is discovery[v] (included) to subtreeEnd[v]. */
  readonly subtreeEnd: Int32Array;
  /** Per link: the lower end (child) when the link is a bridge of the base graph, else -1. */
  readonly bridgeChild: Int32Array;
}

/** DFS buffers, allocated once per topology. */
interface StructureScratch {
  readonly discovery: Int32Array;
  readonly low: Int32Array;
  readonly parentNode: Int32Array;
  readonly parentLink: Int32Array;
  readonly cursor: Uint32Array;
  readonly stack: Int32Array;
  readonly order: Int32Array;
  readonly rootOf: Int32Array;
  readonly blockOfNode: Int32Array;
  readonly blockTop: Int32Array;
  readonly blockChild: Int32Array;
  readonly blockParts: Int32Array;
  readonly countFrom: Int32Array;
  readonly countTo: Int32Array;
  readonly countEnd: Int32Array;
  readonly splitFrom: Int32Array;
  readonly splitTo: Int32Array;
  readonly splitEnd: Int32Array;
  readonly badSplit: Uint8Array;
  readonly isFrom: Uint8Array;
  readonly isTo: Uint8Array;
  readonly parent: Int32Array;
  /** [preorder length, block count] of the last search. */
  readonly sizes: Int32Array;
}

function createStructureScratch(nodeCount: number): StructureScratch {
  const n = nodeCount;
  return {
    discovery: new Int32Array(n),
    low: new Int32Array(n),
    parentNode: new Int32Array(n),
    parentLink: new Int32Array(n),
    cursor: new Uint32Array(n),
    stack: new Int32Array(n),
    order: new Int32Array(n),
    rootOf: new Int32Array(n),
    blockOfNode: new Int32Array(n),
    blockTop: new Int32Array(n),
    blockChild: new Int32Array(n),
    blockParts: new Int32Array(n),
    countFrom: new Int32Array(n),
    countTo: new Int32Array(n),
    countEnd: new Int32Array(n),
    splitFrom: new Int32Array(n),
    splitTo: new Int32Array(n),
    splitEnd: new Int32Array(n),
    badSplit: new Uint8Array(n),
    isFrom: new Uint8Array(n),
    isTo: new Uint8Array(n),
    parent: new Int32Array(n),
    sizes: new Int32Array(2),
  };
}

/**
 * Analyses services under a base state.
 * @param model the compiled model
 * @param baseDown 1 for elements down in every scenario (nodes 0..N-1, links N..N+L-1); not modified
 * @param services the services to analyse (each gets its own ServiceStructure, in order)
 */
export function analyseServiceStructures(
  model: CompiledModel,
  baseDown: Uint8Array,
  services: readonly CompiledService[],
): ServiceStructure[] {
  const scratch = createStructureScratch(model.topology.nodeCount);
  searchBlocks(model, baseDown, scratch);
  labelComponents(model, baseDown, scratch.parent);
  return services.map((service) => analyseService(model, baseDown, service, scratch));
}

/**
 * Describes the base graph's DFS forest and bridges (Tarjan 1974: a tree link p-v is a bridge when
 * low[v] > discovery[p]).
 * @param baseDown 1 for elements down in the base state
 */
export function describeBaseForest(model: CompiledModel, baseDown: Uint8Array): BaseForest {
  const scratch = createStructureScratch(model.topology.nodeCount);
  searchBlocks(model, baseDown, scratch);
  const orderLength = scratch.sizes[0];
  const { order, parentNode, parentLink, discovery, low } = scratch;
  const size = new Int32Array(model.topology.nodeCount);
  for (let i = orderLength - 1; i >= 0; i--) {
    const v = order[i];
    size[v] += 1;
    if (parentNode[v] >= 0) size[parentNode[v]] += size[v];
  }
  const subtreeEnd = new Int32Array(model.topology.nodeCount);
  for (let i = 0; i < orderLength; i++) subtreeEnd[order[i]] = discovery[order[i]] + size[order[i]];
  const bridgeChild = new Int32Array(model.topology.linkCount).fill(-1);
  for (let i = 0; i < orderLength; i++) {
    const v = order[i];
    const p = parentNode[v];
    if (p >= 0 && low[v] > discovery[p]) bridgeChild[parentLink[v]] = v;
  }
  return { discovery: Int32Array.from(discovery), subtreeEnd, bridgeChild };
}

/** DFS of the surviving graph (iterative); fills discovery, low, parents, preorder, block ids and sizes. */
function searchBlocks(model: CompiledModel, down: Uint8Array, s: StructureScratch): void {
  const topology = model.topology;
  const nodeCount = topology.nodeCount;
  const adjacencyStart = topology.adjacencyStart;
  const adjacencyNode = topology.adjacencyNode;
  const adjacencyEdge = topology.adjacencyEdge;
  const { discovery, low, parentNode, parentLink, cursor, stack, order, rootOf } = s;
  discovery.fill(-1);
  let time = 0;
  for (let r = 0; r < nodeCount; r++) {
    if (down[r] === 1 || discovery[r] !== -1) continue;
    discovery[r] = low[r] = time;
    order[time++] = r;
    parentNode[r] = -1;
    parentLink[r] = -1;
    rootOf[r] = r;
    cursor[r] = adjacencyStart[r];
    let top = 0;
    stack[0] = r;
    while (top >= 0) {
      const v = stack[top];
      const h = cursor[v];
      if (h < adjacencyStart[v + 1]) {
        cursor[v] = h + 1;
        const j = adjacencyEdge[h];
        // Skip only the tree link itself: a parallel link to the parent is a genuine second path.
        if (j === parentLink[v]) continue;
        const w = adjacencyNode[h];
        if (down[nodeCount + j] === 1 || down[w] === 1) continue;
        if (discovery[w] === -1) {
          discovery[w] = low[w] = time;
          order[time++] = w;
          parentNode[w] = v;
          parentLink[w] = j;
          rootOf[w] = r;
          cursor[w] = adjacencyStart[w];
          stack[++top] = w;
        } else if (discovery[w] < low[v]) {
          low[v] = discovery[w];
        }
      } else {
        top--;
        const p = parentNode[v];
        if (p >= 0 && low[v] < low[p]) low[p] = low[v];
      }
    }
  }
  // A tree link p-v opens a new block when nothing below v climbs above p (low[v] >= discovery[p]); otherwise
  // it belongs to the block of p's own tree link. A back link belongs to the block of its lower end's tree link.
  let blockCount = 0;
  for (let i = 0; i < time; i++) {
    const v = order[i];
    const p = parentNode[v];
    if (p < 0) {
      s.blockOfNode[v] = -1;
    } else if (low[v] >= discovery[p]) {
      s.blockTop[blockCount] = p;
      s.blockChild[blockCount] = v;
      s.blockOfNode[v] = blockCount++;
    } else {
      s.blockOfNode[v] = s.blockOfNode[p];
    }
  }
  s.blockParts.fill(0);
  s.sizes[0] = time;
  s.sizes[1] = blockCount;
}

function isLinkAlive(model: CompiledModel, down: Uint8Array, j: number): boolean {
  const t = model.topology;
  return down[t.nodeCount + j] === 0 && down[t.linkSource[j]] === 0 && down[t.linkTarget[j]] === 0;
}

function blockOfLink(model: CompiledModel, s: StructureScratch, j: number): number {
  const a = model.topology.linkSource[j];
  const b = model.topology.linkTarget[j];
  if (s.parentLink[b] === j) return s.blockOfNode[b];
  if (s.parentLink[a] === j) return s.blockOfNode[a];
  return s.discovery[a] > s.discovery[b] ? s.blockOfNode[a] : s.blockOfNode[b];
}

/** A service read through its kind's reach criterion: "every `from` node is up and reaches at least k up `to` nodes". */
function analyseService(
  model: CompiledModel,
  down: Uint8Array,
  service: CompiledService,
  s: StructureScratch,
): ServiceStructure {
  const orderLength = s.sizes[0];
  const blockCount = s.sizes[1];
  const nodeCount = model.topology.nodeCount;
  const kind = serviceKindOf(service);
  const { from, to, k } = kind.toReachCriterion(service);
  const baseServed = kind.countServed(service, down, s.parent);
  const baseUp = baseServed === kind.countEndpoints(service);
  const { order, parentNode, parentLink, discovery, low, rootOf, blockOfNode, blockParts } = s;
  const { countFrom, countTo, countEnd, splitFrom, splitTo, splitEnd, badSplit, isFrom, isTo } = s;
  for (let i = 0; i < from.length; i++) if (down[from[i]] === 0) isFrom[from[i]] = 1;
  for (let i = 0; i < to.length; i++) if (down[to[i]] === 0) isTo[to[i]] = 1;
  for (let i = 0; i < orderLength; i++) {
    const v = order[i];
    countFrom[v] = isFrom[v];
    countTo[v] = isTo[v];
    countEnd[v] = isFrom[v] | isTo[v];
    splitFrom[v] = splitTo[v] = splitEnd[v] = 0;
    badSplit[v] = 0;
  }
  // Subtree counts, children before parents (reverse preorder).
  for (let i = orderLength - 1; i >= 0; i--) {
    const v = order[i];
    const p = parentNode[v];
    if (p < 0) continue;
    countFrom[p] += countFrom[v];
    countTo[p] += countTo[v];
    countEnd[p] += countEnd[v];
  }
  // Pieces split off a node when it is removed: its children c with low[c] >= discovery[p].
  for (let i = 0; i < orderLength; i++) {
    const v = order[i];
    const p = parentNode[v];
    if (p < 0 || low[v] < discovery[p]) continue;
    splitFrom[p] += countFrom[v];
    splitTo[p] += countTo[v];
    splitEnd[p] += countEnd[v];
    if (countFrom[v] > 0 && countTo[v] < k) badSplit[p] = 1;
  }
  // A block is relevant when endpoints hang off at least two of its vertices (the subtree spanning them).
  for (let i = 0; i < orderLength; i++) {
    const v = order[i];
    if (parentNode[v] < 0) continue;
    if (isFrom[v] + isTo[v] > 0 || splitEnd[v] > 0) blockParts[blockOfNode[v]]++;
  }
  const role = new Uint8Array(model.elementCount);
  const nodes: number[] = [];
  const links: number[] = [];
  for (let b = 0; b < blockCount; b++) {
    // The part above the block: everything of the component outside the subtree of the block's first child.
    if (countEnd[rootOf[s.blockTop[b]]] - countEnd[s.blockChild[b]] > 0) blockParts[b]++;
  }
  for (let i = 0; i < orderLength; i++) {
    const v = order[i];
    if (isFrom[v] + isTo[v] > 0 || (parentNode[v] >= 0 && blockParts[blockOfNode[v]] >= 2)) role[v] = ROLE_RELEVANT;
    if (parentNode[v] >= 0 && low[v] >= discovery[parentNode[v]] && blockParts[blockOfNode[v]] >= 2) {
      role[parentNode[v]] = ROLE_RELEVANT;
    }
  }
  for (let j = 0; j < model.topology.linkCount; j++) {
    if (!isLinkAlive(model, down, j)) continue;
    if (blockParts[blockOfLink(model, s, j)] >= 2) role[nodeCount + j] = ROLE_RELEVANT;
  }
  if (baseUp) {
    for (let i = 0; i < orderLength; i++) {
      const v = order[i];
      const root = rootOf[v];
      if (role[v] !== ROLE_IRRELEVANT) {
        const restFrom = countFrom[root] - isFrom[v] - splitFrom[v];
        const restTo = countTo[root] - isTo[v] - splitTo[v];
        if (isFrom[v] === 1 || badSplit[v] === 1 || (restFrom > 0 && restTo < k)) role[v] = ROLE_CRITICAL;
      }
      const p = parentNode[v];
      // A bridge p-v splits the component into v's subtree and the rest.
      if (p >= 0 && low[v] > discovery[p]) {
        const j = parentLink[v];
        if (role[nodeCount + j] === ROLE_IRRELEVANT) continue;
        const below = countFrom[v] > 0 && countTo[v] < k;
        const above = countFrom[root] - countFrom[v] > 0 && countTo[root] - countTo[v] < k;
        if (below || above) role[nodeCount + j] = ROLE_CRITICAL;
      }
    }
  }
  if (baseUp && !kind.reachIsExact) {
    // The criterion bounds relevance only: a single relevant failure can drop a flow or lengthen a path.
    for (let e = 0; e < role.length; e++) if (role[e] === ROLE_RELEVANT) role[e] = ROLE_CRITICAL;
  }
  for (let v = 0; v < nodeCount; v++) if (role[v] !== ROLE_IRRELEVANT) nodes.push(v);
  for (let j = 0; j < model.topology.linkCount; j++) if (role[nodeCount + j] !== ROLE_IRRELEVANT) links.push(j);
  for (let i = 0; i < from.length; i++) isFrom[from[i]] = 0;
  for (let i = 0; i < to.length; i++) isTo[to[i]] = 0;
  blockParts.fill(0);
  return {
    baseServed,
    baseUp,
    elementRole: role,
    relevantLinks: Uint32Array.from(links),
    relevantNodes: Uint32Array.from(nodes),
  };
}
