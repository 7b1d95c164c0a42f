// Flow and shortest-path evaluation on the surviving network, for the traffic-aware service kinds (capacity,
// latency, protected). Allocation-free after warm-up: one module-level scratch grows to the largest network seen
// (pure-rand reuses module-level scratch records the same way); each worker thread has its own module instance.

import type { CsrTopology } from '../../topology/csr-topology.ts';

/** Scratch of the flow and path searches; grown on demand, never shrunk. */
interface TrafficScratch {
  vertexCapacity: number;
  arcCapacity: number;
  firstArc: Int32Array;
  arcHead: Int32Array;
  arcNext: Int32Array;
  residual: Float64Array;
  /** Capacity each arc was created with (reverse arcs 0). */
  initial: Float64Array;
  /** Per arc: the link it belongs to, or -(node + 1) for a node's in-out arc, or the sentinel for others. */
  arcOwner: Int32Array;
  level: Int32Array;
  queue: Int32Array;
  currentArc: Int32Array;
  distance: Float64Array;
  heapKey: Float64Array;
  heapNode: Int32Array;
  isSink: Uint8Array;
  /** Shortest-path tree: the link a node was last reached over (-1 for sources and unreached nodes). */
  predecessorLink: Int32Array;
}

let scratch: TrafficScratch = allocate(16, 64);

function allocate(vertexCapacity: number, arcCapacity: number): TrafficScratch {
  return {
    vertexCapacity,
    arcCapacity,
    firstArc: new Int32Array(vertexCapacity),
    arcHead: new Int32Array(arcCapacity),
    arcNext: new Int32Array(arcCapacity),
    residual: new Float64Array(arcCapacity),
    initial: new Float64Array(arcCapacity),
    arcOwner: new Int32Array(arcCapacity),
    level: new Int32Array(vertexCapacity),
    queue: new Int32Array(vertexCapacity),
    currentArc: new Int32Array(vertexCapacity),
    distance: new Float64Array(vertexCapacity),
    heapKey: new Float64Array(arcCapacity),
    heapNode: new Int32Array(arcCapacity),
    isSink: new Uint8Array(vertexCapacity),
    predecessorLink: new Int32Array(vertexCapacity),
  };
}

function ensureScratch(vertexCount: number, arcCount: number): TrafficScratch {
  if (vertexCount > scratch.vertexCapacity || arcCount > scratch.arcCapacity) {
    scratch = allocate(Math.max(vertexCount, scratch.vertexCapacity), Math.max(arcCount, scratch.arcCapacity));
  }
  return scratch;
}

let arcCount = 0;

/** Owner of arcs that are neither a link nor a node's in-out arc (super source and sink arcs). */
const NO_OWNER = -0x7fffffff;

function addArc(s: TrafficScratch, from: number, to: number, capacity: number, owner: number = NO_OWNER): void {
  s.arcOwner[arcCount] = owner;
  s.arcOwner[arcCount + 1] = owner;
  s.initial[arcCount] = capacity;
  s.initial[arcCount + 1] = 0;
  s.arcHead[arcCount] = to;
  s.residual[arcCount] = capacity;
  s.arcNext[arcCount] = s.firstArc[from];
  s.firstArc[from] = arcCount++;
  s.arcHead[arcCount] = from;
  s.residual[arcCount] = 0;
  s.arcNext[arcCount] = s.firstArc[to];
  s.firstArc[to] = arcCount++;
}

/** How a flow network is built from the surviving topology. */
export interface FlowRequest {
  /** Per link capacity, > 0; null: every link carries 1 (disjoint-path counting). */
  readonly linkCapacity: Float64Array | null;
  /** True: each node other than the source and sinks carries at most one unit (node-disjoint paths). */
  readonly nodeDisjoint: boolean;
}

/**
 * The maximum flow from the up nodes of `sources` to the up nodes of `sinks` over surviving links (a link survives
 * when it and both its ends are up; an undirected link carries its capacity in either direction), capped at
 * `limit`: the search stops as soon as the flow reaches it. Dinic's algorithm (E. A. Dinic, Soviet Math. Doklady
 * 11, 1970) on a super-source / super-sink network; with `nodeDisjoint`, every other node is split into an in and
 * an out vertex joined by an arc of capacity 1 (Menger's theorem: the flow is then the number of node-disjoint
 * paths). A node that is both an up source and an up sink gives Infinity (capped at `limit`).
 * @param down 1 for down elements (nodes 0..N-1, links N..N+L-1)
 * @param limit cap on the returned flow, > 0 (Infinity allowed)
 * @returns min(max-flow, limit), >= 0
 */
export function computeSurvivingFlow(
  topology: CsrTopology,
  request: FlowRequest,
  down: Uint8Array,
  sources: Uint32Array,
  sinks: Uint32Array,
  limit: number,
): number {
  const n = topology.nodeCount;
  const split = request.nodeDisjoint;
  const superSource = split ? 2 * n : n;
  const superSink = superSource + 1;
  const vertexCount = superSink + 1;
  const s = ensureScratch(vertexCount, 4 * topology.linkCount + 2 * (split ? 2 * n : n) + 2 * sources.length + 2 * sinks.length + 8);
  lastFlowNodeCount = n;
  s.firstArc.fill(-1, 0, vertexCount);
  s.isSink.fill(0, 0, n);
  arcCount = 0;
  let upSinks = 0;
  for (let i = 0; i < sinks.length; i++) {
    const t = sinks[i];
    if (down[t] === 0 && s.isSink[t] === 0) {
      s.isSink[t] = 1;
      upSinks++;
    }
  }
  let upSources = 0;
  for (let i = 0; i < sources.length; i++) {
    const v = sources[i];
    if (down[v] !== 0) continue;
    if (s.isSink[v] === 1) return limit;
    upSources++;
  }
  if (upSources === 0 || upSinks === 0) return 0;
  const capacity = request.linkCapacity;
  let total = 0;
  // Endpoints are never split (their in and out vertices are joined by an uncapacitated arc).
  for (let i = 0; i < sources.length; i++) s.isSink[sources[i]] |= 2;
  for (let v = 0; v < n; v++) {
    if (split && down[v] === 0) addArc(s, v, n + v, s.isSink[v] !== 0 ? Infinity : 1, -(v + 1));
  }
  for (let j = 0; j < topology.linkCount; j++) {
    const a = topology.linkSource[j];
    const b = topology.linkTarget[j];
    if (down[n + j] !== 0 || down[a] !== 0 || down[b] !== 0) continue;
    const c = capacity === null ? 1 : capacity[j];
    total += c;
    addArc(s, split ? n + a : a, b, c, j);
    addArc(s, split ? n + b : b, a, c, j);
  }
  for (let i = 0; i < sources.length; i++) {
    const v = sources[i];
    if (down[v] === 0) addArc(s, superSource, v, Infinity);
  }
  for (let i = 0; i < sinks.length; i++) {
    const t = sinks[i];
    if (down[t] === 0) addArc(s, split ? n + t : t, superSink, Infinity);
  }
  for (let i = 0; i < sources.length; i++) s.isSink[sources[i]] &= 1;
  // Because: rounding can leave residuals like 1e-15 that would otherwise be augmented forever.
  const epsilon = 1e-12 * Math.max(total, 1);
  return Math.min(runDinic(s, superSource, superSink, vertexCount, limit, epsilon), limit);
}

/** Dinic's phases from `source` to `sink` on the scratch network until no path is left or the flow reaches `limit`. */
function runDinic(s: TrafficScratch, source: number, sink: number, vertexCount: number, limit: number, epsilon: number): number {
  let flow = 0;
  while (flow < limit && buildLevels(s, source, sink, vertexCount, epsilon)) {
    for (let v = 0; v < vertexCount; v++) s.currentArc[v] = s.firstArc[v];
    for (;;) {
      const pushed = pushFlow(s, source, sink, limit - flow, epsilon);
      if (pushed <= epsilon) break;
      flow += pushed;
      if (flow >= limit) break;
    }
  }
  return flow;
}

/**
 * Unit-capacity flows (disjoint paths) from each node of `sources` on its own to the up nodes of `sinks`, capped
 * at `limit`, written to `out` (0 for a down source, `limit` for a source that is an up sink). The same as one
 * {@link computeSurvivingFlow} call per source with `linkCapacity: null`, but the network is built once and only
 * the residual capacities are reset between sources. With `nodeDisjoint`, only the current source and the sinks
 * are unsplit (another source is an ordinary node for this one's paths).
 * @param out length >= sources.length
 */
export function computeDisjointPathsFromEach(
  topology: CsrTopology,
  nodeDisjoint: boolean,
  down: Uint8Array,
  sources: Uint32Array,
  sinks: Uint32Array,
  limit: number,
  out: Float64Array,
): void {
  const n = topology.nodeCount;
  const superSink = nodeDisjoint ? 2 * n : n;
  const vertexCount = superSink + 1;
  const s = ensureScratch(vertexCount, 4 * topology.linkCount + 2 * (nodeDisjoint ? n : 0) + 2 * sinks.length + 8);
  lastFlowNodeCount = n;
  s.firstArc.fill(-1, 0, vertexCount);
  s.isSink.fill(0, 0, n);
  arcCount = 0;
  let upSinks = 0;
  for (let i = 0; i < sinks.length; i++) {
    const t = sinks[i];
    if (down[t] === 0 && s.isSink[t] === 0) {
      s.isSink[t] = 1;
      upSinks++;
    }
  }
  // Node v's in-out arc is arc 2v when splitting (every node gets one, capacity 0 when down).
  if (nodeDisjoint) for (let v = 0; v < n; v++) addArc(s, v, n + v, down[v] !== 0 ? 0 : s.isSink[v] !== 0 ? Infinity : 1, -(v + 1));
  for (let j = 0; j < topology.linkCount; j++) {
    const a = topology.linkSource[j];
    const b = topology.linkTarget[j];
    if (down[n + j] !== 0 || down[a] !== 0 || down[b] !== 0) continue;
    addArc(s, nodeDisjoint ? n + a : a, b, 1, j);
    addArc(s, nodeDisjoint ? n + b : b, a, 1, j);
  }
  for (let i = 0; i < sinks.length; i++) {
    const t = sinks[i];
    if (down[t] === 0) addArc(s, nodeDisjoint ? n + t : t, superSink, Infinity);
  }
  const epsilon = 1e-12 * Math.max(topology.linkCount, 1);
  for (let i = 0; i < sources.length; i++) {
    const f = sources[i];
    if (down[f] !== 0 || upSinks === 0) {
      out[i] = 0;
      continue;
    }
    if (s.isSink[f] === 1) {
      out[i] = limit;
      continue;
    }
    s.residual.set(s.initial.subarray(0, arcCount));
    if (nodeDisjoint) s.residual[2 * f] = Infinity;
    out[i] = Math.min(runDinic(s, f, superSink, vertexCount, limit, epsilon), limit);
  }
}

let lastFlowNodeCount = 0;

/**
 * The elements that carry the flow of the last {@link computeSurvivingFlow} call: every link with flow on it and
 * both its ends, and every split node with flow through it (element indices: nodes 0..N-1, links N..N+L-1). While
 * none of them fails, that flow survives; `mark` (length nodeCount + linkCount) is set to 1 at each.
 */
export function markFlowCarriers(topology: CsrTopology, mark: Uint8Array): void {
  const s = scratch;
  const n = lastFlowNodeCount;
  if (n !== topology.nodeCount) throw new RangeError('markFlowCarriers: the last flow was on another topology');
  for (let a = 0; a < arcCount; a += 2) {
    const owner = s.arcOwner[a];
    if (owner === NO_OWNER || !(s.residual[a] < s.initial[a])) continue;
    if (owner < 0) {
      mark[-owner - 1] = 1;
      continue;
    }
    mark[n + owner] = 1;
    mark[topology.linkSource[owner]] = 1;
    mark[topology.linkTarget[owner]] = 1;
  }
}

function buildLevels(s: TrafficScratch, source: number, sink: number, vertexCount: number, epsilon: number): boolean {
  const level = s.level;
  level.fill(-1, 0, vertexCount);
  level[source] = 0;
  let head = 0;
  let tail = 0;
  s.queue[tail++] = source;
  while (head < tail) {
    const u = s.queue[head++];
    // Because: vertices at or beyond the sink's level cannot lie on a shortest augmenting path.
    if (level[sink] >= 0 && level[u] >= level[sink]) break;
    for (let a = s.firstArc[u]; a >= 0; a = s.arcNext[a]) {
      const v = s.arcHead[a];
      if (level[v] < 0 && s.residual[a] > epsilon) {
        level[v] = level[u] + 1;
        s.queue[tail++] = v;
      }
    }
  }
  return level[sink] >= 0;
}

/** One blocking-flow step: a depth-first augmenting path in the level graph (recursion depth <= vertex count). */
function pushFlow(s: TrafficScratch, u: number, sink: number, amount: number, epsilon: number): number {
  if (u === sink) return amount;
  for (; s.currentArc[u] >= 0; s.currentArc[u] = s.arcNext[s.currentArc[u]]) {
    const a = s.currentArc[u];
    const v = s.arcHead[a];
    if (s.residual[a] <= epsilon || s.level[v] !== s.level[u] + 1) continue;
    const pushed = pushFlow(s, v, sink, Math.min(amount, s.residual[a]), epsilon);
    if (pushed > epsilon) {
      s.residual[a] -= pushed;
      s.residual[a ^ 1] += pushed;
      return pushed;
    }
  }
  return 0;
}

/**
 * Adds, for each link carrying flow in the last {@link computeSurvivingFlow} call (link capacities), the flow on
 * it (both directions summed) to `loss` at the link and at both its ends. Removing a flow path of value x from a
 * feasible flow leaves a feasible flow, so failing element e lowers the maximum flow by at most `loss[e]`.
 * @param loss per element (nodes 0..N-1, links N..N+L-1), added to
 */
export function addFlowLoads(topology: CsrTopology, loss: Float64Array): void {
  const s = scratch;
  const n = topology.nodeCount;
  for (let a = 0; a < arcCount; a += 2) {
    const owner = s.arcOwner[a];
    if (owner < 0) continue;
    const flow = s.initial[a] - s.residual[a];
    if (!(flow > 0)) continue;
    loss[n + owner] += flow;
    loss[topology.linkSource[owner]] += flow;
    loss[topology.linkTarget[owner]] += flow;
  }
}

/**
 * Shortest surviving-path delays from the nearest up node of `sources` to every node (Dijkstra 1959, binary heap
 * with lazy deletion). Afterwards `distance[v]` is the delay in the unit of `linkDelay` (Infinity when unreachable);
 * the array is the module's scratch and valid until the next call.
 * @param linkDelay per link delay, >= 0
 * @param down 1 for down elements (nodes 0..N-1, links N..N+L-1)
 */
export function computeSurvivingDelays(
  topology: CsrTopology,
  linkDelay: Float64Array,
  down: Uint8Array,
  sources: Uint32Array,
): Float64Array {
  const n = topology.nodeCount;
  const s = ensureScratch(n, 2 * topology.linkCount + sources.length + 1);
  const distance = s.distance;
  distance.fill(Infinity, 0, n);
  s.predecessorLink.fill(-1, 0, n);
  const key = s.heapKey;
  const node = s.heapNode;
  let size = 0;
  for (let i = 0; i < sources.length; i++) {
    const v = sources[i];
    if (down[v] !== 0 || distance[v] === 0) continue;
    distance[v] = 0;
    size = heapPush(key, node, size, 0, v);
  }
  const start = topology.adjacencyStart;
  while (size > 0) {
    const d = key[0];
    const u = node[0];
    size = heapPop(key, node, size);
    if (d > distance[u]) continue;
    for (let h = start[u]; h < start[u + 1]; h++) {
      const w = topology.adjacencyNode[h];
      const j = topology.adjacencyEdge[h];
      if (down[w] !== 0 || down[n + j] !== 0) continue;
      const candidate = d + linkDelay[j];
      if (candidate < distance[w]) {
        distance[w] = candidate;
        s.predecessorLink[w] = j;
        size = heapPush(key, node, size, candidate, w);
      }
    }
  }
  return distance;
}

/** Pushes (k, v) onto a binary min-heap of `size` entries; returns the new size. */
export function heapPush(key: Float64Array, node: Int32Array, size: number, k: number, v: number): number {
  let i = size;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (key[p] <= k) break;
    key[i] = key[p];
    node[i] = node[p];
    i = p;
  }
  key[i] = k;
  node[i] = v;
  return size + 1;
}

/** Pops the minimum of a binary min-heap of `size` >= 1 entries (read key[0], node[0] first); returns the new size. */
export function heapPop(key: Float64Array, node: Int32Array, size: number): number {
  const last = size - 1;
  const k = key[last];
  const v = node[last];
  let i = 0;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= last) break;
    if (c + 1 < last && key[c + 1] < key[c]) c++;
    if (key[c] >= k) break;
    key[i] = key[c];
    node[i] = node[c];
    i = c;
  }
  key[i] = k;
  node[i] = v;
  return last;
}

/**
 * Marks the shortest path of the last {@link computeSurvivingDelays} call from node `v` back to its source: every
 * node and link on it (element indices), `v` and the source included.
 */
export function markShortestPath(topology: CsrTopology, v: number, mark: Uint8Array): void {
  const n = topology.nodeCount;
  const predecessor = scratch.predecessorLink;
  let u = v;
  mark[u] = 1;
  for (let steps = 0; predecessor[u] >= 0 && steps < n; steps++) {
    const j = predecessor[u];
    mark[n + j] = 1;
    u = topology.linkSource[j] === u ? topology.linkTarget[j] : topology.linkSource[j];
    mark[u] = 1;
  }
}

/** Scratch of {@link markTwoEdgeConnected}; grown on demand. */
let bridgeScratch = allocateBridgeScratch(16, 16);

function allocateBridgeScratch(vertexCapacity: number, linkCapacity: number) {
  return {
    vertexCapacity,
    linkCapacity,
    start: new Int32Array(vertexCapacity + 1),
    cursor: new Int32Array(vertexCapacity + 1),
    adjacentVertex: new Int32Array(2 * linkCapacity),
    adjacentLink: new Int32Array(2 * linkCapacity),
    discovery: new Int32Array(vertexCapacity),
    low: new Int32Array(vertexCapacity),
    parentLink: new Int32Array(vertexCapacity),
    stack: new Int32Array(vertexCapacity),
    isBridge: new Uint8Array(linkCapacity),
    queue: new Int32Array(vertexCapacity),
  };
}

/**
 * Which nodes have two link-disjoint surviving paths to the set of up `sinks` (Menger's theorem for k = 2 without
 * a flow): contract the up sinks into one vertex T; a node has two link-disjoint paths to T iff it lies in T's
 * 2-edge-connected component, i.e. reaches T without crossing a bridge (bridges by Tarjan's low-link DFS, 1974).
 * Sets `reached[v]` to 1 for those nodes (up sinks included) and 0 elsewhere.
 * @param reached output, length >= nodeCount
 */
export function markTwoEdgeConnected(topology: CsrTopology, down: Uint8Array, sinks: Uint32Array, reached: Uint8Array): void {
  const n = topology.nodeCount;
  const links = topology.linkCount;
  if (bridgeScratch.vertexCapacity < n + 1 || bridgeScratch.linkCapacity < links) {
    bridgeScratch = allocateBridgeScratch(Math.max(n + 1, bridgeScratch.vertexCapacity), Math.max(links, bridgeScratch.linkCapacity));
  }
  const b = bridgeScratch;
  reached.fill(0, 0, n);
  const T = n;
  // Vertex of each node after contracting the up sinks into T (reuses `queue` as the map).
  const vertexOf = b.queue;
  for (let v = 0; v < n; v++) vertexOf[v] = v;
  let upSinks = 0;
  for (let i = 0; i < sinks.length; i++) {
    if (down[sinks[i]] === 0) {
      vertexOf[sinks[i]] = T;
      upSinks++;
    }
  }
  if (upSinks === 0) return;
  const start = b.start;
  start.fill(0, 0, n + 2);
  for (let j = 0; j < links; j++) {
    const x = topology.linkSource[j];
    const y = topology.linkTarget[j];
    if (down[n + j] !== 0 || down[x] !== 0 || down[y] !== 0 || vertexOf[x] === vertexOf[y]) continue;
    start[vertexOf[x] + 1]++;
    start[vertexOf[y] + 1]++;
  }
  for (let v = 0; v <= n; v++) start[v + 1] += start[v];
  const cursor = b.cursor;
  for (let v = 0; v <= n; v++) cursor[v] = start[v];
  for (let j = 0; j < links; j++) {
    const x = topology.linkSource[j];
    const y = topology.linkTarget[j];
    if (down[n + j] !== 0 || down[x] !== 0 || down[y] !== 0 || vertexOf[x] === vertexOf[y]) continue;
    const vx = vertexOf[x];
    const vy = vertexOf[y];
    b.adjacentVertex[cursor[vx]] = vy;
    b.adjacentLink[cursor[vx]++] = j;
    b.adjacentVertex[cursor[vy]] = vx;
    b.adjacentLink[cursor[vy]++] = j;
  }
  for (let i = 0; i < sinks.length; i++) if (down[sinks[i]] === 0) reached[sinks[i]] = 1;
  // Tarjan's bridges from T only: nodes outside T's component never reach it.
  const { discovery, low, parentLink, stack, isBridge } = b;
  discovery.fill(-1, 0, n + 1);
  isBridge.fill(0, 0, links);
  for (let v = 0; v <= n; v++) cursor[v] = start[v];
  let time = 0;
  let top = 0;
  stack[0] = T;
  discovery[T] = low[T] = time++;
  parentLink[T] = -1;
  while (top >= 0) {
    const v = stack[top];
    if (cursor[v] < start[v + 1]) {
      const h = cursor[v]++;
      const j = b.adjacentLink[h];
      if (j === parentLink[v]) continue;
      const w = b.adjacentVertex[h];
      if (discovery[w] < 0) {
        discovery[w] = low[w] = time++;
        parentLink[w] = j;
        stack[++top] = w;
      } else if (discovery[w] < low[v]) low[v] = discovery[w];
    } else {
      top--;
      if (top >= 0) {
        const p = stack[top];
        if (low[v] < low[p]) low[p] = low[v];
        if (low[v] > discovery[p]) isBridge[parentLink[v]] = 1;
      }
    }
  }
  // T's 2-edge-connected component: reachable from T without crossing a bridge.
  const seen = low;
  seen.fill(0, 0, n + 1);
  const queue = stack;
  let head = 0;
  let tail = 0;
  queue[tail++] = T;
  seen[T] = 1;
  while (head < tail) {
    const v = queue[head++];
    if (v !== T) reached[v] = 1;
    for (let h = start[v]; h < start[v + 1]; h++) {
      const w = b.adjacentVertex[h];
      if (seen[w] === 1 || isBridge[b.adjacentLink[h]] === 1) continue;
      seen[w] = 1;
      queue[tail++] = w;
    }
  }
}
