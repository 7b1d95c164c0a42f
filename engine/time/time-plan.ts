// A time-simulation plan: plain data (model, scenario, seed, year budget, years per batch) that any runner splits
// into batches. Batch b simulates years [b * yearsPerBatch, min(years, (b + 1) * yearsPerBatch)), each batch on
// its own stream, so the plan fixes every number independently of the worker count.

import type { CompiledModel, CompiledScenario } from '../model.ts';
import { runTimeBatch } from './run-time-batch.ts';
import type { TimeBatchResult } from './time-batch-result.ts';

/** Default years per batch: about 40 ms of work on the illustrative NAFIN model. */
export const DEFAULT_YEARS_PER_BATCH = 100;

/** Everything needed to run a time simulation's batches anywhere: structured-clone safe. */
export interface TimePlan {
  readonly model: CompiledModel;
  /** A baseline-like scenario (see runTimeBatch). */
  readonly scenario: CompiledScenario;
  /** Study seed. */
  readonly seed: string;
  /** Total simulated years, an integer >= 1. */
  readonly years: number;
  /** Years per batch, an integer >= 1 (the last batch may be shorter). */
  readonly yearsPerBatch: number;
}

/** Number of batches of a plan: ceil(years / yearsPerBatch). */
export function countTimeBatches(plan: Pick<TimePlan, 'years' | 'yearsPerBatch'>): number {
  if (!Number.isSafeInteger(plan.years) || plan.years < 1)
    throw new RangeError(`years must be a positive integer, got ${plan.years}`);
  if (!Number.isSafeInteger(plan.yearsPerBatch) || plan.yearsPerBatch < 1) {
    throw new RangeError(`yearsPerBatch must be a positive integer, got ${plan.yearsPerBatch}`);
  }
  return Math.ceil(plan.years / plan.yearsPerBatch);
}

/** Years simulated by batch `batchIndex` of the plan. */
export function countBatchYears(plan: Pick<TimePlan, 'years' | 'yearsPerBatch'>, batchIndex: number): number {
  return Math.max(0, Math.min(plan.yearsPerBatch, plan.years - batchIndex * plan.yearsPerBatch));
}

/** Runs batch `batchIndex` of a plan (pure). */
export function runTimePlanBatch(plan: TimePlan, batchIndex: number): TimeBatchResult {
  const years = countBatchYears(plan, batchIndex);
  if (years < 1) throw new RangeError(`batch ${batchIndex} is outside the plan (${countTimeBatches(plan)} batches)`);
  return runTimeBatch(plan.model, plan.scenario, plan.seed, batchIndex, years);
}
