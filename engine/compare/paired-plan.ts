// Paired plans for plan comparison with common random numbers: two models (base and plan) are sampled from
// one stream over the union of their elements, matched by id, so an element shared by both is down in both
// or in neither unless its probability differs (then the coupling is monotone). The difference in
// availability is then estimated far more tightly than from two independent runs.

import type { KeyedBatchResult } from '../estimation/batch-result.ts';
import type { CompiledScenario, SimulationPlan, StoppingRule } from '../model.ts';

/** Two plans whose elements, groups, services and scenarios are matched by id. */
export interface PairedPlan {
  readonly base: SimulationPlan;
  readonly plan: SimulationPlan;
  /** Number of union elements (ids present in base or plan). */
  readonly unionElementCount: number;
  /** Element index in base of each union element, or -1 when base lacks it. */
  readonly baseElementOfUnion: Int32Array;
  /** Element index in plan of each union element, or -1 when plan lacks it. */
  readonly planElementOfUnion: Int32Array;
  readonly unionGroupCount: number;
  readonly baseGroupOfUnion: Int32Array;
  readonly planGroupOfUnion: Int32Array;
  /** Service pairs compared: base service index and plan service index, by service id. */
  readonly servicePairs: ReadonlyArray<{ readonly id: string; readonly base: number; readonly plan: number }>;
  /** Scenario pairs compared: base scenario index and plan scenario index, by scenario id. */
  readonly scenarioPairs: ReadonlyArray<{ readonly id: string; readonly base: number; readonly plan: number }>;
  /** Seed of the shared stream. */
  readonly seed: string;
  /** Paired samples per batch. */
  readonly batchSize: number;
  /** `maxSamples` is the paired samples per scenario pair; `relativeError` applies to the differences. */
  readonly stopping: StoppingRule;
}

/** Integer 2x2 table of one service pair over some samples; merges by addition. */
export interface PairedServiceTally {
  readonly samples: number;
  readonly baseDown: number;
  readonly planDown: number;
  readonly bothDown: number;
}

/** One batch of paired samples of scenario pair `scenarioIndex` (keys as every kind's batch result). */
export interface PairedBatchResult extends KeyedBatchResult {
  /** One table per service pair, in `servicePairs` order. */
  readonly services: PairedServiceTally[];
}

/** True when a scenario's random failures are sampled (otherwise only forced events apply). */
export function isRandomScenario(scenario: CompiledScenario): boolean {
  return scenario.randomFailures || scenario.attack.kind === 'random';
}
