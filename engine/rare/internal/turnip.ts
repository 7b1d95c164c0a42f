// One permutation of Lomonosov's turnip (Elperin, Gertsbakh and Lomonosov 1991, "Estimation of network
// reliability using graph evolution models", IEEE Trans. Reliability 40(5); Gertsbakh and Shpungin 2010, ch. 7):
// the creation process over nodes and links, returning the exact unavailability given the birth order.

import { findRoot } from '../../evaluation/union-find.ts';
import type { CompiledService } from '../../model.ts';
import { serviceKindOf } from '../../services/service-kinds.ts';
import type { CsrTopology } from '../../topology/csr-topology.ts';
import { computeHypoexponentialSurvival } from '../hypoexponential-survival.ts';
import type { PmcScratch } from '../pmc-scratch.ts';

/** Node role bits of `TurnipService.nodeRole`: a `from` / `to` node of the service's reach criterion. */
export const ROLE_FROM = 2;
export const ROLE_TO = 4;

/**
 * A service as the turnip reads it: its kind's reach criterion (engine/services), "every `from` node is up and
 * reaches at least k up `to` nodes" (a connected service: from = to = terminals, k = terminal count).
 */
export interface TurnipService {
  readonly topology: CsrTopology;
  /** ROLE_* bits per node. */
  readonly nodeRole: Uint8Array;
  /** Number of `from` nodes. 0: always up. */
  readonly requiredCount: number;
  readonly k: number;
}

/** Compiles a service into per-node role bits and counts. */
export function createTurnipService(topology: CsrTopology, service: CompiledService): TurnipService {
  const { from, to, k } = serviceKindOf(service).toReachCriterion(service);
  const nodeRole = new Uint8Array(topology.nodeCount);
  for (const v of from) nodeRole[v] |= ROLE_FROM;
  for (const v of to) nodeRole[v] |= ROLE_TO;
  return { topology, nodeRole, requiredCount: from.length, k };
}

/**
 * Runs one permutation. Element e (nodes, then links) is born (repaired) at time `-ln(1 - U_e) / rate[e]` with
 * `U_e = uniforms[offset + e]`, so it is up at time 1 with probability `1 - e^{-rate}`; rate Infinity: born at
 * time 0; rate 0: never born. Elements are born in time order; an element is dropped from the rate sum as soon as
 * its birth can no longer change the service (a link whose ends are born and already connected: the turnip), which
 * conditions on less and lowers the variance. Given the order of the r relevant births up to the first time the
 * service is up, the sojourn times are independent `Exp(Λ_i)` with `Λ_i` the rate sum of the relevant unborn
 * elements, so `P(down at time 1 | order) = P(Σ_{i<r} S_i > 1)` (a hypoexponential tail).
 * @returns the conditional unavailability in [0, 1]
 */
export function runTurnip(
  service: TurnipService,
  scratch: PmcScratch,
  rate: Float64Array,
  uniforms: Float64Array,
  offset: number,
): number {
  const { topology, nodeRole } = service;
  const n = topology.nodeCount;
  const m = scratch.elementCount;
  const { adjacencyStart, adjacencyEdge, linkSource, linkTarget } = topology;
  const { born, relevant, birthTime, heap, parent, componentSize, memberNext, memberTail } = scratch;
  const { componentCount, componentFrom } = scratch;
  born.fill(0);
  relevant.fill(0);
  for (let v = 0; v < n; v++) {
    parent[v] = v;
    componentSize[v] = 1;
    memberNext[v] = -1;
    memberTail[v] = v;
    componentCount[v] = 0;
    componentFrom[v] = 0;
  }
  scratch.unsatisfied = service.requiredCount;
  scratch.isUp = false;
  scratch.activeRate = rate;
  if (service.requiredCount === 0) return 0;

  // Relevance: a link matters while both its ends can still be born; a node if the service names it or it has such
  // a link. A `from` node that is never born keeps the service down.
  for (let v = 0; v < n; v++) {
    if (rate[v] === 0 && (nodeRole[v] & ROLE_FROM) !== 0) return 1;
  }
  for (let j = 0; j < topology.linkCount; j++) {
    if (rate[n + j] > 0 && rate[linkSource[j]] > 0 && rate[linkTarget[j]] > 0) relevant[n + j] = 1;
  }
  for (let v = 0; v < n; v++) {
    if (rate[v] === 0) continue;
    let matters = nodeRole[v] !== 0;
    for (let h = adjacencyStart[v]; !matters && h < adjacencyStart[v + 1]; h++) {
      matters = relevant[n + adjacencyEdge[h]] === 1;
    }
    if (matters) relevant[v] = 1;
  }

  // Perfect elements are born at time 0, before the clock starts.
  for (let e = 0; e < m; e++) {
    if (relevant[e] === 1 && rate[e] === Infinity) {
      relevant[e] = 0;
      giveBirth(service, scratch, e);
    }
  }
  if (scratch.isUp) return 0;

  let heapSize = 0;
  let rateSum = 0;
  let relevantCount = 0;
  for (let e = 0; e < m; e++) {
    if (relevant[e] === 0) continue;
    const r = rate[e];
    rateSum += r;
    relevantCount++;
    birthTime[e] = -Math.log1p(-uniforms[offset + e]) / r;
    heap[heapSize++] = e;
  }
  for (let i = (heapSize >> 1) - 1; i >= 0; i--) siftDown(heap, birthTime, heapSize, i);
  scratch.rateSum = rateSum;
  scratch.removedSum = 0;
  scratch.relevantCount = relevantCount;

  const { stepRate, stepRemoved } = scratch;
  let steps = 0;
  while (scratch.relevantCount > 0 && heapSize > 0) {
    const e = heap[0];
    heap[0] = heap[--heapSize];
    siftDown(heap, birthTime, heapSize, 0);
    if (relevant[e] === 0) continue;
    stepRate[steps] = scratch.rateSum;
    stepRemoved[steps] = scratch.removedSum;
    steps++;
    retire(scratch, e);
    giveBirth(service, scratch, e);
    if (scratch.isUp) return computeHypoexponentialSurvival(stepRate, stepRemoved, steps, scratch.survivalWork);
  }
  return 1;
}

/** Drops an unborn element from the rate sum (it is born now, or can no longer matter). */
function retire(scratch: PmcScratch, e: number): void {
  const r = scratch.activeRate[e];
  scratch.relevant[e] = 0;
  scratch.rateSum -= r;
  scratch.removedSum += r;
  scratch.relevantCount--;
}

function giveBirth(service: TurnipService, scratch: PmcScratch, e: number): void {
  const topology = service.topology;
  const n = topology.nodeCount;
  const born = scratch.born;
  born[e] = 1;
  if (e >= n) {
    const j = e - n;
    const a = topology.linkSource[j];
    const b = topology.linkTarget[j];
    if (born[a] === 1 && born[b] === 1) unite(service, scratch, a, b);
    return;
  }
  const v = e;
  const role = service.nodeRole[v];
  scratch.componentCount[v] = (role & ROLE_TO) !== 0 ? 1 : 0;
  if ((role & ROLE_FROM) !== 0) {
    scratch.componentFrom[v] = 1;
    if (scratch.componentCount[v] >= service.k) scratch.unsatisfied--;
  }
  if (scratch.unsatisfied === 0) scratch.isUp = true;
  const { adjacencyStart, adjacencyEdge, adjacencyNode } = topology;
  for (let h = adjacencyStart[v]; h < adjacencyStart[v + 1]; h++) {
    const w = adjacencyNode[h];
    if (born[n + adjacencyEdge[h]] === 1 && born[w] === 1) unite(service, scratch, v, w);
  }
  for (let h = adjacencyStart[v]; h < adjacencyStart[v + 1]; h++) pruneNode(service, scratch, adjacencyNode[h]);
}

/**
 * Drops an unborn node the service does not name once every neighbour it could link to is born and in one
 * component: its birth could then only attach it to that component, so it and its links no longer matter.
 */
function pruneNode(service: TurnipService, scratch: PmcScratch, v: number): void {
  const { relevant, born, parent, activeRate } = scratch;
  if (relevant[v] === 0 || born[v] === 1 || service.nodeRole[v] !== 0) return;
  const topology = service.topology;
  const n = topology.nodeCount;
  const { adjacencyStart, adjacencyEdge, adjacencyNode } = topology;
  let root = -1;
  for (let h = adjacencyStart[v]; h < adjacencyStart[v + 1]; h++) {
    const w = adjacencyNode[h];
    if (activeRate[n + adjacencyEdge[h]] === 0 || activeRate[w] === 0) continue;
    if (born[w] === 0) return;
    const r = findRoot(parent, w);
    if (root < 0) root = r;
    else if (r !== root) return;
  }
  retire(scratch, v);
  for (let h = adjacencyStart[v]; h < adjacencyStart[v + 1]; h++) {
    const link = n + adjacencyEdge[h];
    if (relevant[link] === 1) retire(scratch, link);
  }
}

function unite(service: TurnipService, scratch: PmcScratch, a: number, b: number): void {
  const { parent, componentSize, memberNext, memberTail, componentCount, componentFrom, relevant, born } = scratch;
  let ra = findRoot(parent, a);
  let rb = findRoot(parent, b);
  if (ra === rb) return;
  if (componentSize[ra] < componentSize[rb]) {
    const t = ra;
    ra = rb;
    rb = t;
  }
  parent[rb] = ra;
  componentSize[ra] += componentSize[rb];
  memberNext[memberTail[ra]] = rb;
  memberTail[ra] = memberTail[rb];
  // Links between the two components become internal: their births can no longer matter (the turnip's pruning).
  // They all touch a member of rb, whose list still starts at rb. The scan also revisits the unborn neighbours
  // of rb, which may now have all their neighbours in one component.
  const topology = service.topology;
  const n = topology.nodeCount;
  const { adjacencyStart, adjacencyEdge, adjacencyNode } = topology;
  for (let x = rb; x !== -1; x = memberNext[x]) {
    for (let h = adjacencyStart[x]; h < adjacencyStart[x + 1]; h++) {
      const y = adjacencyNode[h];
      if (born[y] === 0) {
        pruneNode(service, scratch, y);
        continue;
      }
      const link = n + adjacencyEdge[h];
      if (relevant[link] === 1 && findRoot(parent, y) === ra) retire(scratch, link);
    }
  }
  // `unsatisfied` counts the unborn `from` nodes and those in components with fewer than k `to` nodes.
  const k = service.k;
  const before = (componentCount[ra] < k ? componentFrom[ra] : 0) + (componentCount[rb] < k ? componentFrom[rb] : 0);
  componentCount[ra] += componentCount[rb];
  componentFrom[ra] += componentFrom[rb];
  const after = componentCount[ra] < k ? componentFrom[ra] : 0;
  scratch.unsatisfied += after - before;
  if (scratch.unsatisfied === 0) scratch.isUp = true;
}

function siftDown(heap: Int32Array, key: Float64Array, size: number, start: number): void {
  let i = start;
  const item = heap[i];
  const itemKey = key[item];
  for (;;) {
    let child = 2 * i + 1;
    if (child >= size) break;
    if (child + 1 < size && key[heap[child + 1]] < key[heap[child]]) child++;
    if (key[heap[child]] >= itemKey) break;
    heap[i] = heap[child];
    i = child;
  }
  heap[i] = item;
}
