// The validated topology: every id resolved, every quantity in base units, every element's steady-state failure
// probability computed. Plain data; compileModel turns it into engine arrays.

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
  /** Cost for a saboteur to take it down, > 0. */
  readonly attackCost: number;
}

export interface ModelLink {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly medium: LinkMedium;
  readonly lengthKm: number | null;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  readonly failureProbability: number;
  readonly attackCost: number;
}

export interface ModelRiskGroup {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Probability that the event is active in a scenario, in [0, 1]. */
  readonly eventProbability: number;
  /** Probability that each member fails when the event occurs, in [0, 1]. */
  readonly memberFailureProbability: number;
  /** Node and link ids, in file order (nodes first, then links). */
  readonly members: readonly string[];
}

export type ModelService =
  | {
      readonly kind: 'connected';
      readonly id: string;
      readonly name: string;
      readonly description: string;
      readonly endpoints: readonly string[];
      readonly target: number | null;
    }
  | {
      readonly kind: 'reach';
      readonly id: string;
      readonly name: string;
      readonly description: string;
      readonly from: readonly string[];
      readonly to: readonly string[];
      readonly k: number;
      readonly target: number | null;
    };

export interface TopologyModel {
  readonly name: string;
  readonly description: string;
  readonly illustrative: boolean;
  readonly nodes: readonly ModelNode[];
  readonly links: readonly ModelLink[];
  readonly riskGroups: readonly ModelRiskGroup[];
  readonly services: readonly ModelService[];
}

/** Default attack cost of an element without one: every element equally cheap to attack. */
export const DEFAULT_ATTACK_COST = 1;
