// The pool's worker entry: runs batches of the plan it received at start-up, whatever their kind. Imports only
// the protocol and the engine (STYLE.md), never the pool.

import { workerData } from 'node:worker_threads';
import { adoptPreparedPlanData, runPlanBatch, type PlanBatchResult } from '../../engine/index.ts';
import type { BatchTask, WorkerInit } from '../protocol.ts';

const init = workerData as WorkerInit;
adoptPreparedPlanData(init.plan, init.prepared);

/** Piscina calls the default export once per task. */
export default function runBatchTask(task: BatchTask): PlanBatchResult {
  return runPlanBatch(init.plan, task);
}
