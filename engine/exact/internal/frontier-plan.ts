// The processing schedule of the frontier dynamic program: a vertex order chosen to keep the frontier (vertices
// introduced but with links still to process) narrow, and per step the links to process and the slots to retire.

import type { CsrTopology } from '../../topology/csr-topology.ts';

/**
 * Step i introduces vertex `order[i]` into frontier slot `introSlot[i]` (appended at the end), then processes
 * links `stepLink[stepLinkStart[i] .. stepLinkStart[i + 1])` between frontier slots `linkSlotA`/`linkSlotB`, then
 * removes the slots `retireSlot[retireStart[i] .. retireStart[i + 1])` (descending, so removals do not shift the
 * slots still to remove).
 */
export interface FrontierPlan {
  readonly nodeCount: number;
  readonly order: Int32Array;
  /** Largest frontier size reached (after an introduction, before retirements). */
  readonly width: number;
  readonly introSlot: Int32Array;
  readonly stepLinkStart: Int32Array;
  readonly stepLink: Int32Array;
  readonly linkSlotA: Int32Array;
  readonly linkSlotB: Int32Array;
  readonly retireStart: Int32Array;
  readonly retireSlot: Int32Array;
}

/** Number of start vertices the greedy order tries on graphs with more than this many nodes. */
const MAX_ORDER_STARTS = 12;

/**
 * Builds the schedule from a greedy minimum-frontier vertex order, trying several start vertices and keeping the
 * narrowest (then the one with the smallest total frontier size).
 * @param preferredStarts vertices worth trying as starts on large graphs (e.g. the service's endpoints)
 */
export function buildFrontierPlan(topology: CsrTopology, preferredStarts: ArrayLike<number>): FrontierPlan {
  const n = topology.nodeCount;
  const starts: number[] = [];
  if (n <= 48) {
    for (let v = 0; v < n; v++) starts.push(v);
  } else {
    for (let i = 0; i < preferredStarts.length && starts.length < MAX_ORDER_STARTS / 2; i++) {
      starts.push(preferredStarts[i]);
    }
    const byDegree = Array.from({ length: n }, (_, v) => v).sort(
      (a, b) => degree(topology, a) - degree(topology, b) || a - b,
    );
    for (const v of byDegree) {
      if (starts.length >= MAX_ORDER_STARTS) break;
      if (!starts.includes(v)) starts.push(v);
    }
  }
  let best: Int32Array | null = null;
  let bestWidth = Infinity;
  let bestTotal = Infinity;
  for (const start of starts) {
    const { order, width, total } = orderGreedily(topology, start);
    if (width < bestWidth || (width === bestWidth && total < bestTotal)) {
      best = order;
      bestWidth = width;
      bestTotal = total;
    }
  }
  return scheduleOrder(topology, best ?? new Int32Array(0));
}

function degree(topology: CsrTopology, v: number): number {
  return topology.adjacencyStart[v + 1] - topology.adjacencyStart[v];
}

/**
 * Greedy order: repeatedly introduce the vertex (adjacent to the introduced set when possible) whose introduction
 * grows the frontier least, ties broken by most links to introduced vertices, then lowest index.
 */
function orderGreedily(topology: CsrTopology, start: number): { order: Int32Array; width: number; total: number } {
  const n = topology.nodeCount;
  const { adjacencyStart, adjacencyNode } = topology;
  const introduced = new Uint8Array(n);
  const pending = new Int32Array(n);
  const toIntroduced = new Int32Array(n);
  const multiplicity = new Int32Array(n);
  for (let v = 0; v < n; v++) pending[v] = degree(topology, v);
  const order = new Int32Array(n);
  let frontier = 0;
  let width = 0;
  let total = 0;
  for (let step = 0; step < n; step++) {
    let chosen = -1;
    if (step === 0) {
      chosen = start;
    } else {
      let bestScore = Infinity;
      let bestLinks = -1;
      for (let v = 0; v < n; v++) {
        if (introduced[v] || toIntroduced[v] === 0) continue;
        const score = scoreIntroduction(topology, v, introduced, pending, multiplicity);
        if (score < bestScore || (score === bestScore && toIntroduced[v] > bestLinks)) {
          bestScore = score;
          bestLinks = toIntroduced[v];
          chosen = v;
        }
      }
      if (chosen < 0) {
        // A new connected component: start it at its lowest-degree vertex.
        let bestDegree = Infinity;
        for (let v = 0; v < n; v++) {
          if (!introduced[v] && degree(topology, v) < bestDegree) {
            bestDegree = degree(topology, v);
            chosen = v;
          }
        }
      }
    }
    order[step] = chosen;
    introduced[chosen] = 1;
    frontier++;
    for (let h = adjacencyStart[chosen]; h < adjacencyStart[chosen + 1]; h++) {
      const u = adjacencyNode[h];
      if (introduced[u] && u !== chosen) {
        pending[u]--;
        pending[chosen]--;
        if (pending[u] === 0) frontier--;
      } else {
        toIntroduced[u]++;
      }
    }
    width = Math.max(width, frontier);
    if (pending[chosen] === 0) frontier--;
    total += frontier;
  }
  return { order, width, total };
}

function scoreIntroduction(
  topology: CsrTopology,
  v: number,
  introduced: Uint8Array,
  pending: Int32Array,
  multiplicity: Int32Array,
): number {
  const { adjacencyStart, adjacencyNode } = topology;
  let linksToIntroduced = 0;
  for (let h = adjacencyStart[v]; h < adjacencyStart[v + 1]; h++) {
    const u = adjacencyNode[h];
    if (introduced[u]) {
      multiplicity[u]++;
      linksToIntroduced++;
    }
  }
  let retired = 0;
  for (let h = adjacencyStart[v]; h < adjacencyStart[v + 1]; h++) {
    const u = adjacencyNode[h];
    if (multiplicity[u] > 0) {
      if (pending[u] === multiplicity[u]) retired++;
      multiplicity[u] = 0;
    }
  }
  const stays = degree(topology, v) > linksToIntroduced ? 1 : 0;
  return stays - retired;
}

function scheduleOrder(topology: CsrTopology, order: Int32Array): FrontierPlan {
  const n = topology.nodeCount;
  const { adjacencyStart, adjacencyNode, adjacencyEdge } = topology;
  const position = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) position[order[i]] = i;
  const pending = new Int32Array(n);
  for (let v = 0; v < n; v++) pending[v] = degree(topology, v);
  const introSlot = new Int32Array(n);
  const stepLinkStart = new Int32Array(n + 1);
  const stepLink: number[] = [];
  const linkSlotA: number[] = [];
  const linkSlotB: number[] = [];
  const retireStart = new Int32Array(n + 1);
  const retireSlot: number[] = [];
  const frontier: number[] = [];
  let width = 0;
  for (let i = 0; i < n; i++) {
    const v = order[i];
    introSlot[i] = frontier.length;
    frontier.push(v);
    width = Math.max(width, frontier.length);
    stepLinkStart[i] = stepLink.length;
    for (let h = adjacencyStart[v]; h < adjacencyStart[v + 1]; h++) {
      const u = adjacencyNode[h];
      if (position[u] >= i) continue;
      stepLink.push(adjacencyEdge[h]);
      linkSlotA.push(introSlot[i]);
      linkSlotB.push(frontier.indexOf(u));
      pending[u]--;
      pending[v]--;
    }
    retireStart[i] = retireSlot.length;
    for (let s = frontier.length - 1; s >= 0; s--) {
      if (pending[frontier[s]] === 0) {
        retireSlot.push(s);
        frontier.splice(s, 1);
      }
    }
  }
  stepLinkStart[n] = stepLink.length;
  retireStart[n] = retireSlot.length;
  return {
    nodeCount: n,
    order,
    width,
    introSlot,
    stepLinkStart,
    stepLink: Int32Array.from(stepLink),
    linkSlotA: Int32Array.from(linkSlotA),
    linkSlotB: Int32Array.from(linkSlotB),
    retireStart,
    retireSlot: Int32Array.from(retireSlot),
  };
}
