// Messages between runners and workers (threads or remote processes): plain, structured-clone and JSON safe.

import type { BatchResult, SimulationPlan } from '../engine/index.ts';

/** One unit of work: a batch of one scenario. */
export interface BatchTask {
  readonly scenarioIndex: number;
  readonly batchIndex: number;
  /** Samples in this batch, >= 1. */
  readonly sampleCount: number;
}

/** Data every pool worker receives once at start-up (piscina workerData). */
export interface WorkerInit {
  readonly plan: SimulationPlan;
}

/** Anything that can run batches: the local thread pool, an in-process runner, or a distributed queue. */
export interface BatchExecutor {
  /** How many batches it can usefully run at once. */
  readonly concurrency: number;
  run(task: BatchTask): Promise<BatchResult>;
  close(): Promise<void>;
}

/** A worker thread died or a batch failed; the runner retries a batch up to this many times. */
export const MAX_BATCH_ATTEMPTS = 3;
