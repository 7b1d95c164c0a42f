// Messages between runners and workers (threads or remote processes): plain, structured-clone and JSON safe. The
// task and result types are the engine's one batch protocol (engine/batch), the same for every kind of batch.

import type { BatchPlan, BatchTask, PlanBatchResult, PreparedPlanData } from '../engine/index.ts';

export type { BatchTask } from '../engine/index.ts';

/** Data every pool worker receives once at start-up (piscina workerData). */
export interface WorkerInit {
  readonly plan: BatchPlan;
  /** What the coordinator derived from the plan (stratified strata), adopted before the first batch. */
  readonly prepared?: PreparedPlanData | null;
}

/** Anything that can run batches: the local thread pool, an in-process runner, or a distributed queue. */
export interface BatchExecutor {
  /** How many batches it can usefully run at once. */
  readonly concurrency: number;
  /**
   * Runs one batch.
   * @param signal aborted when the run's time budget is spent: an executor that can stop a batch under way rejects
   *   its promise (the batch is dropped; the run counts the batches it completed); one that cannot ignores it
   */
  run(task: BatchTask, signal?: AbortSignal): Promise<PlanBatchResult>;
  close(): Promise<void>;
}

/** A worker thread died or a batch failed; the runner retries a batch up to this many times. */
export const MAX_BATCH_ATTEMPTS = 3;

/**
 * Most services one task asks a worker to skip (BatchTask.skipServices; skipping saves work only): keeps the task
 * small for Redis job data (workers/distributed/batch-job.ts MAX_JOB_DATA_CHARS).
 */
export const MAX_SKIPPED_SERVICES = 2_000;
