// The 'latency' service kind: every `from` node has a surviving path to some `to` node whose delay (sum of link
// delays, each from length at 5 µs/km plus a per-hop delay, or given) is at most `boundMs`. Dijkstra from the `to` set.

import type { CsrTopology } from '../topology/csr-topology.ts';
import type { ComponentSearchScratch } from './component-search.ts';
import {
  listTrafficNodes,
  refuseFrontier,
  THRESHOLD_TOLERANCE,
  toTrafficReachCriterion,
  toTrafficReachForm,
  type TrafficServiceBase,
} from './internal/traffic-kind-base.ts';
import { isWitnessIntact, recallSearch, rememberSearch, renewWitness } from './internal/served-witness.ts';
import { computeSurvivingDelays, markShortestPath } from './internal/traffic-network.ts';
import type { ServiceKindDefinition } from './service-kind.ts';

/** Every `from` node reaches some `to` node over surviving links within `boundMs`. */
export interface LatencyService extends TrafficServiceBase {
  readonly kind: 'latency';
  /** Largest acceptable one-way delay in milliseconds, > 0. */
  readonly boundMs: number;
  /** Delay per link in milliseconds (per-hop delay included), >= 0; Infinity: unusable; length network.linkCount. */
  readonly linkDelayMs: Float64Array;
}

/**
 * The number of up `from` nodes whose shortest surviving delay to the `to` set is within the bound: all of them
 * without a search while the last witness (their shortest paths in an earlier state) is intact, and the last answer
 * of an earlier search in the same state.
 */
function countWithinBound(service: LatencyService, down: Uint8Array): number {
  if (isWitnessIntact(service, down)) return service.from.length;
  const recalled = recallSearch(service, down);
  if (recalled >= 0) return recalled;
  const distance = computeSurvivingDelays(service.network, service.linkDelayMs, down, service.to);
  const bound = service.boundMs * (1 + THRESHOLD_TOLERANCE);
  let served = 0;
  for (let i = 0; i < service.from.length; i++) {
    const f = service.from[i];
    if (down[f] === 0 && distance[f] <= bound) served++;
  }
  if (served === service.from.length) renewWitness(service, down, markLastPaths);
  rememberSearch(service, down, served);
  return served;
}

/** Marks a shortest surviving path from each `from` node to the `to` set, nodes and links. */
function markLatencyWitness(service: LatencyService, down: Uint8Array, mark: Uint8Array): void {
  computeSurvivingDelays(service.network, service.linkDelayMs, down, service.to);
  markLastPaths(service, down, mark);
}

/** Marks what {@link markLatencyWitness} marks, from the paths the last search left in the scratch. */
function markLastPaths(service: LatencyService, _down: Uint8Array, mark: Uint8Array): void {
  for (let i = 0; i < service.from.length; i++) markShortestPath(service.network, service.from[i], mark);
}

/** The declaration of the 'latency' kind (see ServiceKindDefinition). */
export const LATENCY_SERVICE_KIND: ServiceKindDefinition<LatencyService> = {
  kind: 'latency',
  estimators: ['crude', 'stratified'],
  reachIsExact: false,
  servedIsMonotone: true,
  countsFromLabels: false,

  countEndpoints(service: LatencyService): number {
    return service.from.length;
  },

  countServed(service: LatencyService, down: Uint8Array): number {
    return countWithinBound(service, down);
  },

  listNodes: listTrafficNodes,
  toReachCriterion: toTrafficReachCriterion,
  toReachForm: toTrafficReachForm,

  isDown(_topology: CsrTopology, service: LatencyService, down: Uint8Array): boolean {
    return countWithinBound(service, down) < service.from.length;
  },

  fullLevel(service: LatencyService): number {
    return service.from.length;
  },

  /** The number of `from` nodes within the bound, in [0, from.length]. */
  measureLevel(
    _topology: CsrTopology,
    service: LatencyService,
    down: Uint8Array,
    _scratch: ComponentSearchScratch,
    _stamp: number,
  ): number {
    return countWithinBound(service, down);
  },

  describeFrontier: refuseFrontier,

  /** A shortest surviving path from each `from` node to the `to` set (each within the bound, as the service is up). */
  /** One part per `from` node: the service is down exactly when one of them is unserved. */
  splitParts(service: LatencyService): LatencyService[] {
    return Array.from(service.from, (f) => ({ ...service, id: `${service.id}|${f}`, from: Uint32Array.of(f) }));
  },

  markWitness: markLatencyWitness,
};
