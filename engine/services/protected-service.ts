// The 'protected' service kind: every `from` node keeps at least k link-disjoint (or node-disjoint) surviving paths
// to the `to` set: "still protected" next to "still connected". By Menger's theorem the number of disjoint paths is
// the maximum flow with unit capacities (on the node-split network for node-disjoint paths).

import type { CsrTopology } from '../topology/csr-topology.ts';
import type { ComponentSearchScratch } from './component-search.ts';
import { isWitnessIntact, recallSearch, rememberSearch, renewWitness } from './internal/served-witness.ts';
import {
  listTrafficNodes,
  refuseFrontier,
  toTrafficReachCriterion,
  toTrafficReachForm,
  type TrafficServiceBase,
} from './internal/traffic-kind-base.ts';
import {
  computeDisjointPathsFromEach,
  computeSurvivingFlow,
  markFlowCarriers,
  markTwoEdgeConnected,
  type FlowRequest,
} from './internal/traffic-network.ts';
import type { ServiceKindDefinition } from './service-kind.ts';

/** Every `from` node has at least k disjoint surviving paths to the `to` set. */
export interface ProtectedService extends TrafficServiceBase {
  readonly kind: 'protected';
  /** Required number of disjoint paths, an integer >= 1. */
  readonly k: number;
  /** What the paths may not share: links, or intermediate nodes (and hence links). */
  readonly disjoint: 'links' | 'nodes';
}

const LINK_DISJOINT: FlowRequest = { linkCapacity: null, nodeDisjoint: false };
const NODE_DISJOINT: FlowRequest = { linkCapacity: null, nodeDisjoint: true };
const ONE_NODE = new Uint32Array(1);

/**
 * The number of disjoint surviving paths from `from` node f to the `to` set, capped at `limit` (0 when f is down;
 * `limit` when f is itself an up `to` node).
 */
export function countDisjointPaths(service: ProtectedService, down: Uint8Array, f: number, limit: number): number {
  ONE_NODE[0] = f;
  const request = service.disjoint === 'nodes' ? NODE_DISJOINT : LINK_DISJOINT;
  return computeSurvivingFlow(service.network, request, down, ONE_NODE, service.to, limit);
}

let paths = new Float64Array(16);

let twoConnected = new Uint8Array(16);

/** Served `from` nodes of the common case, two link-disjoint paths: one bridge search instead of a flow per node. */
function countTwoEdgeConnected(service: ProtectedService, down: Uint8Array): number {
  if (twoConnected.length < service.network.nodeCount) twoConnected = new Uint8Array(service.network.nodeCount);
  markTwoEdgeConnected(service.network, down, service.to, twoConnected);
  let served = 0;
  for (let i = 0; i < service.from.length; i++) {
    const f = service.from[i];
    if (down[f] === 0 && twoConnected[f] === 1) served++;
  }
  return served;
}

/**
 * Served `from` nodes (graded false) or the sum of min(k, paths) (graded true); every `from` node fully served
 * without a search while the last witness (k disjoint paths from each, found in an earlier state) is intact, and
 * the answer of an earlier search in the same state (served nodes only). Two link-disjoint paths are decided by one
 * bridge search, yet a witness pays there too: renewing it (a flow per `from` node) is rare next to the states it
 * then answers with a look at a few elements (default study, forced scenarios: 1.5x faster overall).
 */
function measure(service: ProtectedService, down: Uint8Array, graded: boolean): number {
  const full = graded ? service.from.length * service.k : service.from.length;
  if (isWitnessIntact(service, down)) return full;
  if (!graded) {
    const recalled = recallSearch(service, down);
    if (recalled >= 0) return recalled;
  }
  const served = searchPaths(service, down, graded);
  if (served === full) renewWitness(service, down, markProtectedWitness);
  if (!graded) rememberSearch(service, down, served);
  return served;
}

/** {@link measure} by search. */
function searchPaths(service: ProtectedService, down: Uint8Array, graded: boolean): number {
  if (!graded && service.k === 2 && service.disjoint === 'links') return countTwoEdgeConnected(service, down);
  if (paths.length < service.from.length) paths = new Float64Array(service.from.length);
  computeDisjointPathsFromEach(
    service.network,
    service.disjoint === 'nodes',
    down,
    service.from,
    service.to,
    service.k,
    paths,
  );
  let total = 0;
  for (let i = 0; i < service.from.length; i++) {
    const count = paths[i];
    total += graded ? Math.min(count, service.k) : count >= service.k ? 1 : 0;
  }
  return total;
}

/** Marks k disjoint surviving paths from each `from` node (the unit flows found), with their nodes and links. */
function markProtectedWitness(service: ProtectedService, down: Uint8Array, mark: Uint8Array): void {
  for (let i = 0; i < service.from.length; i++) {
    const f = service.from[i];
    mark[f] = 1;
    countDisjointPaths(service, down, f, service.k);
    markFlowCarriers(service.network, mark);
  }
}

/** The declaration of the 'protected' kind (see ServiceKindDefinition). */
export const PROTECTED_SERVICE_KIND: ServiceKindDefinition<ProtectedService> = {
  kind: 'protected',
  estimators: ['crude', 'stratified'],
  reachIsExact: false,
  servedIsMonotone: true,
  countsFromLabels: false,

  countEndpoints(service: ProtectedService): number {
    return service.from.length;
  },

  /** The number of `from` nodes with at least k disjoint surviving paths to the `to` set. */
  countServed(service: ProtectedService, down: Uint8Array): number {
    return measure(service, down, false);
  },

  listNodes: listTrafficNodes,
  toReachCriterion: toTrafficReachCriterion,
  toReachForm: toTrafficReachForm,

  isDown(_topology: CsrTopology, service: ProtectedService, down: Uint8Array): boolean {
    return measure(service, down, false) < service.from.length;
  },

  fullLevel(service: ProtectedService): number {
    return service.from.length * service.k;
  },

  /** The sum over `from` nodes of min(k, disjoint surviving paths), in [0, from.length * k]. */
  measureLevel(
    _topology: CsrTopology,
    service: ProtectedService,
    down: Uint8Array,
    _scratch: ComponentSearchScratch,
    _stamp: number,
  ): number {
    return measure(service, down, true);
  },

  describeFrontier: refuseFrontier,

  /** k disjoint surviving paths from each `from` node (the unit flows found), with their nodes and links. */
  /** One part per `from` node: the service is down exactly when one of them is unserved. */
  splitParts(service: ProtectedService): ProtectedService[] {
    return Array.from(service.from, (f) => ({ ...service, id: `${service.id}|${f}`, from: Uint32Array.of(f) }));
  },

  markWitness: markProtectedWitness,
};
