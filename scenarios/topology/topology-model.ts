// The validated topology: every id resolved, every quantity in base units, every element's steady-state failure
// probability computed. Plain data; compileModel turns it into engine arrays.

import type { ModelService } from './services/topology-service-kinds.ts';
import type { LinkMedium } from './topology-schema.ts';

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
  readonly failureProbability: number;
  /** Mean time to repair in hours (> 0): from mttr or repairTime, else DEFAULT_REPAIR_HOURS. */
  readonly repairHours: number;
  readonly attackCost: number;
}

export interface ModelRiskGroup {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Probability that the event is active in a scenario, in [0, 1]. */
  readonly eventProbability: number;
  /** Mean duration of an event in hours (> 0): from duration, else DEFAULT_EVENT_HOURS. */
  readonly durationHours: number;
  /** Probability that each member fails when the event occurs, in [0, 1]. */
  readonly memberFailureProbability: number;
  /** Node and link ids, in file order (nodes first, then links). */
  readonly members: readonly string[];
}

/** A validated service, one variant per kind (declared in scenarios/topology/services/). */
export type { ModelService } from './services/topology-service-kinds.ts';

export interface TopologyModel {
  readonly name: string;
  readonly description: string;
  readonly illustrative: boolean;
  readonly nodes: readonly ModelNode[];
  readonly links: readonly ModelLink[];
  readonly riskGroups: readonly ModelRiskGroup[];
  readonly services: readonly ModelService[];
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
