// Bit-parallel reachability for dense failure regimes: 32 samples at once, one Int32 word per element whose bit j
// says "down in sample j". Reach words propagate over one service's relevant part (service-structure.ts) until a
// fixpoint, and the service's up and served states of all 32 samples come out as words and popcounts.
//
//   relevant part ──compileBitParallelService──> local CSR ──per block: propagate reach words from each source──>
//   targets reached, at least k ──> up word, served count

import type { CompiledModel } from '../model.ts';
import type { BitParallelForm } from '../services/service-kind.ts';
import type { ServiceStructure } from './service-structure.ts';

/** Samples evaluated together: the bits of one Int32 word. */
export const BLOCK_SAMPLES = 32;

/**
 * One service's relevant part as the bit-parallel evaluator reads it: a local CSR over its relevant nodes (local
 * indices 0..nodeCount-1) whose half-edges keep the global element index of the link and of the far node, so a
 * block's down words (indexed by element) are read directly.
 */
export interface BitParallelService {
  /** Local nodes. */
  readonly nodeCount: number;
  /** Global node index (= element index) per local node. */
  readonly globalNode: Uint32Array;
  /** Half-edges of local node v: adjacencyStart[v] (included) to adjacencyStart[v + 1] (excluded). */
  readonly adjacencyStart: Uint32Array;
  /** Local index of the far node of each half-edge. */
  readonly adjacencyLocal: Uint32Array;
  /** Element index of the far node of each half-edge (a node's element index is its node index). */
  readonly adjacencyNodeElement: Uint32Array;
  /** Element index of the link of each half-edge (nodeCount + link index). */
  readonly adjacencyLinkElement: Uint32Array;
  /** Local index of each source entry, or -1 when the node is not in the relevant part (then never served). */
  readonly sources: Int32Array;
  /** Local index of each target entry, or -1 (never reached). */
  readonly targets: Int32Array;
  readonly k: number;
  /** See BitParallelForm.served: true for 'per-source', false for 'largest-group'. */
  readonly servedPerSource: boolean;
  /** Local nodes in breadth-first order from the first source (then the others): the sweep order of small parts. */
  readonly order: Uint32Array;
}

/**
 * Parts of at most this many nodes propagate by sweeps over all nodes in breadth-first order; larger ones by a work
 * list. On the dodecahedron (20 nodes) sweeps evaluate blocks 2x faster (less bookkeeping per half-edge); on the
 * generated backbones' parts (22 to 785 nodes, long chains) the work list was 7-12x faster end to end.
 */
export const SWEEP_NODES = 32;

/** Work space of the evaluator, sized for the largest service of a model; allocate once and reuse. */
export interface BitParallelScratch {
  /** Reach word per local node. */
  readonly reach: Int32Array;
  /** FIFO ring of local nodes whose reach word grew, and their in-queue flags. */
  readonly queue: Int32Array;
  readonly queued: Uint8Array;
  /** atLeast[c]: samples in which at least c targets are reached (c = 0..k). */
  readonly atLeast: Int32Array;
  /** [0]: served endpoints in the last block (per-source services only). */
  readonly servedTotal: Float64Array;
  /** Per source entry: samples in which an earlier source reached it, and the served bits it takes from there. */
  readonly coveredWord: Int32Array;
  readonly coveredServed: Int32Array;
  /** Per sample: the largest group found so far ('largest-group' services). */
  readonly best: Int32Array;
}

/**
 * Compiles one service for the bit-parallel evaluator over its relevant part under a base state. Links are kept
 * only when they, and both their end nodes, are up in the base state and relevant; the base state's failures are
 * thus applied once here, and a block's words carry only the random failures on top of it.
 * @param structure the service's structure under the base state (relevant links and nodes)
 * @param form the service as its kind declares it for this evaluator
 * @param baseDown 1 for elements down in the service's base state (the scenario's certain failures, plus a targeted
 *   attack's elements for this service)
 */
export function compileBitParallelService(
  model: CompiledModel,
  structure: ServiceStructure,
  form: BitParallelForm,
  baseDown: Uint8Array,
): BitParallelService {
  const topology = model.topology;
  const n = topology.nodeCount;
  const local = new Int32Array(n).fill(-1);
  const globalNode: number[] = [];
  for (let i = 0; i < structure.relevantNodes.length; i++) {
    const v = structure.relevantNodes[i];
    if (baseDown[v] === 1 || local[v] !== -1) continue;
    local[v] = globalNode.length;
    globalNode.push(v);
  }
  const links: number[] = [];
  for (let i = 0; i < structure.relevantLinks.length; i++) {
    const j = structure.relevantLinks[i];
    const a = topology.linkSource[j];
    const b = topology.linkTarget[j];
    if (baseDown[n + j] === 1 || local[a] === -1 || local[b] === -1) continue;
    links.push(j);
  }
  const nodeCount = globalNode.length;
  const adjacencyStart = new Uint32Array(nodeCount + 1);
  for (const j of links) {
    adjacencyStart[local[topology.linkSource[j]] + 1]++;
    adjacencyStart[local[topology.linkTarget[j]] + 1]++;
  }
  for (let v = 0; v < nodeCount; v++) adjacencyStart[v + 1] += adjacencyStart[v];
  const cursor = adjacencyStart.slice(0, nodeCount);
  const adjacencyLocal = new Uint32Array(2 * links.length);
  const adjacencyNodeElement = new Uint32Array(2 * links.length);
  const adjacencyLinkElement = new Uint32Array(2 * links.length);
  for (const j of links) {
    const a = topology.linkSource[j];
    const b = topology.linkTarget[j];
    const ha = cursor[local[a]]++;
    adjacencyLocal[ha] = local[b];
    adjacencyNodeElement[ha] = b;
    adjacencyLinkElement[ha] = n + j;
    const hb = cursor[local[b]]++;
    adjacencyLocal[hb] = local[a];
    adjacencyNodeElement[hb] = a;
    adjacencyLinkElement[hb] = n + j;
  }
  const toLocal = (nodes: Uint32Array): Int32Array => Int32Array.from(nodes, (v) => (v < n ? local[v] : -1));
  return {
    nodeCount,
    globalNode: Uint32Array.from(globalNode),
    adjacencyStart,
    adjacencyLocal,
    adjacencyNodeElement,
    adjacencyLinkElement,
    sources: toLocal(form.sources),
    targets: toLocal(form.targets),
    k: form.k,
    servedPerSource: form.served === 'per-source',
    order: breadthFirstOrder(
      nodeCount,
      adjacencyStart,
      adjacencyLocal,
      form.sources.length > 0 ? local[form.sources[0]] : -1,
    ),
  };
}

/** Local nodes in breadth-first order from `source` (-1: none), then from each node not reached yet. */
function breadthFirstOrder(nodeCount: number, start: Uint32Array, far: Uint32Array, source: number): Uint32Array {
  const order = new Uint32Array(nodeCount);
  const seen = new Uint8Array(nodeCount);
  let length = 0;
  for (let root = -1; root < nodeCount; root++) {
    const r = root < 0 ? source : root;
    if (r < 0 || seen[r] === 1) continue;
    seen[r] = 1;
    order[length++] = r;
    for (let head = length - 1; head < length; head++) {
      const u = order[head];
      for (let h = start[u]; h < start[u + 1]; h++) {
        if (seen[far[h]] === 0) {
          seen[far[h]] = 1;
          order[length++] = far[h];
        }
      }
    }
  }
  return order;
}

/**
 * Allocates the evaluator's scratch for services of at most `maxNodes` local nodes, `maxK` required targets and
 * `maxSources` source entries.
 */
export function createBitParallelScratch(maxNodes: number, maxK: number, maxSources: number): BitParallelScratch {
  return {
    reach: new Int32Array(maxNodes),
    queue: new Int32Array(maxNodes),
    queued: new Uint8Array(maxNodes),
    atLeast: new Int32Array(maxK + 1),
    servedTotal: new Float64Array(1),
    coveredWord: new Int32Array(maxSources),
    coveredServed: new Int32Array(maxSources),
    best: new Int32Array(BLOCK_SAMPLES),
  };
}

/**
 * Number of set bits of a 32-bit word (the SWAR population count, Warren, "Hacker's Delight", 2nd ed., 5-1).
 * @param x any integer; its low 32 bits are counted
 */
export function countBits(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * Fills `scratch.reach` with the samples in which each local node is up and connected to local node `source` over
 * surviving links (a link survives when it and both its end nodes are up): by sweeps for small parts, else by a
 * work list (see SWEEP_NODES). Only the samples of `samples` are propagated (the others stay 0).
 * @param down down word per element (bit j: down in sample j)
 */
function propagateReach(
  part: BitParallelService,
  down: Int32Array,
  source: number,
  samples: number,
  scratch: BitParallelScratch,
): void {
  if (part.nodeCount <= SWEEP_NODES) sweepReach(part, down, source, samples, scratch);
  else spreadReach(part, down, source, samples, scratch);
}

/**
 * Label propagation to a fixpoint by sweeps: each node, in breadth-first order, pulls
 * `reach[u] & ~down(link)` from its neighbours, masked by its own up word, until a sweep changes nothing. Words only
 * grow, so this ends; one sweep settles every sample whose surviving paths run outward in that order.
 */
function sweepReach(
  part: BitParallelService,
  down: Int32Array,
  source: number,
  samples: number,
  scratch: BitParallelScratch,
): void {
  const reach = scratch.reach;
  const size = part.nodeCount;
  const start = part.adjacencyStart;
  const far = part.adjacencyLocal;
  const linkElement = part.adjacencyLinkElement;
  const globalNode = part.globalNode;
  const order = part.order;
  reach.fill(0, 0, size);
  const seed = ~down[globalNode[source]] & samples;
  if (seed === 0) return;
  reach[source] = seed;
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < size; i++) {
      const v = order[i];
      const old = reach[v];
      if (old === -1) continue;
      let pulled = old;
      for (let h = start[v]; h < start[v + 1]; h++) pulled |= reach[far[h]] & ~down[linkElement[h]];
      pulled &= ~down[globalNode[v]];
      if (pulled !== old) {
        reach[v] = pulled;
        changed = true;
      }
    }
  }
}

/**
 * Label propagation to a fixpoint with a
 * FIFO work list: relaxing a node's half-edges ORs `reach[u] & ~(down(link) | down(far node))` into its
 * neighbours, and a node whose word grows is queued again. Words only grow (at most 32 times each), so this ends;
 * its work follows the changes, so a long chain costs its length, not its length times its diameter.
 */
function spreadReach(
  part: BitParallelService,
  down: Int32Array,
  source: number,
  samples: number,
  scratch: BitParallelScratch,
): void {
  const reach = scratch.reach;
  const queue = scratch.queue;
  const queued = scratch.queued;
  const size = part.nodeCount;
  const start = part.adjacencyStart;
  const far = part.adjacencyLocal;
  const farElement = part.adjacencyNodeElement;
  const linkElement = part.adjacencyLinkElement;
  reach.fill(0, 0, size);
  const seed = ~down[part.globalNode[source]] & samples;
  if (seed === 0) return;
  reach[source] = seed;
  let head = 0;
  let tail = 0;
  queue[tail++] = source;
  if (tail === size) tail = 0;
  queued[source] = 1;
  let pending = 1;
  while (pending > 0) {
    const u = queue[head];
    head = head + 1 === size ? 0 : head + 1;
    pending--;
    queued[u] = 0;
    const r = reach[u];
    for (let h = start[u]; h < start[u + 1]; h++) {
      const w = far[h];
      const old = reach[w];
      // Only bits w lacks: the common case (nothing new) costs one AND and a compare.
      if ((r & ~old) === 0) continue;
      const grown = old | (r & ~(down[linkElement[h]] | down[farElement[h]]));
      if (grown !== old) {
        reach[w] = grown;
        if (queued[w] === 0) {
          queued[w] = 1;
          queue[tail] = w;
          tail = tail + 1 === size ? 0 : tail + 1;
          pending++;
        }
      }
    }
  }
}

/** Samples in which at least `k` target entries are set in `scratch.reach` (entries of -1 are never set). */
function atLeastTargets(part: BitParallelService, scratch: BitParallelScratch): number {
  const k = part.k;
  const targets = part.targets;
  const reach = scratch.reach;
  const atLeast = scratch.atLeast;
  if (k <= 0) return -1;
  atLeast[0] = -1;
  atLeast.fill(0, 1, k + 1);
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    if (t < 0) continue;
    const x = reach[t];
    if (x === 0) continue;
    // A bit-sliced saturating counter: "at least c" grows where "at least c - 1" held and this target is reached.
    for (let c = Math.min(k, i + 1); c >= 1; c--) atLeast[c] |= atLeast[c - 1] & x;
  }
  return atLeast[k];
}

/**
 * Evaluates one service on a block of samples. Returns the up word (bit j: up in sample j; bits beyond the block
 * are meaningless), and writes into `scratch.servedTotal[0]` the served endpoints summed over the samples of `valid`
 * (see BitParallelForm).
 * @param down down word per element: the random failures of the block's samples on top of the base state
 * @param valid bit j set for the samples of the block (the last block of a batch may be shorter)
 */
export function evaluateBitParallel(
  part: BitParallelService,
  down: Int32Array,
  valid: number,
  scratch: BitParallelScratch,
): number {
  const sources = part.sources;
  if (sources.length === 0) {
    scratch.servedTotal[0] = 0;
    return -1;
  }
  if (!part.servedPerSource) return evaluateLargestGroup(part, down, valid, scratch);
  // Sources sharing a component in a sample share its served state there: each source propagates only in the
  // samples where no earlier source reached it, and takes the earlier source's served bit in the others.
  const count = sources.length;
  const reach = scratch.reach;
  const coveredWord = scratch.coveredWord;
  const coveredServed = scratch.coveredServed;
  coveredWord.fill(0, 0, count);
  coveredServed.fill(0, 0, count);
  let up = -1;
  let served = 0;
  for (let i = 0; i < count; i++) {
    const f = sources[i];
    let word = 0;
    if (f >= 0) {
      word = coveredServed[i];
      const fresh = ~coveredWord[i];
      if ((~down[part.globalNode[f]] & fresh) !== 0) {
        propagateReach(part, down, f, fresh, scratch);
        // The source itself must be up: reach[f] is its own up word (in the fresh samples).
        const freshServed = atLeastTargets(part, scratch) & reach[f];
        word |= freshServed;
        for (let j = i + 1; j < count; j++) {
          const g = sources[j];
          if (g < 0) continue;
          coveredWord[j] |= reach[g];
          coveredServed[j] |= reach[g] & freshServed;
        }
      }
    }
    up &= word;
    served += countBits(word & valid);
  }
  scratch.servedTotal[0] = served;
  return up;
}

/**
 * The 'largest-group' rule (connected kind): the first source's reach words give the up samples (every target
 * reached); in each down sample, the served count is the largest number of targets reached from one source, each
 * source propagating only in the down samples where it is up and no earlier source reached it (a new component).
 */
function evaluateLargestGroup(
  part: BitParallelService,
  down: Int32Array,
  valid: number,
  scratch: BitParallelScratch,
): number {
  const sources = part.sources;
  const targets = part.targets;
  const count = sources.length;
  const reach = scratch.reach;
  const coveredWord = scratch.coveredWord;
  const best = scratch.best;
  const first = sources[0];
  let up = 0;
  let pending = valid;
  if (first >= 0) {
    propagateReach(part, down, first, valid, scratch);
    up = atLeastTargets(part, scratch);
    pending = ~up & valid;
  }
  let served = countBits(up & valid) * targets.length;
  if (pending === 0) {
    scratch.servedTotal[0] = served;
    return up;
  }
  coveredWord.fill(0, 0, count);
  best.fill(0);
  for (let i = 0; i < count; i++) {
    const f = sources[i];
    if (f < 0) continue;
    let fresh = ~coveredWord[i] & pending;
    if (i > 0) {
      if ((~down[part.globalNode[f]] & fresh) === 0) continue;
      propagateReach(part, down, f, fresh, scratch);
    }
    fresh &= reach[f];
    for (let m = i + 1; m < count; m++) if (sources[m] >= 0) coveredWord[m] |= reach[sources[m]];
    // The size of the new group in each fresh sample: its reached targets.
    while (fresh !== 0) {
      const j = 31 - Math.clz32(fresh & -fresh);
      fresh &= fresh - 1;
      let size = 0;
      for (let t = 0; t < targets.length; t++) if (targets[t] >= 0 && ((reach[targets[t]] >>> j) & 1) === 1) size++;
      if (size > best[j]) best[j] = size;
    }
  }
  for (let j = 0; j < BLOCK_SAMPLES; j++) if (((pending >>> j) & 1) === 1) served += best[j];
  scratch.servedTotal[0] = served;
  return up;
}
