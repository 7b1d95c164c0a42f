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

/**
 * How a scenario's forced elements and groups happen in the time simulation: at time 0 of every simulated year
 * (`start`), all the time (`throughout`: the static engine's conditional view), or as a Poisson process at
 * `eventsPerYear` (> 0) instead of their modelled rate (`arrivals`).
 */
export type ForcedEvents =
  | { readonly kind: 'start' }
  | { readonly kind: 'throughout' }
  | { readonly kind: 'arrivals'; readonly eventsPerYear: number };

/** The time-simulation settings of a study; every field null when not given. */
export interface StudySimulation {
  /** Simulated years per scenario (`simulate`, and comparisons in time). */
  readonly years: number | null;
  readonly yearsPerBatch: number | null;
  /** The default for scenarios that give none. */
  readonly forcedEvents: ForcedEvents | null;
  /** What `neverout compare` pairs when this study is compared: 'time' pairs simulated years. */
  readonly compare: 'static' | 'time' | null;
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
  /** Time simulation: how its forced events happen; absent or null: the study's default (else at year start). */
  readonly forcedEvents?: ForcedEvents | null;
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
  /** Time-simulation settings; absent in studies made without them (an implicit study). */
  readonly simulation?: StudySimulation;
}
