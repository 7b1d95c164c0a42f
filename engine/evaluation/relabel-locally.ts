// Local relabelling: derives a scenario's component labels from the base state's labels with a few small
// searches around the failed elements, instead of labelling the whole network again. Gives up (and the caller
// labels the network with union-find) when a search cannot decide within its budget.
//
// Why it is exact. Let G0 be the base surviving graph and G1 = G0 minus the failed set X. Group the failed
// nodes into clusters (connected through G0 links); a cluster's attachments are its G1-surviving neighbours,
// and a failed link between surviving nodes is a cluster of its own with its two ends as attachments. A bounded
// breadth-first search in G1 from an attachment either (a) reaches its targets, (b) runs out of nodes first: it
// has enumerated a complete, small G1 component, which gets a label of its own ("split"), or (c) hits the budget.
// Each cluster must end with its attachments outside split components ("main") all G1-connected (through one
// anchor: the first attachment found in a large part), and every split component touched by at most one
// cluster. Then two main nodes u, w that are G0-connected are G1-connected: follow a G0 path from u to w; it
// alternates G1 segments and failed stretches, each stretch crossing one cluster from one attachment to
// another. A stretch from a main segment either lands in a main segment of the same cluster's attachments
// (connected), or in a split component, which the path can only leave through a cluster touching it, i.e. the
// same cluster, so it eventually lands in that cluster's main attachments again. So consecutive main segments
// are G1-connected, and two main nodes are G1-connected exactly when they share a base label; a node of a split
// component is connected to exactly that component.
// Only simple paths between service endpoints matter, and those contain relevant elements only (see
// service-structure.ts); so only relevant failures need checking and only relevant nodes need to be attachments.
// Failed bridges of G0 need no search: G0 minus them splits along DFS subtrees (a node belongs to the subtree
// of the deepest failed bridge above it), so the argument runs with that graph, labelled exactly, as G0.

import type { CsrTopology } from '../topology/csr-topology.ts';
import type { BaseForest } from './service-structure.ts';

/** Offsets into {@link RelabelScratch.state}. */
const STATE_SEARCH_STAMP = 0;
const STATE_SCENARIO_STAMP = 1;
const STATE_SEARCH_SIZE = 2;
const STATE_RELABELED = 3;
const STATE_CUTS = 4;
const STAMP_LIMIT = 0x3fffffff;

/** Buffers of the local relabelling, allocated once per topology. */
export interface RelabelScratch {
  /** Per node: search stamp of the last search that visited it. */
  readonly visited: Int32Array;
  /** Per node: search stamp of the last search that wants to reach it. */
  readonly wanted: Int32Array;
  /** Per node: scenario stamp of the last scenario that put it in a cluster. */
  readonly clustered: Int32Array;
  /** Per node: scenario stamp of the last scenario that gave it a small-component label. */
  readonly split: Int32Array;
  /** Per node with a current `split` stamp: the cluster (numbered per scenario from 1) that split it off. */
  readonly splitOwner: Int32Array;
  readonly queue: Int32Array;
  readonly cluster: Int32Array;
  readonly attachments: Int32Array;
  /** Per attachment: 1 once joined to the cluster's anchor or found in a small component. */
  readonly decided: Uint8Array;
  /** Lower ends (DFS children) of the scenario's failed bridges, `state[STATE_CUTS]` of them. */
  readonly cutChild: Int32Array;
  /** Every attachment of the scenario and its cluster, for the final check that split components have one owner. */
  readonly touchedNode: Int32Array;
  readonly touchedCluster: Int32Array;
  /** Nodes whose label was changed, `state[STATE_RELABELED]` of them. */
  readonly relabeled: Int32Array;
  /** Search stamp, scenario stamp, size of the last exhausted search, relabeled count, failed bridge count. */
  readonly state: Int32Array;
}

/** Allocates local-relabelling buffers for a topology. */
export function createRelabelScratch(topology: CsrTopology): RelabelScratch {
  const n = topology.nodeCount;
  return {
    visited: new Int32Array(n),
    wanted: new Int32Array(n),
    clustered: new Int32Array(n),
    split: new Int32Array(n),
    splitOwner: new Int32Array(n),
    queue: new Int32Array(n),
    cluster: new Int32Array(n),
    attachments: new Int32Array(2 * topology.linkCount + 2),
    decided: new Uint8Array(2 * topology.linkCount + 2),
    touchedNode: new Int32Array(4 * topology.linkCount + 4),
    touchedCluster: new Int32Array(4 * topology.linkCount + 4),
    // A node can be relabelled twice per scenario: once below a failed bridge, once in a split component.
    relabeled: new Int32Array(2 * n),
    cutChild: new Int32Array(topology.linkCount),
    state: new Int32Array(5),
  };
}

function nextSearchStamp(scratch: RelabelScratch): number {
  let s = scratch.state[STATE_SEARCH_STAMP] + 1;
  if (s >= STAMP_LIMIT) {
    scratch.visited.fill(0);
    scratch.wanted.fill(0);
    s = 1;
  }
  scratch.state[STATE_SEARCH_STAMP] = s;
  return s;
}

function nextScenarioStamp(scratch: RelabelScratch): number {
  let s = scratch.state[STATE_SCENARIO_STAMP] + 1;
  if (s >= STAMP_LIMIT) {
    scratch.clustered.fill(0);
    scratch.split.fill(0);
    s = 1;
  }
  scratch.state[STATE_SCENARIO_STAMP] = s;
  return s;
}

const SEARCH_FOUND = 0;
const SEARCH_EXHAUSTED = 1;
const SEARCH_BUDGET = 2;

/**
 * Breadth-first search in G1 from `start` until every node with `wanted === stamp` (`targets` of them) is found,
 * the component is exhausted (its nodes are then `queue[0..state[STATE_SEARCH_SIZE])`), or `budget` nodes were
 * visited.
 */
function search(
  topology: CsrTopology,
  down: Uint8Array,
  scratch: RelabelScratch,
  start: number,
  stamp: number,
  targets: number,
  budget: number,
): number {
  const nodeCount = topology.nodeCount;
  const adjacencyStart = topology.adjacencyStart;
  const adjacencyNode = topology.adjacencyNode;
  const adjacencyEdge = topology.adjacencyEdge;
  const visited = scratch.visited;
  const wanted = scratch.wanted;
  const queue = scratch.queue;
  let remaining = targets;
  let head = 0;
  let tail = 0;
  queue[tail++] = start;
  visited[start] = stamp;
  while (head < tail) {
    const v = queue[head++];
    for (let h = adjacencyStart[v]; h < adjacencyStart[v + 1]; h++) {
      const w = adjacencyNode[h];
      if (visited[w] === stamp || down[w] === 1 || down[nodeCount + adjacencyEdge[h]] === 1) continue;
      visited[w] = stamp;
      if (wanted[w] === stamp && --remaining === 0) return SEARCH_FOUND;
      if (tail >= budget) return SEARCH_BUDGET;
      queue[tail++] = w;
    }
  }
  scratch.state[STATE_SEARCH_SIZE] = tail;
  return SEARCH_EXHAUSTED;
}

/**
 * Decides one cluster's attachments `attachments[0..count)` (see the file header), labelling small components.
 * @param cluster the cluster's number in this scenario (>= 1)
 * @returns false when not decided within the budget, or when a split component is touched by another cluster
 */
function decideAttachments(
  topology: CsrTopology,
  down: Uint8Array,
  scratch: RelabelScratch,
  count: number,
  budget: number,
  labels: Int32Array,
  cluster: number,
): boolean {
  const attachments = scratch.attachments;
  const decided = scratch.decided;
  const split = scratch.split;
  const splitOwner = scratch.splitOwner;
  const wanted = scratch.wanted;
  const visited = scratch.visited;
  const scenarioStamp = scratch.state[STATE_SCENARIO_STAMP];
  for (let i = 0; i < count; i++) {
    const w = attachments[i];
    if (split[w] === scenarioStamp) {
      if (splitOwner[w] !== cluster) return false;
      decided[i] = 1;
    } else {
      decided[i] = 0;
    }
  }
  let anchor = -1;
  for (let i = 0; i < count; i++) {
    if (decided[i] === 1) continue;
    const start = attachments[i];
    decided[i] = 1;
    const stamp = nextSearchStamp(scratch);
    let targets = 0;
    for (let t = 0; t < count; t++) {
      const w = attachments[t];
      if (decided[t] === 0 && w !== start && wanted[w] !== stamp) {
        wanted[w] = stamp;
        targets++;
      }
    }
    if (anchor >= 0 && wanted[anchor] !== stamp) {
      wanted[anchor] = stamp;
      targets++;
    }
    const outcome = targets === 0 ? SEARCH_FOUND : search(topology, down, scratch, start, stamp, targets, budget);
    if (outcome === SEARCH_EXHAUSTED) {
      // A complete small component: its own label (in [N, 2N): no base or subtree label collides).
      const size = scratch.state[STATE_SEARCH_SIZE];
      const label = topology.nodeCount + start;
      const queue = scratch.queue;
      let relabeled = scratch.state[STATE_RELABELED];
      for (let q = 0; q < size; q++) {
        const v = queue[q];
        split[v] = scenarioStamp;
        splitOwner[v] = cluster;
        labels[v] = label;
        scratch.relabeled[relabeled++] = v;
      }
      scratch.state[STATE_RELABELED] = relabeled;
      for (let t = 0; t < count; t++) if (split[attachments[t]] === scenarioStamp) decided[t] = 1;
      continue;
    }
    if (outcome === SEARCH_BUDGET && anchor >= 0) return false;
    // Found (start reaches every target, the anchor included) or budget without an anchor (start becomes it):
    // start and every attachment it reached are connected to the anchor.
    if (anchor < 0) anchor = start;
    for (let t = 0; t < count; t++) {
      if (decided[t] === 0 && (outcome === SEARCH_FOUND || visited[attachments[t]] === stamp)) decided[t] = 1;
    }
  }
  return true;
}

function recordTouches(scratch: RelabelScratch, count: number, cluster: number, touched: number): number {
  for (let i = 0; i < count; i++) {
    scratch.touchedNode[touched] = scratch.attachments[i];
    scratch.touchedCluster[touched++] = cluster;
  }
  return touched;
}

/**
 * Label of node v in G0 minus the scenario's failed bridges: the deepest failed bridge's lower end above v,
 * offset to [2N, 3N), or v's base label when no failed bridge lies above it.
 */
function cutLabel(
  forest: BaseForest,
  scratch: RelabelScratch,
  nodeCount: number,
  v: number,
  baseLabel: number,
): number {
  const discovery = forest.discovery;
  const at = discovery[v];
  let best = -1;
  for (let i = 0; i < scratch.state[STATE_CUTS]; i++) {
    const c = scratch.cutChild[i];
    if (discovery[c] <= at && at < forest.subtreeEnd[c] && (best < 0 || discovery[c] > discovery[best])) best = c;
  }
  return best < 0 ? baseLabel : 2 * nodeCount + best;
}

/**
 * Derives the scenario's labels from the base labels (see the file header). On success `labels` holds valid
 * component labels for every node in `endpoints` (other nodes may hold stale labels); restore the base labels
 * with {@link restoreLabels} after use. On failure `labels` is restored already.
 * @param topology the network
 * @param forest the base graph's DFS forest and bridges (describeBaseForest)
 * @param baseDown 1 for elements down in the base state G0
 * @param down 1 for elements down in the scenario (base plus failures)
 * @param failed the scenario's failed elements (none base-down), `failedCount` of them
 * @param checked per entry of `failed`: 1 when that failure must be covered
 * @param relevantNode per node: 1 when it is relevant to some service being evaluated
 * @param endpoints the nodes whose labels the caller reads (service endpoints)
 * @param labels base component labels on entry (roots, each < nodeCount); scenario labels on success
 * @param baseLabels the base labels (read-only), for restoring
 * @param budget maximum nodes visited per search (>= 2)
 * @returns true when decided
 */
export function relabelLocally(
  topology: CsrTopology,
  forest: BaseForest,
  baseDown: Uint8Array,
  down: Uint8Array,
  failed: Uint32Array,
  failedCount: number,
  checked: Uint8Array,
  relevantNode: Uint8Array,
  endpoints: Uint32Array,
  labels: Int32Array,
  baseLabels: Int32Array,
  scratch: RelabelScratch,
  budget: number,
): boolean {
  const nodeCount = topology.nodeCount;
  const adjacencyStart = topology.adjacencyStart;
  const adjacencyNode = topology.adjacencyNode;
  const adjacencyEdge = topology.adjacencyEdge;
  const bridgeChild = forest.bridgeChild;
  const attachments = scratch.attachments;
  const clustered = scratch.clustered;
  const cluster = scratch.cluster;
  const scenarioStamp = nextScenarioStamp(scratch);
  scratch.state[STATE_RELABELED] = 0;
  // Failed bridges (checked or not) are removed from G0 exactly; their ends need no search.
  let cuts = 0;
  for (let i = 0; i < failedCount; i++) {
    const x = failed[i];
    if (x >= nodeCount && bridgeChild[x - nodeCount] >= 0) scratch.cutChild[cuts++] = bridgeChild[x - nodeCount];
  }
  scratch.state[STATE_CUTS] = cuts;
  if (cuts > 0) {
    let relabeled = 0;
    for (let i = 0; i < endpoints.length; i++) {
      const v = endpoints[i];
      if (baseDown[v] === 1) continue;
      const label = cutLabel(forest, scratch, nodeCount, v, baseLabels[v]);
      if (label !== labels[v]) {
        labels[v] = label;
        scratch.relabeled[relabeled++] = v;
      }
    }
    scratch.state[STATE_RELABELED] = relabeled;
  }
  let decided = true;
  let clusterCount = 0;
  let touched = 0;
  for (let i = 0; i < failedCount && decided; i++) {
    if (checked[i] === 0) continue;
    const x = failed[i];
    let seed: number;
    if (x >= nodeCount) {
      const j = x - nodeCount;
      if (bridgeChild[j] >= 0) continue;
      const a = topology.linkSource[j];
      const b = topology.linkTarget[j];
      if (baseDown[a] === 1 || baseDown[b] === 1) continue;
      if (down[a] === 1) seed = a;
      else if (down[b] === 1) seed = b;
      else {
        attachments[0] = a;
        attachments[1] = b;
        clusterCount++;
        touched = recordTouches(scratch, 2, clusterCount, touched);
        decided = decideAttachments(topology, down, scratch, 2, budget, labels, clusterCount);
        continue;
      }
    } else {
      seed = x;
    }
    if (clustered[seed] === scenarioStamp) continue;
    // Grow the cluster of failed nodes around the seed (through links of G0 minus its failed bridges) and
    // collect its relevant attachments.
    let size = 0;
    let attachmentCount = 0;
    cluster[size++] = seed;
    clustered[seed] = scenarioStamp;
    for (let c = 0; c < size; c++) {
      const v = cluster[c];
      for (let h = adjacencyStart[v]; h < adjacencyStart[v + 1]; h++) {
        const w = adjacencyNode[h];
        const j = adjacencyEdge[h];
        if (baseDown[w] === 1 || baseDown[nodeCount + j] === 1) continue;
        if (bridgeChild[j] >= 0 && down[nodeCount + j] === 1) continue;
        if (down[w] === 1) {
          if (clustered[w] !== scenarioStamp) {
            clustered[w] = scenarioStamp;
            cluster[size++] = w;
          }
        } else if (relevantNode[w] === 1) {
          attachments[attachmentCount++] = w;
        }
      }
    }
    if (attachmentCount > 0) {
      clusterCount++;
      touched = recordTouches(scratch, attachmentCount, clusterCount, touched);
      decided = decideAttachments(topology, down, scratch, attachmentCount, budget, labels, clusterCount);
    }
  }
  // A cluster may have counted an attachment as main before a later cluster split its component off.
  for (let k = 0; k < touched && decided; k++) {
    const w = scratch.touchedNode[k];
    if (scratch.split[w] === scenarioStamp && scratch.splitOwner[w] !== scratch.touchedCluster[k]) decided = false;
  }
  if (!decided) restoreLabels(labels, baseLabels, scratch);
  return decided;
}

/** Restores the labels changed by the last {@link relabelLocally}. */
export function restoreLabels(labels: Int32Array, baseLabels: Int32Array, scratch: RelabelScratch): void {
  const relabeled = scratch.relabeled;
  const count = scratch.state[STATE_RELABELED];
  for (let i = 0; i < count; i++) labels[relabeled[i]] = baseLabels[relabeled[i]];
  scratch.state[STATE_RELABELED] = 0;
}
