// A time-simulation plan: plain data (model, scenarios, seed, year budget, years per batch) that any runner splits
// into batches. Batch b of a scenario simulates years [b * batchSize, min(years, (b + 1) * batchSize)), each batch on
// its own stream, so the plan fixes every number independently of the worker count.

import type { CompiledModel, CompiledScenario, StoppingRule } from '../model.ts';
import { runTimeBatch } from './run-time-batch.ts';
import type { TimeBatchResult } from './time-batch-result.ts';

/** Default years per batch: about 40 ms of work on the illustrative NAFIN model. */
export const DEFAULT_YEARS_PER_BATCH = 100;

/** Everything needed to run a time simulation's batches anywhere: structured-clone safe. */
export interface TimePlan {
  readonly model: CompiledModel;
  /** The scenarios simulated (see runTimeBatch for how forcing and attacks are read). */
  readonly scenarios: readonly CompiledScenario[];
  /** Study seed. */
  readonly seed: string;
  /** Simulated years per batch, an integer >= 1 (the last batch of a scenario may be shorter). */
  readonly batchSize: number;
  /** `maxSamples` is the number of simulated years per scenario; `relativeError` applies to downtime per year. */
  readonly stopping: StoppingRule;
}

/**
 * Runs batch `batchIndex` of scenario `scenarioIndex` with `years` simulated years (pure).
 * @param years the years the plan prescribes for this batch (see batchSampleCount in engine/batch), >= 1
 */
export function runTimePlanBatch(plan: TimePlan, scenarioIndex: number, batchIndex: number, years: number): TimeBatchResult {
  const scenario = plan.scenarios[scenarioIndex];
  if (scenario === undefined) throw new RangeError(`scenario index ${scenarioIndex} is out of range`);
  if (!Number.isSafeInteger(years) || years < 1) throw new RangeError(`years must be a positive integer, got ${years}`);
  return runTimeBatch(plan.model, scenario, plan.seed, batchIndex, years, scenarioIndex);
}
