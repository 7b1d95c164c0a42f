// Worker entry for time-simulation batches: imports only the engine and node's worker data.

import { workerData } from 'node:worker_threads';
import { runTimePlanBatch, type TimeBatchResult, type TimePlan } from '../../engine/time/index.ts';

const plan = (workerData as { plan: TimePlan }).plan;

/** Runs one batch of the plan given at start-up (piscina task). */
export default function runTimeTask(task: { batchIndex: number }): TimeBatchResult {
  return runTimePlanBatch(plan, task.batchIndex);
}
