// Minimum weighted cuts by maximum flow: Dinic's algorithm on a directed network, the node-split network of an
// undirected topology (attack costs on nodes and links), and the cheapest attack that takes a service down.

import type { CompiledService } from '../model.ts';
import type { CsrTopology } from '../topology/csr-topology.ts';
import { isReachExact } from '../services/service-kinds.ts';
import { toReachForm } from './internal/reach-form.ts';

/**
 * A directed flow network in forward-star form. Arc 2i is the i-th arc given to {@link createFlowNetwork} and
 * arc 2i + 1 its reverse (capacity 0); the arcs leaving vertex v are `firstArc[v]`, `arcNext[firstArc[v]]`, ...
 * until -1.
 */
export interface FlowNetwork {
  readonly vertexCount: number;
  readonly arcHead: Int32Array;
  readonly arcNext: Int32Array;
  readonly firstArc: Int32Array;
  /** Capacity per arc, >= 0, Infinity allowed (reverse arcs 0). */
  readonly arcCapacity: Float64Array;
}

/** A maximum flow and the source side of a minimum cut. */
export interface MaxFlowResult {
  /** Flow value, >= 0; Infinity when some source-sink path has only infinite-capacity arcs. */
  readonly value: number;
  /** 1 at vertices reachable from the source in the final residual network (a minimum cut's source side). */
  readonly sourceSide: Uint8Array;
}

function checkWeight(value: number, what: string): void {
  if (!(value >= 0)) throw new RangeError(`${what} must be >= 0 or Infinity, got ${value}`);
}

/**
 * Builds a flow network from an arc list.
 * @param vertexCount number of vertices, >= 0
 * @param arcTail tail vertex of each arc, in [0, vertexCount)
 * @param arcHead head vertex of each arc, in [0, vertexCount)
 * @param arcCapacity capacity of each arc, >= 0 (Infinity allowed)
 */
export function createFlowNetwork(
  vertexCount: number,
  arcTail: ArrayLike<number>,
  arcHead: ArrayLike<number>,
  arcCapacity: ArrayLike<number>,
): FlowNetwork {
  if (!Number.isInteger(vertexCount) || vertexCount < 0) throw new RangeError('vertexCount must be an integer >= 0');
  const count = arcTail.length;
  if (arcHead.length !== count || arcCapacity.length !== count) {
    throw new RangeError('arcTail, arcHead and arcCapacity must have the same length');
  }
  const head = new Int32Array(2 * count);
  const next = new Int32Array(2 * count);
  const capacity = new Float64Array(2 * count);
  const firstArc = new Int32Array(vertexCount).fill(-1);
  for (let i = 0; i < count; i++) {
    const a = arcTail[i];
    const b = arcHead[i];
    if (!(a >= 0 && a < vertexCount && b >= 0 && b < vertexCount))
      throw new RangeError(`arc ${i} names a vertex outside [0, ${vertexCount})`);
    checkWeight(arcCapacity[i], `arcCapacity[${i}]`);
    head[2 * i] = b;
    capacity[2 * i] = arcCapacity[i];
    next[2 * i] = firstArc[a];
    firstArc[a] = 2 * i;
    head[2 * i + 1] = a;
    next[2 * i + 1] = firstArc[b];
    firstArc[b] = 2 * i + 1;
  }
  return { vertexCount, arcHead: head, arcNext: next, firstArc, arcCapacity: capacity };
}

/**
 * Maximum flow from `source` to `sink` by Dinic's algorithm (E. A. Dinic, "Algorithm for solution of a problem of
 * maximum flow in networks with power estimation", Soviet Math. Doklady 11, 1970): BFS level graphs and blocking
 * flows with current-arc pointers, O(V^2 E) time. Residual capacities at most 1e-12 times the total finite
 * capacity count as saturated, so floating-point rounding cannot loop; with integer capacities the result is exact.
 * @param source source vertex, in [0, vertexCount)
 * @param sink sink vertex, in [0, vertexCount), distinct from source
 */
export function computeMaxFlow(network: FlowNetwork, source: number, sink: number): MaxFlowResult {
  const n = network.vertexCount;
  if (!Number.isInteger(source) || source < 0 || source >= n) throw new RangeError(`source must be in [0, ${n})`);
  if (!Number.isInteger(sink) || sink < 0 || sink >= n || sink === source) {
    throw new RangeError(`sink must be in [0, ${n}) and differ from source`);
  }
  const { arcHead, arcNext, firstArc } = network;
  const residual = Float64Array.from(network.arcCapacity);
  let finiteTotal = 0;
  for (let a = 0; a < residual.length; a++) if (residual[a] !== Infinity) finiteTotal += residual[a];
  // Because: a total beyond Number.MAX_VALUE would make epsilon Infinity and stop all flow.
  const epsilon = 1e-12 * Math.min(finiteTotal, Number.MAX_VALUE);
  const level = new Int32Array(n);
  const queue = new Int32Array(n);
  const currentArc = new Int32Array(n);
  const path = new Int32Array(n);
  let value = 0;

  const buildLevels = (): boolean => {
    level.fill(-1);
    level[source] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = source;
    while (head < tail) {
      const u = queue[head++];
      for (let a = firstArc[u]; a >= 0; a = arcNext[a]) {
        const v = arcHead[a];
        if (level[v] < 0 && residual[a] > epsilon) {
          level[v] = level[u] + 1;
          queue[tail++] = v;
        }
      }
    }
    return level[sink] >= 0;
  };

  // One augmenting path in the level graph (iterative DFS; dead ends leave the level graph). Returns its flow.
  const augment = (): number => {
    let length = 0;
    let u = source;
    for (;;) {
      if (u === sink) {
        let bottleneck = Infinity;
        for (let i = 0; i < length; i++) if (residual[path[i]] < bottleneck) bottleneck = residual[path[i]];
        if (bottleneck === Infinity) return Infinity;
        for (let i = 0; i < length; i++) {
          residual[path[i]] -= bottleneck;
          // Because: arc a's reverse is a ^ 1 (arcs are stored in pairs 2i, 2i + 1).
          residual[path[i] ^ 1] += bottleneck;
        }
        return bottleneck;
      }
      let a = currentArc[u];
      while (a >= 0 && !(residual[a] > epsilon && level[arcHead[a]] === level[u] + 1)) a = arcNext[a];
      currentArc[u] = a;
      if (a >= 0) {
        path[length++] = a;
        u = arcHead[a];
        continue;
      }
      if (u === source) return 0;
      level[u] = -1;
      const back = path[--length];
      u = arcHead[back ^ 1];
      currentArc[u] = arcNext[currentArc[u]];
    }
  };

  outer: while (buildLevels()) {
    currentArc.set(firstArc);
    for (;;) {
      const pushed = augment();
      if (pushed === 0) break;
      value += pushed;
      if (pushed === Infinity) break outer;
    }
  }

  const sourceSide = new Uint8Array(n);
  sourceSide[source] = 1;
  let head = 0;
  let tail = 0;
  queue[tail++] = source;
  while (head < tail) {
    const u = queue[head++];
    for (let a = firstArc[u]; a >= 0; a = arcNext[a]) {
      const v = arcHead[a];
      if (sourceSide[v] === 0 && residual[a] > epsilon) {
        sourceSide[v] = 1;
        queue[tail++] = v;
      }
    }
  }
  return { value, sourceSide };
}

/** A set of elements whose failure separates what was asked, and its total weight. */
export interface ElementCut {
  /** Sum of the members' weights, >= 0; Infinity when no finite-weight separating set exists. */
  readonly value: number;
  /** Element indices (nodes 0..N-1, links N..N+L-1), ascending; empty when value is 0 or Infinity. */
  readonly elements: number[];
}

function checkElementWeights(topology: CsrTopology, elementWeight: Float64Array): void {
  const count = topology.nodeCount + topology.linkCount;
  if (elementWeight.length !== count)
    throw new RangeError(`elementWeight must have length nodeCount + linkCount (${count})`);
  for (let e = 0; e < count; e++) checkWeight(elementWeight[e], `elementWeight[${e}]`);
}

/**
 * The minimum-weight set of elements, not containing `source`, whose failure leaves no `sinks` node both up and
 * reachable from `source`. Sink nodes may be members (a failed sink no longer counts). Built as a max-flow on the
 * node-split network (v_in -> v_out with capacity = node weight; each link {a, b} as a_out -> b_in and
 * b_out -> a_in with capacity = link weight; every sink's v_out -> super-sink with infinite capacity), so by the
 * max-flow min-cut theorem (Ford and Fulkerson 1956) the cut is exact. Time: one {@link computeMaxFlow} on
 * 2N + 1 vertices and 2(N + 2L + sinks) arcs.
 * @param elementWeight weight per element, >= 0; Infinity means the element cannot be a member
 * @param source node index in [0, nodeCount)
 * @param sinks node indices in [0, nodeCount); Infinity when `source` is among them, 0 when empty
 */
export function findMinElementCut(
  topology: CsrTopology,
  elementWeight: Float64Array,
  source: number,
  sinks: ArrayLike<number>,
): ElementCut {
  checkElementWeights(topology, elementWeight);
  return minElementCut(topology, elementWeight, source, sinks);
}

function minElementCut(
  topology: CsrTopology,
  elementWeight: Float64Array,
  source: number,
  sinks: ArrayLike<number>,
): ElementCut {
  const n = topology.nodeCount;
  if (!Number.isInteger(source) || source < 0 || source >= n)
    throw new RangeError(`source must be a node index in [0, ${n})`);
  for (let i = 0; i < sinks.length; i++) {
    const t = sinks[i];
    if (!Number.isInteger(t) || t < 0 || t >= n) throw new RangeError(`sinks[${i}] must be a node index in [0, ${n})`);
    if (t === source) return { value: Infinity, elements: [] };
  }
  if (sinks.length === 0) return { value: 0, elements: [] };
  const l = topology.linkCount;
  const arcCount = n + 2 * l + sinks.length;
  const tail = new Int32Array(arcCount);
  const head = new Int32Array(arcCount);
  const capacity = new Float64Array(arcCount);
  let i = 0;
  for (let v = 0; v < n; v++, i++) {
    tail[i] = 2 * v;
    head[i] = 2 * v + 1;
    capacity[i] = elementWeight[v];
  }
  for (let j = 0; j < l; j++) {
    const a = topology.linkSource[j];
    const b = topology.linkTarget[j];
    const w = elementWeight[n + j];
    tail[i] = 2 * a + 1;
    head[i] = 2 * b;
    capacity[i++] = w;
    tail[i] = 2 * b + 1;
    head[i] = 2 * a;
    capacity[i++] = w;
  }
  const superSink = 2 * n;
  for (let s = 0; s < sinks.length; s++, i++) {
    tail[i] = 2 * sinks[s] + 1;
    head[i] = superSink;
    capacity[i] = Infinity;
  }
  const flow = computeMaxFlow(createFlowNetwork(2 * n + 1, tail, head, capacity), 2 * source + 1, superSink);
  if (flow.value === Infinity) return { value: Infinity, elements: [] };
  const side = flow.sourceSide;
  const elements: number[] = [];
  let value = 0;
  for (let v = 0; v < n; v++) {
    if (v !== source && side[2 * v] === 1 && side[2 * v + 1] === 0) {
      elements.push(v);
      value += elementWeight[v];
    }
  }
  for (let j = 0; j < l; j++) {
    const a = topology.linkSource[j];
    const b = topology.linkTarget[j];
    if ((side[2 * a + 1] === 1 && side[2 * b] === 0) || (side[2 * b + 1] === 1 && side[2 * a] === 0)) {
      elements.push(n + j);
      value += elementWeight[n + j];
    }
  }
  return { value, elements };
}

/** Default cap on the number of max-flow computations {@link findMinServiceCut} may spend on a reach service. */
export const DEFAULT_MAX_FLOW_COMPUTATIONS = 4096;

function binomial(n: number, r: number): number {
  if (r < 0 || r > n) return 0;
  let result = 1;
  for (let i = 1; i <= r; i++) result = (result * (n - r + i)) / i;
  return Math.round(result);
}

/**
 * The minimum-weight set of elements whose failure takes `service` down (exact), or null when a reach service
 * would need more than `maxFlowComputations` max-flows.
 *
 * connected (terminals T): down iff some terminal is down or not connected to T0, so the cheapest attack is the
 * best of failing T0 and the min cuts separating T0 from each other terminal Tj (|T| - 1 max-flows).
 * reach (from F, to U, k): down iff some f in F is down or reaches at most k - 1 up `to` nodes. For each f the
 * cheapest attack is failing f, or for some set K of k - 1 `to` nodes allowed to stay reachable (K must contain f
 * when f is a `to` node, since f reaches itself), the min cut separating f from U \ K. Enumerating K is exact
 * and costs sum over f of C(|U|, k - 1) max-flows (one per f when k = 1).
 * @param elementWeight weight per element (nodes 0..N-1, links N..N+L-1), >= 0; Infinity: cannot be attacked
 * @param maxFlowComputations integer >= 1
 * @returns the cut (value Infinity when no finite attack exists; value 0 and no elements for a service with no
 *   endpoints to serve), or null when the reach enumeration is over the limit or the service's kind is not a
 *   connectivity criterion (capacity, latency, protected: see ServiceKindDefinition.reachIsExact)
 */
export function findMinServiceCut(
  topology: CsrTopology,
  service: CompiledService,
  elementWeight: Float64Array,
  maxFlowComputations: number = DEFAULT_MAX_FLOW_COMPUTATIONS,
): ElementCut | null {
  checkElementWeights(topology, elementWeight);
  if (!Number.isInteger(maxFlowComputations) || maxFlowComputations < 1) {
    throw new RangeError('maxFlowComputations must be a positive integer');
  }
  // A flow, a delay or a count of disjoint paths can fail without a disconnection: no min cut decides it.
  if (!isReachExact(service)) return null;
  const form = toReachForm(service, topology.nodeCount);
  if (form.from.length === 0) return { value: Infinity, elements: [] };
  if (form.k > form.to.length) return { value: 0, elements: [] };
  let flows = 0;
  for (const f of form.from) {
    const own = form.isTo[f];
    flows += binomial(form.to.length - own, form.k - 1 - own);
  }
  if (flows > maxFlowComputations) return null;

  let best: ElementCut = { value: Infinity, elements: [] };
  const consider = (cut: ElementCut): void => {
    if (cut.value < best.value) best = cut;
  };
  for (const f of form.from) {
    consider({ value: elementWeight[f], elements: elementWeight[f] === Infinity ? [] : [f] });
    const own = form.isTo[f];
    const keep = form.k - 1 - own;
    if (keep < 0) continue;
    const others: number[] = [];
    for (const t of form.to) if (t !== f) others.push(t);
    // Every set K of `keep` other `to` nodes, in lexicographic order of positions; the sinks are the rest.
    const chosen = new Int32Array(keep);
    for (let i = 0; i < keep; i++) chosen[i] = i;
    const isKept = new Uint8Array(others.length);
    const sinks: number[] = [];
    for (;;) {
      isKept.fill(0);
      for (let i = 0; i < keep; i++) isKept[chosen[i]] = 1;
      sinks.length = 0;
      for (let i = 0; i < others.length; i++) if (isKept[i] === 0) sinks.push(others[i]);
      consider(minElementCut(topology, elementWeight, f, sinks));
      let i = keep - 1;
      while (i >= 0 && chosen[i] === others.length - keep + i) i--;
      if (i < 0) break;
      chosen[i]++;
      for (let j = i + 1; j < keep; j++) chosen[j] = chosen[j - 1] + 1;
    }
  }
  best.elements.sort((a, b) => a - b);
  return best;
}
