// Exact branch and bound for the cheapest attack on a service (any kind): branch on the attackable elements of
// a witness (paths that keep the service up), which every disconnecting attack must hit.

import type { CompiledService, RiskGroupModel } from '../../model.ts';
import { expandLayerState, markRouteElements, type LayerModel } from '../../sampling/layer-expansion.ts';
import type { CsrTopology } from '../../topology/csr-topology.ts';
import { isReachExact, serviceKindOf } from '../../services/service-kinds.ts';
import { createServiceScratch, isServiceDown } from '../service-state.ts';
import { toReachForm } from './reach-form.ts';
import { createRelevanceScratch, markRelevantElements } from './relevance.ts';

/** Outcome of {@link searchCheapestAttack}. */
export interface AttackSearchResult {
  /** The cheapest disconnecting attack found with weight <= the limit (ascending), or null if none was found. */
  readonly elements: number[] | null;
  /** Its total weight; Infinity when none was found. */
  readonly value: number;
  /** True when the search finished: `elements` is then optimal, or null proves that no attack fits the limit. */
  readonly complete: boolean;
  /** Search nodes visited. */
  readonly nodes: number;
}

/**
 * Branch and bound over attack sets (Land and Doig 1960) with witness branching: while the service is up, a
 * witness W (for each `from` node, BFS-tree paths to k reachable `to` nodes; a connected service is reach from
 * its first terminal to all terminals) survives any attack that misses it, so every disconnecting attack
 * extending the current one contains some attackable w in W. For a kind whose reach criterion is not exact
 * (capacity, latency, protected: a flow or a short path can break without a disconnection) the witness is the
 * kind's own (markWitness: the elements carrying a sufficient flow, a short enough path, k disjoint paths), or
 * else every up element on a simple path between endpoints (block-cut tree relevance). Branch i adds W[i] and forbids W[0..i-1], which
 * partitions the extensions, so the search is exact when it completes. Bound: current weight plus the cheapest
 * branchable witness element must stay below the incumbent and within `weightLimit`.
 * With group targets (layers: a dig in a duct), a group whose member is in W is a branch too: attacking it takes
 * all its members down, so the partition argument holds with codes (elements and groups) in place of elements.
 * Worst case O(|W|^d (N + L)) for attacks of d elements; `nodeLimit` caps the work.
 * @param weight per element, >= 0; Infinity: not attackable
 * @param weightLimit largest admissible total weight, >= 0 (Infinity allowed)
 * @param nodeLimit largest number of search nodes, >= 1
 * @param layers a layered model's layers, or null: states are then evaluated after the layer expansion and the
 *   witness is every relevant element plus the routes of its logical links (physical links are attackable elements
 *   beyond nodeCount + linkCount; `weight` then covers them)
 * @param groupTargets null, or risk groups an attacker may trigger as one action (a dig in a duct): attacking group g
 *   takes all its members down and weighs `weight[g]` (Infinity: not a target); a group code in the result is
 *   elementCount + g, as in the cut sets
 */
export function searchCheapestAttack(
  topology: CsrTopology,
  service: CompiledService,
  weight: Float64Array,
  weightLimit: number,
  nodeLimit: number,
  layers: LayerModel | null = null,
  groupTargets: { readonly groups: RiskGroupModel; readonly weight: Float64Array } | null = null,
): AttackSearchResult {
  const n = topology.nodeCount;
  const elementCount = layers === null ? n + topology.linkCount : weight.length;
  const groupCount = groupTargets === null ? 0 : groupTargets.groups.groupCount;
  /** Weight of a code: an element's, or a group target's (elementCount + g). */
  const weightOf = (code: number): number => (code < elementCount ? weight[code] : (groupTargets?.weight[code - elementCount] ?? Infinity));
  /** Attacks holding each element down (an element may be hit directly and through groups). */
  const downCount = new Uint16Array(elementCount);
  const apply = (code: number, delta: 1 | -1): void => {
    const hit = (e: number): void => {
      downCount[e] += delta;
      down[e] = downCount[e] > 0 ? 1 : 0;
    };
    if (code < elementCount) hit(code);
    else if (groupTargets !== null) {
      const g = code - elementCount;
      const groups = groupTargets.groups;
      for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) hit(groups.memberElement[m]);
    }
  };
  const expanded = new Uint8Array(layers === null ? 0 : elementCount);
  const stateOf = (down: Uint8Array): Uint8Array => {
    if (layers === null) return down;
    expanded.set(down);
    expandLayerState(layers, expanded);
    return expanded;
  };
  const form = toReachForm(service, n);
  const down = new Uint8Array(elementCount);
  const forbidden = new Uint16Array(elementCount + groupCount);
  const applied = new Uint8Array(groupCount);
  const scratch = createServiceScratch(n);
  const parentLink = new Int32Array(n);
  const parentNode = new Int32Array(n);
  const seen = new Int32Array(n);
  const queue = new Int32Array(n);
  const inWitness = new Int32Array(elementCount);
  let stamp = 0;
  let bfsCount = 0;
  const current: number[] = [];
  let best = Infinity;
  let bestSet: number[] | null = null;
  let nodes = 0;
  let aborted = false;

  const isBranchable = (e: number): boolean => weight[e] !== Infinity && forbidden[e] === 0 && down[e] === 0;
  const isGroupBranchable = (g: number): boolean =>
    groupTargets !== null && groupTargets.weight[g] !== Infinity && forbidden[elementCount + g] === 0 && applied[g] === 0;
  // Layers: BFS-tree paths of logical links do not name the segments under them; use the relevant-element witness.
  const exact = isReachExact(service) && layers === null && groupTargets === null;
  const endpoint = new Uint8Array(n);
  for (let v = 0; v < n; v++) endpoint[v] = form.isFrom[v] | form.isTo[v];
  const relevanceScratch = exact ? null : createRelevanceScratch(topology);
  const relevant = new Uint8Array(exact ? 0 : elementCount);

  const kind = serviceKindOf(service);
  /** The kind's witness (a flow, paths), else every element that can carry part of one (inexact kinds). */
  const buildRelevantWitness = (): number[] => {
    relevant.fill(0);
    const state = stateOf(down);
    if (kind.markWitness !== undefined) kind.markWitness(service, state, relevant);
    else if (relevanceScratch !== null) markRelevantElements(topology, endpoint, state, relevanceScratch, relevant);
    if (layers !== null) markRouteElements(layers, relevant);
    const witness: number[] = [];
    for (let e = 0; e < elementCount; e++) if (relevant[e] !== 0 && isBranchable(e)) witness.push(e);
    // A group target hits the witness when one of its members is an up witness element.
    if (groupTargets !== null) {
      const groups = groupTargets.groups;
      for (let g = 0; g < groupCount; g++) {
        if (!isGroupBranchable(g)) continue;
        for (let m = groups.memberStart[g]; m < groups.memberStart[g + 1]; m++) {
          const e = groups.memberElement[m];
          if (relevant[e] !== 0 && down[e] === 0) {
            witness.push(elementCount + g);
            break;
          }
        }
      }
    }
    return witness;
  };

  /** Attackable, non-forbidden elements of a witness, in discovery order. */
  const buildWitness = (): number[] => {
    if (!exact) return buildRelevantWitness();
    const witness: number[] = [];
    stamp++;
    const add = (e: number): void => {
      if (inWitness[e] === stamp || !isBranchable(e)) return;
      inWitness[e] = stamp;
      witness.push(e);
    };
    for (const f of form.from) {
      // A BFS per `from` node; `seen` holds the id of the BFS that reached a node.
      const bfs = ++bfsCount;
      let head = 0;
      let tail = 0;
      queue[tail++] = f;
      seen[f] = bfs;
      parentNode[f] = -1;
      let reached = 0;
      add(f);
      while (head < tail && reached < form.k) {
        const v = queue[head++];
        if (form.isTo[v] !== 0) {
          reached++;
          for (let u = v; parentNode[u] >= 0; u = parentNode[u]) {
            add(u);
            add(n + parentLink[u]);
          }
        }
        for (let h = topology.adjacencyStart[v]; h < topology.adjacencyStart[v + 1]; h++) {
          const w = topology.adjacencyNode[h];
          const link = topology.adjacencyEdge[h];
          if (seen[w] === bfs || down[w] !== 0 || down[n + link] !== 0) continue;
          seen[w] = bfs;
          parentNode[w] = v;
          parentLink[w] = link;
          queue[tail++] = w;
        }
      }
    }
    return witness;
  };

  const search = (spent: number): void => {
    if (++nodes > nodeLimit) {
      aborted = true;
      return;
    }
    if (isServiceDown(topology, service, stateOf(down), scratch)) {
      if (spent < best) {
        best = spent;
        bestSet = current.slice().sort((a, b) => a - b);
      }
      return;
    }
    const witness = buildWitness();
    let cheapest = Infinity;
    for (const e of witness) if (weightOf(e) < cheapest) cheapest = weightOf(e);
    if (!(spent + cheapest <= weightLimit && spent + cheapest < best)) return;
    let i = 0;
    for (; i < witness.length && !aborted; i++) {
      const x = witness[i];
      const next = spent + weightOf(x);
      if (next <= weightLimit && next < best) {
        apply(x, 1);
        if (x >= elementCount) applied[x - elementCount] = 1;
        current.push(x);
        search(next);
        current.pop();
        if (x >= elementCount) applied[x - elementCount] = 0;
        apply(x, -1);
      }
      forbidden[x]++;
    }
    for (let j = 0; j < i; j++) forbidden[witness[j]]--;
  };

  search(0);
  return { elements: bestSet, value: best, complete: !aborted, nodes };
}
