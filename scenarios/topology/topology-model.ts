// The validated topology: every id resolved, every quantity in base units, every element's steady-state failure
// probability computed. Plain data; compileModel turns it into engine arrays.

import type { TimeDistribution } from '../../engine/index.ts';
import type { FailureShape } from './failure-parameters.ts';
import type { ModelService } from './services/topology-service-kinds.ts';
import type { ModelRecovery } from './time-fields.ts';
import type { LinkMedium } from './topology-schema.ts';

export type { ModelRecovery } from './time-fields.ts';

export type AttributeValue = string | number | boolean;

export interface ModelNode {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** Steady-state probability of being down, in [0, 1]. */
  readonly failureProbability: number;
  /** Mean time to repair in hours (> 0): from mttr, else DEFAULT_REPAIR_HOURS. Used by time simulation. */
  readonly repairHours: number;
  /** Repair-time distribution (mean repairHours), or null when the file gives no repair time (time-simulation default). */
  readonly timeToRepair: TimeDistribution | null;
  /** Kind and shape of the time to failure (timeToFailure), or null: exponential. */
  readonly failureShape: FailureShape | null;
  /** Cost for a saboteur to take it down, > 0. */
  readonly attackCost: number;
}

export interface ModelLink {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly medium: LinkMedium;
  readonly lengthKm: number | null;
  /** Capacity in Gbit/s (> 0), or null/absent when not given (capacity services need it). */
  readonly capacityGbps?: number | null;
  /** One-way delay in ms (>= 0) as given, or null/absent (latency services then use lengthKm at 5 µs/km). */
  readonly delayMs?: number | null;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /**
   * Layers: true for a physical link (`layer: physical`), which carries logical links only and is not part of the
   * service graph; absent or false otherwise.
   */
  readonly physical?: boolean;
  /** Layers: a logical link's routes over physical links (`over`, `protection`), resolved; absent or null otherwise. */
  readonly route?: ModelRoute | null;
  /** Own failures only for a logical link (its equipment; no defaults apply): the route adds the physical layer's. */
  readonly failureProbability: number;
  /** Mean time to repair in hours (> 0): from mttr or repairTime, else DEFAULT_REPAIR_HOURS. */
  readonly repairHours: number;
  /** Repair-time distribution (mean repairHours), or null when the file gives no repair time (time-simulation default). */
  readonly timeToRepair: TimeDistribution | null;
  /** Kind and shape of the time to failure (timeToFailure), or null: exponential. */
  readonly failureShape: FailureShape | null;
  readonly attackCost: number;
}

/** A logical link's routes: physical link ids in order from its `from` node to its `to` node. */
export interface ModelRoute {
  readonly working: readonly string[];
  /** The 1+1 protection route, disjoint from the working route, or null: unprotected. */
  readonly protection: readonly string[] | null;
}

export interface ModelRiskGroup {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Probability that the event is active in a scenario, in [0, 1]. */
  readonly eventProbability: number;
  /** Mean duration of an event in hours (> 0): from duration, else DEFAULT_EVENT_HOURS. */
  readonly durationHours: number;
  /** The event-duration distribution (mean durationHours), or null when given by probability only (default). */
  readonly duration: TimeDistribution | null;
  /** How the members come back after an event (time simulation). */
  readonly recovery: ModelRecovery;
  /** Probability that each member fails when the event occurs, in [0, 1]. */
  readonly memberFailureProbability: number;
  /** Node and link ids, in file order (nodes first, then links). */
  readonly members: readonly string[];
}

/** A validated service, one variant per kind (declared in scenarios/topology/services/). */
export type { ModelService } from './services/topology-service-kinds.ts';

/**
 * A repair crew (time simulation): `count` members repair in parallel the elements it is assigned, each job taking a
 * response time then the element's own repair time; jobs wait first-in first-out while every member is busy.
 */
export interface ModelCrew {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Members, an integer >= 1. */
  readonly count: number;
  /** Response-time distribution (mean >= 0 hours; 0: no delay). */
  readonly response: TimeDistribution;
  /** Node and link ids it repairs, nodes first, in model order; each element has at most one crew. */
  readonly elements: readonly string[];
}

export interface TopologyModel {
  readonly name: string;
  readonly description: string;
  readonly illustrative: boolean;
  readonly nodes: readonly ModelNode[];
  readonly links: readonly ModelLink[];
  readonly riskGroups: readonly ModelRiskGroup[];
  readonly services: readonly ModelService[];
  /** Repair crews, in file order (empty: repairs start at once). */
  readonly crews: readonly ModelCrew[];
}

/**
 * Repair time assumed where a file gives only an availability or probability (no mttr): 4 h, the typical
 * on-site repair time of telecom equipment with spares on site (planning value; give mttr for your network).
 */
export const DEFAULT_REPAIR_HOURS = 4;
/** Event duration assumed for a risk group given by probability only: 8 h (planning value). */
export const DEFAULT_EVENT_HOURS = 8;

/** Default attack cost of an element without one: every element equally cheap to attack. */
export const DEFAULT_ATTACK_COST = 1;
