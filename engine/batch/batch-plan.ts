// The one batch protocol's data: a BatchPlan says what kind of batches a study asks for (static estimators, a time
// simulation, a paired comparison, a paired comparison in time) and carries that kind's plain, serialisable plan; a BatchTask names one batch;
// every kind's batch result carries the same keys (scenario, batch index, samples), so one runner, one tally and
// one checkpoint format serve every kind.
//
//   BatchPlan { kind, plan } ──task (scenario, batch, samples)──> runPlanBatch ──> PlanBatchResult ──> tally

import type { PairedBatchResult, PairedPlan } from '../compare/paired-plan.ts';
import type { BatchResult } from '../estimation/batch-result.ts';
export type { KeyedBatchResult } from '../estimation/batch-result.ts';
import type { SimulationPlan } from '../model.ts';
import type { PairedTimeBatchResult, PairedTimePlan } from '../time/paired-time.ts';
import type { TimeBatchResult } from '../time/time-batch-result.ts';
import type { TimePlan } from '../time/time-plan.ts';

/**
 * The kinds of batches: static estimators (run), a time simulation (simulate), a paired comparison (compare), and a
 * paired comparison in time (compare of studies that ask for it).
 */
export type BatchKind = 'static' | 'time' | 'paired' | 'paired-time';

/** Every batch kind, in a fixed order. */
export const BATCH_KINDS: readonly BatchKind[] = Object.freeze(['static', 'time', 'paired', 'paired-time']);

/** One unit of work: batch `batchIndex` of scenario `scenarioIndex`. */
export interface BatchTask {
  /** Index into the plan's scenarios (for a comparison: its scenario pairs), >= 0. */
  readonly scenarioIndex: number;
  /** Dense batch index, >= 0; with the seed and scenario id it fixes the batch's random stream. */
  readonly batchIndex: number;
  /** Samples (time simulation: simulated years) in this batch, >= 1; the plan prescribes it. */
  readonly sampleCount: number;
  /**
   * Static plans only: services not to evaluate in this batch (ascending, distinct), because they stopped sampling
   * before it (their own counted prefix ends at or before `batchIndex`). Work saved, nothing else: the batch's
   * stream and every other service's tally are the same with or without it, and a skipped service's tally never
   * counts (engine/estimation/batch-result.ts SKIPPED_CRUDE_TALLY). Absent: evaluate every service.
   */
  readonly skipServices?: readonly number[];
}

/** Everything a runner needs to run a study's batches anywhere: plain data, structured-clone safe. */
export type BatchPlan =
  | { readonly kind: 'static'; readonly plan: SimulationPlan }
  | { readonly kind: 'time'; readonly plan: TimePlan }
  | { readonly kind: 'paired'; readonly plan: PairedPlan }
  | { readonly kind: 'paired-time'; readonly plan: PairedTimePlan };

/** The result of one batch of any kind. Plain numbers only; JSON and structured-clone safe. */
export type PlanBatchResult = BatchResult | TimeBatchResult | PairedBatchResult | PairedTimeBatchResult;

/** The result type of a plan of kind K. */
export type BatchResultOf<K extends BatchKind> = K extends 'static'
  ? BatchResult
  : K extends 'time'
    ? TimeBatchResult
    : K extends 'paired'
      ? PairedBatchResult
      : PairedTimeBatchResult;
