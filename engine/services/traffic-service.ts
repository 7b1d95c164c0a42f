// The 'traffic' service kind: a demand matrix routed by a stated policy (shortest paths with ECMP, then restoration
// of what failed over the shortest surviving paths with room; internal/traffic-routing.ts). One matrix compiles to
// a service for the whole matrix and one per demand, sharing the routing of each state; each counts served units,
// floor(units × served volume / volume), so the result's served fraction is the expected fraction of traffic served.

import type { CsrTopology } from '../topology/csr-topology.ts';
import type { ComponentSearchScratch } from './component-search.ts';
import {
  refuseFrontier,
  THRESHOLD_TOLERANCE,
  toTrafficReachCriterion,
  toTrafficReachForm,
  type TrafficServiceBase,
} from './internal/traffic-kind-base.ts';
import {
  markTrafficCarriers,
  routeTrafficMatrix,
  routingScopeOf,
  type TrafficMatrix,
} from './internal/traffic-routing.ts';
import type { ServiceKindDefinition, SharedEvaluation } from './service-kind.ts';

export type { TrafficMatrix } from './internal/traffic-routing.ts';

/** The whole matrix (`demandIndex` -1) or one of its demands, up when that traffic is served in full. */
export interface TrafficService extends TrafficServiceBase, TrafficMatrix {
  readonly kind: 'traffic';
  /** -1: every demand (the matrix); else the demand's index in the matrix. */
  readonly demandIndex: number;
  /**
   * The matrix's distinct end nodes but the last: with `to`, the envelope of the elements that can matter. Every
   * flow runs along a simple path between two end nodes, and capacity couples the demands, so a demand's service
   * has the whole matrix's envelope.
   */
  readonly from: Uint32Array;
  /** The matrix's last distinct end node. */
  readonly to: Uint32Array;
  /** The topology the demands are routed on. */
  readonly network: CsrTopology;
}

/** Served units per sample of a traffic service: the served fraction resolves one part in a million. */
export const TRAFFIC_SERVED_UNITS = 1_000_000;

/** Served and offered volume (Gbit/s) of the service's traffic in state `down`. */
export function measureTrafficServed(service: TrafficService, down: Uint8Array): { served: number; offered: number } {
  return sumTrafficServed(service, routeTrafficMatrix(service, down));
}

/** Served and offered volume (Gbit/s) of the service's traffic, given the served volume per demand of its matrix. */
function sumTrafficServed(service: TrafficService, served: Float64Array): { served: number; offered: number } {
  const m = service;
  if (service.demandIndex >= 0) return { served: served[service.demandIndex], offered: m.demandVolume[service.demandIndex] };
  let sum = 0;
  let offered = 0;
  for (let d = 0; d < served.length; d++) {
    sum += served[d];
    offered += m.demandVolume[d];
  }
  return { served: sum, offered };
}

function countTrafficServed(service: TrafficService, down: Uint8Array): number {
  return countServedUnits(measureTrafficServed(service, down));
}

function countServedUnits({ served, offered }: { served: number; offered: number }): number {
  if (served >= offered * (1 - THRESHOLD_TOLERANCE)) return TRAFFIC_SERVED_UNITS;
  return Math.min(TRAFFIC_SERVED_UNITS - 1, Math.floor((TRAFFIC_SERVED_UNITS * served) / offered));
}

/**
 * The end nodes of the matrix's demands, source then target per demand, the service's own demand first (a demand's
 * service depends on every demand through the capacities they share).
 */
function listTrafficServiceNodes(service: TrafficService): Uint32Array {
  const m = service;
  const count = m.demandSource.length;
  const nodes = new Uint32Array(2 * count);
  const first = service.demandIndex >= 0 ? service.demandIndex : 0;
  for (let i = 0; i < count; i++) {
    const d = i === 0 ? first : i <= first ? i - 1 : i;
    nodes[2 * i] = m.demandSource[d];
    nodes[2 * i + 1] = m.demandTarget[d];
  }
  return nodes;
}

/** The declaration of the 'traffic' kind (see ServiceKindDefinition). */
export const TRAFFIC_SERVICE_KIND: ServiceKindDefinition<TrafficService> = {
  kind: 'traffic',
  estimators: ['crude', 'stratified'],
  reachIsExact: false,
  servedIsMonotone: false,
  countsFromLabels: false,

  countEndpoints(): number {
    return TRAFFIC_SERVED_UNITS;
  },

  countServed: countTrafficServed,

  listNodes: listTrafficServiceNodes,

  toReachCriterion: toTrafficReachCriterion,
  toReachForm: toTrafficReachForm,

  isDown(_topology: CsrTopology, service: TrafficService, down: Uint8Array): boolean {
    return countTrafficServed(service, down) < TRAFFIC_SERVED_UNITS;
  },

  fullLevel(service: TrafficService): number {
    const m = service;
    if (service.demandIndex >= 0) return m.demandVolume[service.demandIndex];
    let offered = 0;
    for (let d = 0; d < m.demandVolume.length; d++) offered += m.demandVolume[d];
    return offered;
  },

  /** The served volume in Gbit/s, with a volume within the tolerance of the offered one counted as all of it. */
  measureLevel(
    _topology: CsrTopology,
    service: TrafficService,
    down: Uint8Array,
    _scratch: ComponentSearchScratch,
    _stamp: number,
  ): number {
    const { served, offered } = measureTrafficServed(service, down);
    return served >= offered * (1 - THRESHOLD_TOLERANCE) ? offered : served;
  },

  describeFrontier: refuseFrontier,

  /** The served volume per demand of the matrix decides the matrix's service and each demand's. */
  shareEvaluation(service: TrafficService): SharedEvaluation {
    return {
      scope: routingScopeOf(service),
      evaluate: (down) => routeTrafficMatrix(service, down).slice(),
      isDownFrom: (served) => countServedUnits(sumTrafficServed(service, served)) < TRAFFIC_SERVED_UNITS,
    };
  },

  /** Every link and node carrying working or restored flow, and every demand's end nodes (see markTrafficCarriers). */
  markWitness(service: TrafficService, down: Uint8Array, mark: Uint8Array): void {
    markTrafficCarriers(service, down, mark);
  },
};

/**
 * The expected fraction of traffic served, E[F] with F in [0, 1] the fraction of a sample's volume served, with a
 * 95% interval that holds for any n (no normal approximation): F = 1 whenever the service is up, so
 * Var(F) <= E[(1 - F)²] <= E[1 - F] <= P(down) <= u, with u the upper end of the unavailability's 95% Clopper-Pearson
 * interval (one-sided 97.5%); Bernstein's inequality (e.g. Boucheron, Lugosi and Massart, Concentration
 * Inequalities, 2013, §2.8) with variance bound u at level 2.5% then gives the half-width
 * sqrt(2 u L / n) + 2L / (3n), L = ln(2 / 0.025), and by the union bound the interval holds with probability >= 95%.
 * Clipped to [0, 1].
 * @param servedFraction the mean of F over n samples, in [0, 1]
 * @param unavailabilityUpper u, in [0, 1]
 * @param samples n, >= 1
 * @param deterministic one exact evaluation (no sampling): the point is exact
 */
export function estimateTrafficServed(
  servedFraction: number,
  unavailabilityUpper: number,
  samples: number,
  deterministic: boolean,
): { readonly estimate: number; readonly lower: number; readonly upper: number } {
  if (deterministic) return { estimate: servedFraction, lower: servedFraction, upper: servedFraction };
  const logTerm = Math.log(2 / 0.025);
  const halfWidth = Math.sqrt((2 * unavailabilityUpper * logTerm) / samples) + (2 * logTerm) / (3 * samples);
  return {
    estimate: servedFraction,
    lower: Math.max(0, servedFraction - halfWidth),
    upper: Math.min(1, servedFraction + halfWidth),
  };
}
