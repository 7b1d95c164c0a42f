// Exact minimal cut sets of one service up to a given order: the sets of elements (and risk groups) whose joint
// failure takes the service down while no proper subset does. Order-1 cut sets are the single points of failure.

import type { CompiledModel } from '../model.ts';
import { isReachExact } from '../services/service-kinds.ts';
import { DEFAULT_MAX_CUT_SET_EVALUATIONS, findCutSetsByEvaluation } from './internal/evaluated-cut-sets.ts';
import { dependsOnLayers, toFullModelCode, viewWithoutLayers } from './internal/layer-view.ts';
import { createExtensionScanScratch, scanCriticalExtensions } from './internal/extension-scan.ts';
import { toReachForm } from './internal/reach-form.ts';
import { createRelevanceScratch, markRelevantElements } from './internal/relevance.ts';
import { createSharedEvaluationCache, type SharedEvaluationCache } from './internal/shared-evaluations.ts';
import { createServiceScratch, isServiceDown } from './service-state.ts';

/** One minimal cut set. */
export interface CutSet {
  /** Number of members, >= 1 (0 only for the empty cut set of a service that is down with no failure). */
  readonly order: number;
  /**
   * Members in ascending order: element indices (nodes 0..N-1, links N..N+L-1) and risk groups encoded as
   * `elementCount + g`. A risk group counts as one member whose failure fails all its members (the conditional
   * member probabilities are ignored: the group is taken at its worst).
   */
  readonly elements: number[];
}

/** The minimal cut sets found, sorted by order, then lexicographically by members. */
export interface MinimalCutSetResult {
  readonly cutSets: CutSet[];
  /**
   * True when the `maxCutSets` limit stopped the enumeration with more cut sets left. Orders below the one being
   * enumerated are then complete; the last order holds a deterministic subset.
   */
  readonly truncated: boolean;
}

/** Options of {@link findMinimalCutSets}; every field is optional. */
export interface MinimalCutSetOptions {
  /** Largest cut set order, an integer in [1, 8]; default 3. */
  readonly maxOrder?: number;
  /** Whether risk groups may be members of cut sets; default true. */
  readonly includeGroups?: boolean;
  /** Stop after this many cut sets (integer >= 1); default 10000. */
  readonly maxCutSets?: number;
  /**
   * Elements (indices in [0, elementCount)) that may be members; default all. Minimality is judged within the
   * candidates: a cut set is reported when no proper subset is a cut. Risk groups are governed by `includeGroups`.
   */
  readonly candidateElements?: Uint32Array;
}

/** {@link MinimalCutSetOptions} with every field set. */
export interface ResolvedMinimalCutSetOptions {
  readonly maxOrder: number;
  readonly includeGroups: boolean;
  readonly maxCutSets: number;
  readonly candidateElements: Uint32Array | null;
}

/** Defaults of {@link MinimalCutSetOptions}. */
export const DEFAULT_MINIMAL_CUT_SET_OPTIONS: ResolvedMinimalCutSetOptions = {
  maxOrder: 3,
  includeGroups: true,
  maxCutSets: 10_000,
  candidateElements: null,
};

/** Largest supported `maxOrder`: the minimality test enumerates 2^(order-1) subsets per candidate. */
const MAX_SUPPORTED_ORDER = 8;

/** Fills in defaults and checks ranges; throws RangeError on an invalid value. */
export function resolveMinimalCutSetOptions(options: MinimalCutSetOptions = {}): ResolvedMinimalCutSetOptions {
  const resolved: ResolvedMinimalCutSetOptions = {
    maxOrder: options.maxOrder ?? DEFAULT_MINIMAL_CUT_SET_OPTIONS.maxOrder,
    includeGroups: options.includeGroups ?? DEFAULT_MINIMAL_CUT_SET_OPTIONS.includeGroups,
    maxCutSets: options.maxCutSets ?? DEFAULT_MINIMAL_CUT_SET_OPTIONS.maxCutSets,
    candidateElements: options.candidateElements ?? DEFAULT_MINIMAL_CUT_SET_OPTIONS.candidateElements,
  };
  if (!Number.isInteger(resolved.maxOrder) || resolved.maxOrder < 1 || resolved.maxOrder > MAX_SUPPORTED_ORDER) {
    throw new RangeError(`options.maxOrder must be an integer in [1, ${MAX_SUPPORTED_ORDER}]`);
  }
  if (!Number.isInteger(resolved.maxCutSets) || resolved.maxCutSets < 1) {
    throw new RangeError('options.maxCutSets must be a positive integer');
  }
  return resolved;
}

/** Thrown internally to unwind the enumeration when the cut set limit is reached; never escapes. */
class LimitReached extends Error {
  override readonly name = 'LimitReached';
}

function keyOf(codes: readonly number[]): string {
  return codes.join(',');
}

/**
 * Finds every minimal cut set of service `serviceIndex` with at most `maxOrder` members, exactly.
 *
 * ```
 * relevance prune ──> series classes ──> order 1: one extension scan + one check per group ──> drop SPOFs
 *   ──> order k >= 2: for each non-cut base P of k-1 members (lexicographic, pruned), one extension scan
 *       finds every element b with P + {b} a cut; keep it when no (P - {x}) + {b} is a cut
 *   ──> expand each class representative to its members, sort
 * ```
 * Algorithm. (1) Relevance: a member of a minimal cut set lies on a simple path between two endpoints, so only
 * elements of the block-cut subtree spanning the endpoints are candidates (Hopcroft and Tarjan 1973); the others
 * are failed outright, which changes no service state since no simple endpoint path uses them. The same holds in
 * the network with a partial base removed, so each base member is drawn only from the elements relevant given the
 * members before it, and the deeper levels scan only that smaller network. (1b) Series classes: a pass-through
 * node (not an endpoint, two links to two different nodes) and its links are interchangeable under any other
 * failures, so each chain of them is enumerated once through a representative and expanded on output.
 * (2) Extension scan: with base P failed and the service up, one iterative DFS finds
 * every element whose extra failure takes the service down: the bridges and articulation points that leave a
 * `from` node with fewer than k `to` nodes (Tarjan 1972; connected services are run as reach from one terminal
 * to all terminals). (3) Minimality: the cut property is monotone, so P + {b} is minimal iff each of its
 * (k-1)-subsets is a non-cut, i.e. contains no cut set found at a lower order (looked up by key). Every cut set is
 * produced once, from P = itself minus its largest element (cut sets made only of groups are checked directly).
 *
 * Complexity: O(R (n + m)) for order 1 and 2, O(R^(k-1) (n + m)) for order k >= 3, where R is the number of
 * relevant series classes among the candidates, n the node count and m the link count (plus one BFS per group
 * candidate per all-group base), plus the output size. A 250-node, 350-link backbone takes well under a second
 * per service at order 3.
 * @param model the compiled model
 * @param serviceIndex index into `model.services`, an integer in [0, services.length)
 * @returns the cut sets; a service that is down with nothing failed has the single cut set of order 0
 */
export function findMinimalCutSets(
  model: CompiledModel,
  serviceIndex: number,
  options: MinimalCutSetOptions = {},
): MinimalCutSetResult {
  const resolved = resolveMinimalCutSetOptions(options);
  if (!Number.isInteger(serviceIndex) || serviceIndex < 0 || serviceIndex >= model.services.length) {
    throw new RangeError(`serviceIndex must be an integer in [0, ${model.services.length})`);
  }
  return enumerateMinimalCutSets(model, serviceIndex, resolved, null);
}

/**
 * The minimal cut sets of every service of `model` up to `maxOrder`, in service order: for each service what
 * {@link findMinimalCutSets} returns, with the work services share done once (the total of a traffic matrix and
 * each of its demands route every failure set they evaluate once between them).
 * Memory: one evaluation per failure set evaluated for a sharing kind (a few numbers each), freed on return.
 */
export function findAllMinimalCutSets(model: CompiledModel, options: MinimalCutSetOptions = {}): MinimalCutSetResult[] {
  const resolved = resolveMinimalCutSetOptions(options);
  const shared = createSharedEvaluationCache();
  return model.services.map((_, s) => enumerateMinimalCutSets(model, s, resolved, shared));
}

/** {@link findMinimalCutSets} with checked options; `shared` keeps evaluations across services (null: none). */
function enumerateMinimalCutSets(
  model: CompiledModel,
  serviceIndex: number,
  resolved: ResolvedMinimalCutSetOptions,
  shared: SharedEvaluationCache | null,
): MinimalCutSetResult {
  if (model.layers !== undefined) {
    // Layers: a service that reaches a logical link is analysed by evaluation through the expansion (physical
    // segments and ducts fail logical links without being graph elements); any other on the graph alone.
    if (dependsOnLayers(model, serviceIndex)) {
      return findCutSetsByEvaluation(model, serviceIndex, resolved, DEFAULT_MAX_CUT_SET_EVALUATIONS, shared);
    }
    const view = viewWithoutLayers(model);
    const candidates = resolved.candidateElements;
    const result = enumerateMinimalCutSets(
      view,
      serviceIndex,
      { ...resolved, candidateElements: candidates === null ? null : candidates.filter((e) => e < view.elementCount) },
      shared,
    );
    return {
      ...result,
      cutSets: result.cutSets.map((c) => ({ ...c, elements: c.elements.map((code) => toFullModelCode(model, view, code)) })),
    };
  }
  const topology = model.topology;
  const nodeCount = topology.nodeCount;
  const elementCount = nodeCount + topology.linkCount;
  const service = model.services[serviceIndex];
  // Capacity, latency and protected services can fail without a disconnection: evaluate candidate sets instead.
  if (!isReachExact(service)) {
    return findCutSetsByEvaluation(model, serviceIndex, resolved, DEFAULT_MAX_CUT_SET_EVALUATIONS, shared);
  }
  if (model.elementCount !== elementCount) throw new RangeError('model.elementCount must equal nodeCount + linkCount');
  const form = toReachForm(service, nodeCount);
  const groups = model.groups;
  const groupCount = resolved.includeGroups ? groups.groupCount : 0;
  const codeCount = elementCount + groupCount;

  const down = new Uint8Array(elementCount);
  const downCount = new Uint16Array(elementCount);
  const serviceScratch = createServiceScratch(nodeCount);
  if (isServiceDown(topology, service, down, serviceScratch)) {
    return { cutSets: [{ order: 0, elements: [] }], truncated: false };
  }

  const isCandidate = new Uint8Array(elementCount);
  if (resolved.candidateElements === null) {
    isCandidate.fill(1);
  } else {
    for (const e of resolved.candidateElements) {
      if (e >= elementCount) throw new RangeError(`options.candidateElements: ${e} is outside [0, ${elementCount})`);
      isCandidate[e] = 1;
    }
  }
  const endpoint = new Uint8Array(nodeCount);
  for (let v = 0; v < nodeCount; v++) endpoint[v] = form.isFrom[v] | form.isTo[v];

  const scanScratch = createExtensionScanScratch(nodeCount);
  const relevanceScratch = createRelevanceScratch(topology);
  const critical = new Uint8Array(elementCount);
  const maxOrder = resolved.maxOrder;
  const relevantAtLevel: Uint8Array[] = [];
  for (let level = 0; level < maxOrder; level++) relevantAtLevel.push(new Uint8Array(elementCount));

  /** Applies a member's failure; returns false (and applies nothing) when it would change nothing. */
  function apply(code: number): boolean {
    if (code < elementCount) {
      if (downCount[code] !== 0) return false;
      downCount[code] = 1;
      down[code] = 1;
      return true;
    }
    const g = code - elementCount;
    let changes = false;
    for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
      if (downCount[groups.memberElement[m]] === 0) changes = true;
    }
    if (!changes) return false;
    for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
      const e = groups.memberElement[m];
      if (downCount[e]++ === 0) down[e] = 1;
    }
    return true;
  }

  function unapply(code: number): void {
    if (code < elementCount) {
      downCount[code] = 0;
      down[code] = 0;
      return;
    }
    const g = code - elementCount;
    for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
      const e = groups.memberElement[m];
      if (--downCount[e] === 0) down[e] = 0;
    }
  }

  function isRelevant(relevant: Uint8Array, code: number): boolean {
    if (code < elementCount) return relevant[code] !== 0;
    const g = code - elementCount;
    for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
      if (relevant[groups.memberElement[m]] !== 0) return true;
    }
    return false;
  }

  /**
   * Fails every up element outside `relevant` and returns them (for {@link restore}). Safe because no simple path
   * between two endpoints uses them, so no failure set changes the service state by their presence.
   */
  function pruneIrrelevant(relevant: Uint8Array): number[] {
    const pruned: number[] = [];
    for (let e = 0; e < elementCount; e++) {
      if (relevant[e] !== 0 || downCount[e]++ !== 0) continue;
      down[e] = 1;
      pruned.push(e);
    }
    return pruned;
  }

  function restore(relevant: Uint8Array, pruned: readonly number[]): void {
    for (let e = 0; e < elementCount; e++) if (relevant[e] === 0) downCount[e]--;
    for (const e of pruned) down[e] = 0;
  }

  const relevant0 = relevantAtLevel[0];
  markRelevantElements(topology, endpoint, down, relevanceScratch, relevant0);
  pruneIrrelevant(relevant0);
  const classMembers = buildSeriesClasses(topology, endpoint, down, isCandidate);

  // The universe: one representative per series class among the relevant candidates (elements ascending), then
  // the relevant groups.
  let universe: number[] = [];
  for (let e = 0; e < elementCount; e++) if (classMembers[e] !== null && relevant0[e] !== 0) universe.push(e);
  for (let code = elementCount; code < codeCount; code++) if (isRelevant(relevant0, code)) universe.push(code);

  const cutSets: CutSet[] = [];
  const found = new Set<string>();
  let truncated = false;

  /** Records a cut set over representatives: every choice of one member per series class is a minimal cut set. */
  function emit(representatives: number[]): void {
    representatives.sort((a, b) => a - b);
    const order = representatives.length;
    if (order >= 2 && order < maxOrder) found.add(keyOf(representatives));
    const choice: number[] = [];
    const expand = (i: number): void => {
      if (i === order) {
        if (cutSets.length >= resolved.maxCutSets) {
          truncated = true;
          throw new LimitReached();
        }
        cutSets.push({ order, elements: choice.slice().sort((a, b) => a - b) });
        return;
      }
      const code = representatives[i];
      const members = code < elementCount ? (classMembers[code] as readonly number[]) : [code];
      for (const member of members) {
        choice.push(member);
        expand(i + 1);
        choice.pop();
      }
    };
    expand(0);
  }

  const subset: number[] = [];
  /** Whether some subset of `base` selected by a mask in [1, maskLimit) plus `extra` is a known cut set. */
  function hasKnownCutWith(base: readonly number[], extra: number, maskLimit: number): boolean {
    for (let mask = 1; mask < maskLimit; mask++) {
      subset.length = 0;
      for (let i = 0; i < base.length; i++) if ((mask >> i) & 1) subset.push(base[i]);
      subset.push(extra);
      subset.sort((a, b) => a - b);
      if (found.has(keyOf(subset))) return true;
    }
    return false;
  }

  const isSpof = new Uint8Array(codeCount);
  /** The largest element (not group) code in the universe; no extension scan is needed for bases beyond it. */
  let largestElement = -1;
  const base: number[] = [];

  /** Last level: every extension b of the non-cut base that yields a minimal cut set of order base.length + 1. */
  function extendLast(): void {
    // Proper subsets of the base only: the base itself is a non-cut.
    const maskLimit = (1 << base.length) - 1;
    let minElement = 0;
    let onlyGroups = true;
    let maxGroup = -1;
    for (const code of base) {
      if (code < elementCount) {
        onlyGroups = false;
        if (code + 1 > minElement) minElement = code + 1;
      } else if (code > maxGroup) {
        maxGroup = code;
      }
    }
    if (minElement <= largestElement) scanCriticalExtensions(topology, form, down, scanScratch, critical);
    for (const b of universe) {
      if (b >= elementCount || b > largestElement) break;
      if (b < minElement || critical[b] === 0) continue;
      if (hasKnownCutWith(base, b, maskLimit)) continue;
      emit([...base, b]);
    }
    if (!onlyGroups) return;
    for (const g of universe) {
      if (g <= maxGroup) continue;
      if (!apply(g)) continue;
      const isCut = isServiceDown(topology, service, down, serviceScratch);
      unapply(g);
      if (isCut && !hasKnownCutWith(base, g, maskLimit)) emit([...base, g]);
    }
  }

  function extend(order: number, start: number): void {
    const level = base.length;
    if (level === order - 1) {
      extendLast();
      return;
    }
    const relevant = relevantAtLevel[level];
    let pruned: number[] = [];
    if (level > 0) {
      markRelevantElements(topology, endpoint, down, relevanceScratch, relevant);
      pruned = pruneIrrelevant(relevant);
    }
    const maskLimit = 1 << level;
    for (let i = start; i < universe.length; i++) {
      const x = universe[i];
      if (!isRelevant(relevant, x)) continue;
      // A base that already contains a cut set cannot be part of a minimal one.
      if (level > 0 && hasKnownCutWith(base, x, maskLimit)) continue;
      if (!apply(x)) continue;
      base.push(x);
      extend(order, i + 1);
      base.pop();
      unapply(x);
    }
    if (level > 0) restore(relevant, pruned);
  }

  try {
    // Order 1.
    scanCriticalExtensions(topology, form, down, scanScratch, critical);
    for (const code of universe) {
      let isCut: boolean;
      if (code < elementCount) {
        isCut = critical[code] !== 0;
      } else {
        const changed = apply(code);
        isCut = changed && isServiceDown(topology, service, down, serviceScratch);
        if (changed) unapply(code);
      }
      if (isCut) {
        isSpof[code] = 1;
        emit([code]);
      }
    }
    universe = universe.filter((code) => isSpof[code] === 0);
    for (const code of universe) if (code < elementCount) largestElement = code;
    for (let order = 2; order <= maxOrder; order++) extend(order, 0);
  } catch (error) {
    if (!(error instanceof LimitReached)) throw error;
  }

  cutSets.sort(compareCutSets);
  return { cutSets, truncated };
}

/**
 * Series classes: in the pruned network, a node that is not an endpoint and has exactly two up links (to two
 * different nodes) is a pass-through, and failing it or either of its links has the same effect under any other
 * failures; chains of such nodes merge into one class. Returns, at each class's representative (its smallest
 * candidate member), the candidate members in ascending order; null elsewhere. Union-find (Tarjan 1975).
 */
function buildSeriesClasses(
  topology: CompiledModel['topology'],
  endpoint: Uint8Array,
  down: Uint8Array,
  isCandidate: Uint8Array,
): Array<number[] | null> {
  const nodeCount = topology.nodeCount;
  const elementCount = nodeCount + topology.linkCount;
  const parent = new Int32Array(elementCount);
  for (let e = 0; e < elementCount; e++) parent[e] = e;
  const find = (e: number): number => {
    while (parent[e] !== e) {
      parent[e] = parent[parent[e]];
      e = parent[e];
    }
    return e;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let v = 0; v < nodeCount; v++) {
    if (endpoint[v] !== 0 || down[v] !== 0) continue;
    let first = -1;
    let second = -1;
    let firstNeighbour = -1;
    let count = 0;
    for (let h = topology.adjacencyStart[v]; h < topology.adjacencyStart[v + 1]; h++) {
      const w = topology.adjacencyNode[h];
      const link = topology.adjacencyEdge[h];
      if (down[w] !== 0 || down[nodeCount + link] !== 0) continue;
      count++;
      if (count === 1) {
        first = link;
        firstNeighbour = w;
      } else if (count === 2 && w !== firstNeighbour) {
        second = link;
      }
    }
    if (count !== 2 || second < 0) continue;
    union(v, nodeCount + first);
    union(v, nodeCount + second);
  }
  const members: Array<number[] | null> = new Array<number[] | null>(elementCount).fill(null);
  const representative = new Int32Array(elementCount).fill(-1);
  for (let e = 0; e < elementCount; e++) {
    if (down[e] !== 0 || isCandidate[e] === 0) continue;
    const root = find(e);
    if (representative[root] < 0) {
      representative[root] = e;
      members[e] = [];
    }
    (members[representative[root]] as number[]).push(e);
  }
  return members;
}

function compareCutSets(a: CutSet, b: CutSet): number {
  if (a.order !== b.order) return a.order - b.order;
  for (let i = 0; i < a.order; i++) if (a.elements[i] !== b.elements[i]) return a.elements[i] - b.elements[i];
  return 0;
}

/**
 * The single points of failure of a service: the members of its order-1 minimal cut sets, ascending (element
 * indices, and risk groups as `elementCount + g` when `includeGroups`). Empty when the service is down with
 * nothing failed (every element set is then a cut).
 */
export function findSinglePointsOfFailure(
  model: CompiledModel,
  serviceIndex: number,
  options: Pick<MinimalCutSetOptions, 'includeGroups' | 'candidateElements'> = {},
): number[] {
  const result = findMinimalCutSets(model, serviceIndex, { ...options, maxOrder: 1 });
  return result.cutSets.filter((cut) => cut.order === 1).map((cut) => cut.elements[0]);
}
