// Public API of workers/: run plans on worker threads (and, for distributed runs, on remote workers).

export type { BatchExecutor, BatchTask, WorkerInit } from './protocol.ts';
export { MAX_BATCH_ATTEMPTS } from './protocol.ts';
export { createInlineExecutor, createThreadPoolExecutor, defaultThreadCount, type ThreadPoolOptions } from './pool/thread-pool.ts';
export {
  batchSampleCount,
  BatchRunError,
  plannedBatchCount,
  runPlan,
  type RunPlanOptions,
  type RunProgress,
  type StudyRun,
} from './run-plan.ts';
export { runPairedPlan, type PairedRun } from './compare/run-paired-plan.ts';
