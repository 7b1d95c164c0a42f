// The validated study: scenarios resolved against the topology, ready to compile into a SimulationPlan.

import type { ModelRiskGroup } from '../topology/topology-model.ts';
import type { SabotageStrategy } from './study-schema.ts';

export interface SabotageSpec {
  readonly budget: { readonly kind: 'count'; readonly count: number } | { readonly kind: 'cost'; readonly cost: number };
  readonly targets: 'links' | 'nodes' | 'all';
  readonly strategy: SabotageStrategy;
}

export interface ProbabilityOverride {
  /** Node and link ids the override applies to. */
  readonly elements: readonly string[];
  readonly failureProbability: number;
}

export interface StudyScenario {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Risk-group ids whose event is forced. */
  readonly forcedGroups: readonly string[];
  /** Node and link ids forced down. */
  readonly forcedElements: readonly string[];
  readonly randomFailures: boolean;
  readonly sabotage: SabotageSpec | null;
  readonly overrides: readonly ProbabilityOverride[];
}

export interface StudyModel {
  readonly name: string;
  readonly description: string;
  /** 'default' or the topology path as written in the study. */
  readonly topology: string;
  readonly seed: string | null;
  readonly samples: number | null;
  readonly batchSize: number | null;
  readonly relativeError: number | null;
  readonly maxTimeSeconds: number | null;
  /** Service ids to evaluate, or null for all. */
  readonly services: readonly string[] | null;
  /** Extra risk groups declared in the study. */
  readonly riskGroups: readonly ModelRiskGroup[];
  readonly scenarios: readonly StudyScenario[];
}
