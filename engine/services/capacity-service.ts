// The 'capacity' service kind: the surviving network carries at least `demand` from the `from` nodes (sources) to
// the `to` nodes (sinks), by maximum flow over link capacities. Its served measure is the fraction of the demand
// carried, min(flow, demand) / demand, so the result's served fraction is the expected fraction of demand served.

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
import { addFlowLoads, computeSurvivingFlow, markFlowCarriers } from './internal/traffic-network.ts';
import type { ServiceKindDefinition } from './service-kind.ts';

/** Max-flow from the `from` set to the `to` set over surviving links is at least `demand`. */
export interface CapacityService extends TrafficServiceBase {
  readonly kind: 'capacity';
  /** Demand in Gbit/s, > 0. */
  readonly demand: number;
  /** Capacity per link in Gbit/s, >= 0 (0: carries nothing); length network.linkCount. */
  readonly linkCapacity: Float64Array;
}

/**
 * Served units of a capacity service: countServed gives floor(CAPACITY_SERVED_UNITS × carried fraction), and
 * exactly this many when the demand is met; so the served fraction resolves the demand to one part in a million.
 */
export const CAPACITY_SERVED_UNITS = 1_000_000;

/** min(max-flow, demand) in Gbit/s, with a flow within the tolerance of the demand counted as the demand. */
export function computeCarriedFlow(service: CapacityService, down: Uint8Array): number {
  const flow = computeSurvivingFlow(
    service.network,
    { linkCapacity: service.linkCapacity, nodeDisjoint: false },
    down,
    service.from,
    service.to,
    service.demand,
  );
  return flow >= service.demand * (1 - THRESHOLD_TOLERANCE) ? service.demand : flow;
}

/** Marks the links and nodes carrying a flow of the demand, and every source and sink. */
function markCapacityWitness(service: CapacityService, down: Uint8Array, mark: Uint8Array): void {
  computeSurvivingFlow(
    service.network,
    { linkCapacity: service.linkCapacity, nodeDisjoint: false },
    down,
    service.from,
    service.to,
    service.demand,
  );
  markLastFlow(service, down, mark);
}

/** Marks what {@link markCapacityWitness} marks, from the flow the last search left in the scratch (no new search). */
function markLastFlow(service: CapacityService, _down: Uint8Array, mark: Uint8Array): void {
  markFlowCarriers(service.network, mark);
  for (let i = 0; i < service.from.length; i++) mark[service.from[i]] = 1;
  for (let i = 0; i < service.to.length; i++) mark[service.to[i]] = 1;
}

/**
 * Served units: all of them while the last witness flow is intact, the answer of an earlier search in the same state,
 * else floor(units × carried fraction) from a max-flow search (renewing the witness when the demand is met).
 */
function countCapacityServed(service: CapacityService, down: Uint8Array): number {
  if (isWitnessIntact(service, down)) return CAPACITY_SERVED_UNITS;
  const recalled = recallSearch(service, down);
  if (recalled >= 0) return recalled;
  const carried = computeCarriedFlow(service, down);
  let served = CAPACITY_SERVED_UNITS;
  if (carried === service.demand) renewWitness(service, down, markLastFlow);
  else served = Math.min(CAPACITY_SERVED_UNITS - 1, Math.floor((CAPACITY_SERVED_UNITS * carried) / service.demand));
  rememberSearch(service, down, served);
  return served;
}

/** The declaration of the 'capacity' kind (see ServiceKindDefinition). */
export const CAPACITY_SERVICE_KIND: ServiceKindDefinition<CapacityService> = {
  kind: 'capacity',
  estimators: ['crude', 'stratified'],
  reachIsExact: false,
  servedIsMonotone: true,
  countsFromLabels: false,

  countEndpoints(): number {
    return CAPACITY_SERVED_UNITS;
  },

  countServed: countCapacityServed,

  listNodes: listTrafficNodes,
  toReachCriterion: toTrafficReachCriterion,
  toReachForm: toTrafficReachForm,

  isDown(_topology: CsrTopology, service: CapacityService, down: Uint8Array): boolean {
    return countCapacityServed(service, down) < CAPACITY_SERVED_UNITS;
  },

  fullLevel(service: CapacityService): number {
    return service.demand;
  },

  /** The carried flow min(max-flow, demand), in [0, demand]. */
  measureLevel(
    _topology: CsrTopology,
    service: CapacityService,
    down: Uint8Array,
    _scratch: ComponentSearchScratch,
    _stamp: number,
  ): number {
    return computeCarriedFlow(service, down);
  },

  describeFrontier: refuseFrontier,

  /**
   * Margin: max-flow minus the demand (within the tolerance). Loss of an element: the flow through it in one
   * maximum flow (a link: its flow; a node: the flows of its links), since removing those flow paths leaves a
   * feasible flow. Infinite flow (a node both source and sink): only the endpoints can lower it.
   */
  measureExtensionLoss(service: CapacityService, down: Uint8Array, loss: Float64Array): number {
    const request = { linkCapacity: service.linkCapacity, nodeDisjoint: false };
    const flow = computeSurvivingFlow(service.network, request, down, service.from, service.to, Infinity);
    loss.fill(0);
    if (flow === Infinity) {
      for (let i = 0; i < service.from.length; i++) loss[service.from[i]] = Infinity;
      for (let i = 0; i < service.to.length; i++) loss[service.to[i]] = Infinity;
      return Number.MAX_VALUE;
    }
    addFlowLoads(service.network, loss);
    return flow - service.demand * (1 - THRESHOLD_TOLERANCE);
  },

  /** The links and nodes carrying a flow of the demand (sources and sinks on it included). */
  markWitness: markCapacityWitness,
};

/**
 * The expected fraction of the demand served with a conservative 95% interval, from the crude served fraction m
 * (the mean of F = min(flow, demand) / demand over n samples) and the upper 95% bound u of the unavailability:
 * F lies in [0, 1] and equals 1 whenever the service is up, so Var(F) <= E[(1 - F)^2] <= E[1 - F] <= P(down) <= u,
 * and m ± 1.96 sqrt(u / n) (normal approximation, clipped to [0, 1]) is at least as wide as the CLT interval.
 * @param servedFraction m, in [0, 1]
 * @param unavailabilityUpper u, in [0, 1]
 * @param samples n, >= 1; deterministic results (one exact sample) give the point
 */
export function estimateDemandServed(
  servedFraction: number,
  unavailabilityUpper: number,
  samples: number,
  deterministic: boolean,
): { readonly estimate: number; readonly lower: number; readonly upper: number } {
  if (deterministic) return { estimate: servedFraction, lower: servedFraction, upper: servedFraction };
  const halfWidth = 1.959963984540054 * Math.sqrt(unavailabilityUpper / samples);
  return {
    estimate: servedFraction,
    lower: Math.max(0, servedFraction - halfWidth),
    upper: Math.min(1, servedFraction + halfWidth),
  };
}
