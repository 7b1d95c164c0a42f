// Routing of a traffic matrix in a failure state, by the policy the 'traffic' kind states: each demand follows its
// working routing, shortest paths with ECMP in the intact network (per-hop equal split over every next hop on a
// shortest path, as OSPF/IS-IS ECMP does), and the part of it whose working paths failed is restored over the
// shortest surviving paths with room left, in demand order. Exact and deterministic (integer link metrics, ties
// broken by link index), so an independent straightforward implementation gives the same numbers (test/property).

import type { CsrTopology } from '../../topology/csr-topology.ts';
import { createStateCache, findState, storeState, type StateCache } from './state-cache.ts';
import { heapPop, heapPush } from './traffic-network.ts';

/** A demand matrix on a topology, with the link data its routing reads. Plain data (compiled once). */
export interface TrafficMatrix {
  /** The matrix's id, part of the key that shares routing work between its services (the whole and each demand). */
  readonly matrixId: string;
  readonly network: CsrTopology;
  /** Per demand: source node index. */
  readonly demandSource: Uint32Array;
  /** Per demand: target node index, != source. */
  readonly demandTarget: Uint32Array;
  /** Per demand: volume in Gbit/s, > 0. */
  readonly demandVolume: Float64Array;
  /** Per link: routing metric, a positive integer (hops: 1; delay: microseconds), or Infinity (unusable). */
  readonly linkCost: Float64Array;
  /** Per link and per direction (full duplex): capacity in Gbit/s, >= 0. */
  readonly linkCapacity: Float64Array;
  /** Whether volume whose working paths failed is restored (else it is lost). */
  readonly restoration: boolean;
}

/** Intact shortest-path distances towards one target, with the nodes ordered by them. */
interface TargetTree {
  /** Metric distance from each node to the target in the intact network (Infinity: unreachable). */
  readonly distance: Float64Array;
  /** Reachable nodes by increasing distance (the target first). */
  readonly order: Int32Array;
  /** Next hops (half-edges onto a shortest path) per node. */
  readonly nextCount: Int32Array;
  /**
   * The next hops themselves, CSR: node u's are `nextHalf[nextStart[u] .. nextStart[u + 1])`, in adjacency order
   * (the routing adds shares in that order, as a scan of every half-edge would).
   */
  readonly nextStart: Int32Array;
  readonly nextHalf: Int32Array;
}

/** A demand's working routing in the intact network: what a state that spares it reuses without a search. */
interface IntactDemand {
  /** Elements (nodes 0..N-1, links N..N+L-1) carrying its working flow, its end nodes included. */
  readonly elements: Int32Array;
  /** Link directions (2 × link + 0 for source to target, + 1 back) carrying its working flow, and the flow on each. */
  readonly arcs: Int32Array;
  readonly arcLoads: Float64Array;
  /** Fraction of its volume its working paths carry (1, or 0 when the intact network does not connect it). */
  readonly fraction: number;
}

/** Routing work of one matrix, shared by every service of it (total and per demand) within a thread. */
interface RoutingMemo {
  /**
   * Per half-edge h of node u to node w: the link direction u -> w (2 × link + 0 when u is the link's source,
   * + 1 otherwise), and w -> u (the same rule from w), so the loops read the arc without testing the link's ends.
   */
  readonly outArc: Int32Array;
  readonly inArc: Int32Array;
  readonly trees: TargetTree[];
  /** Per demand: index into `trees`. */
  readonly treeOf: Int32Array;
  /**
   * Per demand: the nodes its working flow can reach (from the source over next hops of its target's tree), in the
   * tree's order (increasing distance, the target first); empty when the intact network does not connect it.
   */
  readonly flowOrder: Int32Array[];
  /** Per demand: its intact working routing (empty until built). */
  readonly intact: IntactDemand[];
  /** The union of the demands' intact working carriers, when every demand is connected in the intact network. */
  workingCarriers: Int32Array;
  /** Every demand is connected in the intact network (else no state is spared). */
  allConnected: boolean;
  /** Served volume per demand of the last routed state. */
  readonly served: Float64Array;
  /** Volume per demand whose working paths failed (scratch). */
  readonly lost: Float64Array;
  /** The last routed state (a copy of its `down`, whose length may exceed nodeCount + linkCount); see hasLast. */
  lastDown: Uint8Array;
  /** Word view of lastDown's whole words. */
  lastWords: Int32Array;
  hasLast: boolean;
  /** 1 at elements carrying flow in the last routed state (nodes 0..N-1, links N..N+L-1). */
  readonly carried: Uint8Array;
  /** Earlier routed states that answer every superset state sparing their carriers (see markTrafficCarriers). */
  readonly witnesses: RoutingWitness[];
  /** Where the search for the witness to replace starts once WITNESS_LIMIT are kept (the oldest first). */
  nextWitness: number;
  /** Served volume per demand of the states routed lately, by state (nodes and links only). */
  readonly states: StateCache;
  /**
   * Carriers of the states witnessed lately (markTrafficCarriers), by their down elements: the services of one
   * matrix ask for the same states' witnesses (stratified plans branch on them per service).
   */
  readonly carriersByState: Map<string, Int32Array>;
  /** Tolerance on volumes, Gbit/s. */
  readonly tolerance: number;
  /** The metric of every usable link when they all have the same (hop counts), else 0. */
  readonly uniformCost: number;
}

/**
 * A routed state as a witness: in any state with every element of `down` down and no element of `carriers` down,
 * every demand is served exactly `served` (the argument of markTrafficCarriers).
 */
interface RoutingWitness {
  readonly down: Int32Array;
  readonly carriers: Int32Array;
  readonly served: Float64Array;
}

/** Witnesses kept per matrix: a forced scenario's samples are mostly supersets of a few small states. */
const WITNESS_LIMIT = 8;

/**
 * Routed states kept per matrix: a forced regional outage (a risk group whose members fail independently) repeats
 * a few thousand states across its samples; the default study's routes ~5 times per distinct state.
 */
const STATE_LIMIT = 16384;

/** Witnessed states whose carriers are kept per matrix (markTrafficCarriers); the map starts afresh when full. */
const CARRIER_STATE_LIMIT = 4096;


const memoByMatrix = new WeakMap<TrafficMatrix, RoutingMemo>();
/** Structured-clone copies of one matrix (a worker's copy of each service) share one memo through its content key. */
const memoByKey = new Map<string, RoutingMemo>();

/** Scratch of one routing pass; grown on demand. */
let fraction = new Float64Array(0);
let arriving = new Float64Array(0);
let residual = new Float64Array(0);
let load = new Float64Array(0);
let distance = new Float64Array(0);
let heapKey = new Float64Array(0);
let heapNode = new Int32Array(0);
let path = new Int32Array(0);
let queue = new Int32Array(0);

function ensureScratch(n: number, l: number): void {
  if (fraction.length < n) {
    fraction = new Float64Array(n);
    arriving = new Float64Array(n);
    distance = new Float64Array(n);
    path = new Int32Array(n + 1);
    queue = new Int32Array(n);
  }
  if (residual.length < 2 * l) {
    residual = new Float64Array(2 * l);
    load = new Float64Array(2 * l);
  }
  if (heapKey.length < 2 * l + 2) {
    heapKey = new Float64Array(2 * l + 2);
    heapNode = new Int32Array(2 * l + 2);
  }
}

function contentKey(m: TrafficMatrix): string {
  const t = m.network;
  return [
    m.matrixId,
    t.nodeCount,
    Array.from(t.linkSource).join(','),
    Array.from(t.linkTarget).join(','),
    Array.from(m.demandSource).join(','),
    Array.from(m.demandTarget).join(','),
    Array.from(m.demandVolume).join(','),
    Array.from(m.linkCost).join(','),
    Array.from(m.linkCapacity).join(','),
    m.restoration,
  ].join('|');
}

/** Dijkstra towards `target` over the intact network (Dijkstra 1959; binary heap, lazy deletion). */
function buildTargetTree(m: TrafficMatrix, target: number): TargetTree {
  const t = m.network;
  const n = t.nodeCount;
  ensureScratch(n, t.linkCount);
  const dist = new Float64Array(n).fill(Infinity);
  dist[target] = 0;
  let size = heapPush(heapKey, heapNode, 0, 0, target);
  const order: number[] = [];
  while (size > 0) {
    const d = heapKey[0];
    const u = heapNode[0];
    size = heapPop(heapKey, heapNode, size);
    if (d > dist[u]) continue;
    order.push(u);
    for (let h = t.adjacencyStart[u]; h < t.adjacencyStart[u + 1]; h++) {
      const w = t.adjacencyNode[h];
      const candidate = d + m.linkCost[t.adjacencyEdge[h]];
      if (candidate < dist[w]) {
        dist[w] = candidate;
        size = heapPush(heapKey, heapNode, size, candidate, w);
      }
    }
  }
  const nextCount = new Int32Array(n);
  const nextStart = new Int32Array(n + 1);
  const nextHalf: number[] = [];
  for (let u = 0; u < n; u++) {
    nextStart[u] = nextHalf.length;
    if (dist[u] === Infinity) continue;
    for (let h = t.adjacencyStart[u]; h < t.adjacencyStart[u + 1]; h++) {
      if (dist[u] === m.linkCost[t.adjacencyEdge[h]] + dist[t.adjacencyNode[h]]) {
        nextCount[u]++;
        nextHalf.push(h);
      }
    }
  }
  nextStart[n] = nextHalf.length;
  return { distance: dist, order: Int32Array.from(order), nextCount, nextStart, nextHalf: Int32Array.from(nextHalf) };
}

/**
 * The nodes reachable from `source` over next hops of `tree`, in the tree's order: the only nodes whose share a
 * demand from `source` reads or whose arriving traffic it sets, so its routing visits them alone, in the same order.
 */
function listFlowOrder(tree: TargetTree, t: CsrTopology, source: number): Int32Array {
  if (tree.distance[source] === Infinity) return new Int32Array(0);
  const reached = new Uint8Array(t.nodeCount);
  reached[source] = 1;
  const stack = [source];
  while (stack.length > 0) {
    const u = stack.pop() ?? source;
    for (let k = tree.nextStart[u]; k < tree.nextStart[u + 1]; k++) {
      const w = t.adjacencyNode[tree.nextHalf[k]];
      if (reached[w] === 0) {
        reached[w] = 1;
        stack.push(w);
      }
    }
  }
  return tree.order.filter((u) => reached[u] === 1);
}

/** The finite metric all links share (Infinity ones are unusable), or 0 when they differ or none is finite. */
function findUniformCost(linkCost: Float64Array): number {
  let uniform = 0;
  for (let j = 0; j < linkCost.length; j++) {
    const c = linkCost[j];
    if (c === Infinity) continue;
    if (uniform === 0) uniform = c;
    else if (c !== uniform) return 0;
  }
  return uniform;
}

function memoOf(m: TrafficMatrix): RoutingMemo {
  const known = memoByMatrix.get(m);
  if (known !== undefined) return known;
  const key = contentKey(m);
  let memo = memoByKey.get(key);
  if (memo === undefined) {
    const t = m.network;
    const size = t.nodeCount + t.linkCount;
    const slot = new Map<number, number>();
    const trees: TargetTree[] = [];
    const treeOf = new Int32Array(m.demandTarget.length);
    for (let d = 0; d < m.demandTarget.length; d++) {
      const target = m.demandTarget[d];
      let i = slot.get(target);
      if (i === undefined) {
        i = trees.length;
        slot.set(target, i);
        trees.push(buildTargetTree(m, target));
      }
      treeOf[d] = i;
    }
    let largest = 0;
    for (let d = 0; d < m.demandVolume.length; d++) largest = Math.max(largest, m.demandVolume[d]);
    const outArc = new Int32Array(t.adjacencyNode.length);
    const inArc = new Int32Array(t.adjacencyNode.length);
    for (let u = 0; u < t.nodeCount; u++) {
      for (let h = t.adjacencyStart[u]; h < t.adjacencyStart[u + 1]; h++) {
        const j = t.adjacencyEdge[h];
        outArc[h] = 2 * j + (t.linkSource[j] === u ? 0 : 1);
        inArc[h] = 2 * j + (t.linkSource[j] === t.adjacencyNode[h] ? 0 : 1);
      }
    }
    memo = {
      outArc,
      inArc,
      trees,
      treeOf,
      flowOrder: Array.from(m.demandSource, (source, d) => listFlowOrder(trees[treeOf[d]], t, source)),
      intact: [],
      workingCarriers: new Int32Array(0),
      allConnected: false,
      served: new Float64Array(m.demandSource.length),
      lost: new Float64Array(m.demandSource.length),
      lastDown: new Uint8Array(size),
      lastWords: new Int32Array(0),
      hasLast: false,
      carried: new Uint8Array(size),
      witnesses: [],
      nextWitness: 0,
      states: createStateCache(m.demandSource.length, STATE_LIMIT),
      carriersByState: new Map(),
      tolerance: 1e-9 * largest,
      uniformCost: findUniformCost(m.linkCost),
    };
    // Each demand's working routing in the intact network, alone (the elements and loads a spared demand reuses).
    const nothingDown = new Uint8Array(size);
    for (let d = 0; d < m.demandSource.length; d++) {
      memo.carried.fill(0);
      ensureScratch(t.nodeCount, t.linkCount);
      load.fill(0, 0, 2 * t.linkCount);
      const kept = routeWorking(m, memo, d, nothingDown);
      const elements: number[] = [];
      for (let e = 0; e < size; e++) if (memo.carried[e] !== 0) elements.push(e);
      const arcs: number[] = [];
      for (let a = 0; a < 2 * t.linkCount; a++) if (load[a] > 0) arcs.push(a);
      memo.intact.push({
        elements: Int32Array.from(elements),
        arcs: Int32Array.from(arcs),
        arcLoads: Float64Array.from(arcs, (a) => load[a]),
        fraction: kept / m.demandVolume[d],
      });
    }
    const union = new Set<number>();
    for (const intact of memo.intact) for (const e of intact.elements) union.add(e);
    // A disconnected demand is never spared: an empty-set shortcut would call it served.
    memo.allConnected = memo.intact.every((i) => i.fraction === 1);
    memo.workingCarriers = Int32Array.from([...union].sort((a, b) => a - b));
    // A bounded cache: plans of one process are few, but a long-lived worker may see many.
    if (memoByKey.size >= 64) memoByKey.clear();
    memoByKey.set(key, memo);
  }
  memoByMatrix.set(m, memo);
  return memo;
}

/**
 * Routes demand d's working flow (ECMP over the intact shortest paths) in state `down`: adds the flow that reaches
 * the target to `load` per link direction, marks its carriers in `memo.carried`, and returns the volume carried.
 * Its end nodes must be up.
 */
function routeWorking(m: TrafficMatrix, memo: RoutingMemo, d: number, down: Uint8Array): number {
  const t = m.network;
  const n = t.nodeCount;
  const adjacencyEdge = t.adjacencyEdge;
  const adjacencyNode = t.adjacencyNode;
  const outArc = memo.outArc;
  const s = m.demandSource[d];
  const target = m.demandTarget[d];
  const volume = m.demandVolume[d];
  const carried = memo.carried;
  carried[s] = 1;
  carried[target] = 1;
  const tree = memo.trees[memo.treeOf[d]];
  if (tree.distance[s] === Infinity) return 0;
  const nextStart = tree.nextStart;
  const nextHalf = tree.nextHalf;
  const nextCount = tree.nextCount;
  // fraction[u]: share of the traffic at u that reaches the target over surviving next hops (by increasing distance).
  const order = memo.flowOrder[d];
  fraction[target] = 1;
  for (let i = 1; i < order.length; i++) {
    const u = order[i];
    if (down[u] !== 0) {
      fraction[u] = 0;
      continue;
    }
    let sum = 0;
    for (let k = nextStart[u]; k < nextStart[u + 1]; k++) {
      const h = nextHalf[k];
      const w = adjacencyNode[h];
      if (down[n + adjacencyEdge[h]] === 0 && down[w] === 0) sum += fraction[w];
    }
    fraction[u] = sum / nextCount[u];
  }
  // arriving[u]: traffic reaching u (by decreasing distance, so every predecessor has given its share first).
  for (let i = 0; i < order.length; i++) arriving[order[i]] = 0;
  arriving[s] = volume;
  for (let i = order.length - 1; i > 0; i--) {
    const u = order[i];
    const at = arriving[u];
    if (at === 0 || down[u] !== 0) continue;
    const share = at / nextCount[u];
    for (let k = nextStart[u]; k < nextStart[u + 1]; k++) {
      const h = nextHalf[k];
      const j = adjacencyEdge[h];
      const w = adjacencyNode[h];
      if (down[n + j] !== 0 || down[w] !== 0) continue;
      arriving[w] += share;
      const surviving = share * fraction[w];
      if (surviving > 0) {
        load[outArc[h]] += surviving;
        carried[n + j] = 1;
        carried[u] = 1;
        carried[w] = 1;
      }
    }
  }
  return volume * fraction[s];
}

/**
 * Routes every demand in failure state `down` (see the file header) into `memo.served` and `memo.carried`.
 * A demand whose source or target is down is not served. Working flows stay on their surviving paths whatever the
 * capacities (the intact routing is the planned one); restoration uses only what they leave of each link direction.
 * A demand none of whose working carriers is down reuses its intact routing (the same numbers, without the search).
 */
function routeState(m: TrafficMatrix, memo: RoutingMemo, down: Uint8Array): void {
  const t = m.network;
  const n = t.nodeCount;
  const linkCount = t.linkCount;
  ensureScratch(n, linkCount);
  const { served, lost, carried, tolerance } = memo;
  carried.fill(0);
  load.fill(0, 0, 2 * linkCount);
  for (let d = 0; d < served.length; d++) {
    const s = m.demandSource[d];
    const target = m.demandTarget[d];
    const volume = m.demandVolume[d];
    served[d] = 0;
    lost[d] = 0;
    if (down[s] !== 0 || down[target] !== 0) {
      carried[s] = 1;
      carried[target] = 1;
      continue;
    }
    const intact = memo.intact[d];
    let spared = true;
    const elements = intact.elements;
    for (let i = 0; i < elements.length && spared; i++) if (down[elements[i]] !== 0) spared = false;
    if (spared) {
      for (let i = 0; i < elements.length; i++) carried[elements[i]] = 1;
      for (let i = 0; i < intact.arcs.length; i++) load[intact.arcs[i]] += intact.arcLoads[i];
      served[d] = intact.fraction === 1 ? volume : 0;
    } else {
      served[d] = routeWorking(m, memo, d, down);
    }
    lost[d] = volume - served[d];
    if (lost[d] <= tolerance) {
      served[d] = volume;
      lost[d] = 0;
    }
  }
  if (!m.restoration) return;
  let anyLost = false;
  for (let d = 0; d < served.length; d++) if (lost[d] > tolerance) anyLost = true;
  if (!anyLost) return;
  for (let j = 0; j < linkCount; j++) {
    const usable = down[n + j] === 0 && down[t.linkSource[j]] === 0 && down[t.linkTarget[j]] === 0;
    residual[2 * j] = usable ? Math.max(0, m.linkCapacity[j] - load[2 * j]) : 0;
    residual[2 * j + 1] = usable ? Math.max(0, m.linkCapacity[j] - load[2 * j + 1]) : 0;
  }
  for (let d = 0; d < served.length; d++) {
    if (lost[d] > tolerance) restoreDemand(m, memo, d, tolerance);
  }
}

/**
 * Restores demand d's lost volume over successive shortest paths (by metric) in the residual network, each taking
 * as much as its tightest link direction allows, until nothing is lost or no path with room is left. Among equal
 * shortest paths, the walk from the source takes the lowest link index at each node.
 */
function restoreDemand(m: TrafficMatrix, memo: RoutingMemo, d: number, tolerance: number): void {
  const t = m.network;
  const n = t.nodeCount;
  const start = t.adjacencyStart;
  const adjacencyEdge = t.adjacencyEdge;
  const adjacencyNode = t.adjacencyNode;
  const { outArc, inArc, carried, served, lost } = memo;
  const cost = m.linkCost;
  const s = m.demandSource[d];
  const target = m.demandTarget[d];
  // Module scratch in locals: the loops below are the routing's hottest.
  const residualOf = residual;
  const distanceTo = distance;
  const key = heapKey;
  const node = heapNode;
  const pathArcs = path;
  const uniform = memo.uniformCost;
  const order = queue;
  while (lost[d] > tolerance) {
    // Distances to the target over link directions with room (Dijkstra from the target on reversed arcs), up to
    // the source: every node of a shortest path from it is nearer, so its distance is final by then. A node off
    // every shortest path from the source keeps a distance no lower than its own, so the walk below never takes
    // it, and any search settling nodes by increasing distance finds the same distances on those paths.
    distanceTo.fill(Infinity, 0, n);
    distanceTo[target] = 0;
    if (uniform > 0) {
      // One metric for every link: breadth-first search, with the distances the heap would give (the same sums),
      // up to the source's discovery (every node nearer than it is discovered by then).
      order[0] = target;
      let tail = 1;
      search: for (let head = 0; head < tail; head++) {
        const u = order[head];
        const dw = distanceTo[u] + uniform;
        const end = start[u + 1];
        for (let h = start[u]; h < end; h++) {
          const w = adjacencyNode[h];
          if (distanceTo[w] !== Infinity || residualOf[inArc[h]] <= tolerance || cost[adjacencyEdge[h]] !== uniform)
            continue;
          distanceTo[w] = dw;
          if (w === s) break search;
          order[tail++] = w;
        }
      }
    }
    let size = uniform > 0 ? 0 : heapPush(key, node, 0, 0, target);
    while (size > 0) {
      const du = key[0];
      const u = node[0];
      size = heapPop(key, node, size);
      if (du > distanceTo[u]) continue;
      if (u === s) break;
      const end = start[u + 1];
      for (let h = start[u]; h < end; h++) {
        // The arc w -> u.
        if (residualOf[inArc[h]] <= tolerance) continue;
        const w = adjacencyNode[h];
        const candidate = du + cost[adjacencyEdge[h]];
        if (candidate < distanceTo[w]) {
          distanceTo[w] = candidate;
          size = heapPush(key, node, size, candidate, w);
        }
      }
    }
    if (distanceTo[s] === Infinity) return;
    let u = s;
    let hops = 0;
    let amount = lost[d];
    while (u !== target) {
      let next = -1;
      const du = distanceTo[u];
      const end = start[u + 1];
      for (let h = start[u]; h < end; h++) {
        if (residualOf[outArc[h]] > tolerance && du === cost[adjacencyEdge[h]] + distanceTo[adjacencyNode[h]]) {
          next = h;
          break;
        }
      }
      const arc = outArc[next];
      amount = Math.min(amount, residualOf[arc]);
      pathArcs[hops++] = arc;
      u = adjacencyNode[next];
    }
    for (let i = 0; i < hops; i++) {
      const arc = pathArcs[i];
      residualOf[arc] -= amount;
      const j = arc >> 1;
      carried[n + j] = 1;
      carried[t.linkSource[j]] = 1;
      carried[t.linkTarget[j]] = 1;
    }
    served[d] += amount;
    lost[d] -= amount;
  }
  served[d] = m.demandVolume[d];
  lost[d] = 0;
}

/** Word views of the last compared state buffers (the sample loop passes the same buffer every time). */
let wordsOf: { bytes: Uint8Array; words: Int32Array } | null = null;

function wordView(bytes: Uint8Array): Int32Array | null {
  if (bytes.byteOffset % 4 !== 0) return null;
  if (wordsOf === null || wordsOf.bytes !== bytes) wordsOf = { bytes, words: new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2) };
  return wordsOf.words;
}

/** True when `down` equals the memo's last state (same length), four elements at a time where the buffer allows. */
function isSameState(down: Uint8Array, memo: RoutingMemo): boolean {
  const last = memo.lastDown;
  const words = wordView(down);
  let e = 0;
  if (words !== null) {
    const lastWords = memo.lastWords;
    for (let i = 0; i < words.length; i++) if (words[i] !== lastWords[i]) return false;
    e = words.length << 2;
  }
  for (; e < down.length; e++) if (down[e] !== last[e]) return false;
  return true;
}


/** True when every demand is connected in the intact network and no working carrier of any demand is down. */
function isSparedState(memo: RoutingMemo, down: Uint8Array): boolean {
  if (!memo.allConnected) return false;
  const carriers = memo.workingCarriers;
  for (let i = 0; i < carriers.length; i++) if (down[carriers[i]] !== 0) return false;
  return true;
}

/**
 * Served volume per demand (Gbit/s, in [0, volume], a demand fully served giving exactly its volume) in failure
 * state `down`. Shared by the services of one matrix: the last state is remembered, so the total and each demand
 * of the same sample route once. The returned array is scratch, valid until the next call.
 * @param down 1 for down elements (nodes 0..N-1, links N..N+L-1)
 */
export function routeTrafficMatrix(m: TrafficMatrix, down: Uint8Array): Float64Array {
  const memo = memoOf(m);
  if (memo.lastDown.length !== down.length || memo.lastWords.length !== down.length >> 2) {
    memo.lastDown = new Uint8Array(down.length);
    memo.lastWords = new Int32Array(memo.lastDown.buffer, 0, down.length >> 2);
    memo.hasLast = false;
  }
  if (memo.hasLast && isSameState(down, memo)) return memo.served;
  memo.lastDown.set(down);
  memo.hasLast = true;
  // No working carrier of any demand down (most states): every demand is served on its working paths.
  if (isSparedState(memo, down)) {
    memo.served.set(m.demandVolume);
    return memo.served;
  }
  for (const witness of memo.witnesses) {
    if (isWitnessFor(witness, down)) {
      memo.served.set(witness.served);
      return memo.served;
    }
  }
  const limit = m.network.nodeCount + m.network.linkCount;
  const found = findState(memo.states, down, limit);
  if (found >= 0) {
    memo.served.set(memo.states.answers.subarray(found, found + memo.served.length));
    return memo.served;
  }
  routeState(m, memo, down);
  storeState(memo.states, memo.served, 0);
  rememberWitness(memo, down);
  return memo.served;
}

/** True when every element of the witness's state is down in `down` and none of its carriers is. */
function isWitnessFor(witness: RoutingWitness, down: Uint8Array): boolean {
  const failed = witness.down;
  for (let i = 0; i < failed.length; i++) if (down[failed[i]] === 0) return false;
  const carriers = witness.carriers;
  for (let i = 0; i < carriers.length; i++) if (down[carriers[i]] !== 0) return false;
  return true;
}

/**
 * Keeps the state just routed (its down elements, carriers and answers) as a witness. Small states answer the most
 * supersets (a scenario's base state: its forced elements or attack): once WITNESS_LIMIT are kept, the witness with
 * the most down elements gives way (the oldest among equals), and a state larger than every witness is not kept
 * (decided before anything is allocated: the time simulation routes a new state at almost every event).
 */
function rememberWitness(memo: RoutingMemo, down: Uint8Array): void {
  let downCount = 0;
  for (let e = 0; e < down.length; e++) if (down[e] !== 0) downCount++;
  let slot = memo.witnesses.length < WITNESS_LIMIT ? memo.witnesses.length : -1;
  if (slot < 0) {
    for (let k = 0; k < WITNESS_LIMIT; k++) {
      const w = (memo.nextWitness + k) % WITNESS_LIMIT;
      const size = memo.witnesses[w].down.length;
      if (size >= downCount && (slot < 0 || size > memo.witnesses[slot].down.length)) slot = w;
    }
    if (slot < 0) return;
    memo.nextWitness = (slot + 1) % WITNESS_LIMIT;
  }
  const failed = new Int32Array(downCount);
  for (let e = 0, i = 0; e < down.length; e++) if (down[e] !== 0) failed[i++] = e;
  let carrierCount = 0;
  for (let e = 0; e < memo.carried.length; e++) if (memo.carried[e] !== 0) carrierCount++;
  const carriers = new Int32Array(carrierCount);
  for (let e = 0, i = 0; e < memo.carried.length; e++) if (memo.carried[e] !== 0) carriers[i++] = e;
  memo.witnesses[slot] = { down: failed, carriers, served: memo.served.slice() };
}

/**
 * The object the matrix's routing work is shared through: the same for every copy of the matrix (its total and
 * each demand), so a caller may keep routed states per scope.
 */
export function routingScopeOf(m: TrafficMatrix): object {
  return memoOf(m);
}

/**
 * Marks (sets to 1) the elements carrying flow when the matrix is routed in state `down`, and every demand's end
 * nodes: while none of them fails, the same flows survive and the same restoration paths are found (removing an
 * unused link raises no distance on a chosen path and adds no candidate), so every demand is served as in `down`.
 * @param mark length nodeCount + linkCount
 */
export function markTrafficCarriers(m: TrafficMatrix, down: Uint8Array, mark: Uint8Array): void {
  const memo = memoOf(m);
  // A spared state routes every demand on its intact working paths: the carriers are theirs, without a routing.
  if (isSparedState(memo, down)) {
    const carriers = memo.workingCarriers;
    for (let i = 0; i < carriers.length; i++) mark[carriers[i]] = 1;
    return;
  }
  const size = memo.carried.length;
  let key = '';
  for (let e = 0; e < size; e++) if (down[e] !== 0) key += `${e},`;
  let carriers = memo.carriersByState.get(key);
  if (carriers === undefined) {
    routeState(m, memo, down);
    memo.hasLast = false;
    const list: number[] = [];
    for (let e = 0; e < size; e++) if (memo.carried[e] !== 0) list.push(e);
    carriers = Int32Array.from(list);
    if (memo.carriersByState.size >= CARRIER_STATE_LIMIT) memo.carriersByState.clear();
    memo.carriersByState.set(key, carriers);
  }
  for (let i = 0; i < carriers.length; i++) mark[carriers[i]] = 1;
}
