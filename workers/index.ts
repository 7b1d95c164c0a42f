// Public API of workers/: runs plans of every batch kind on the inline runner, a worker-thread pool or BullMQ
// workers through Redis, with checkpoints (resume, shards, merge). It never sees a scenario file.

export type { BatchExecutor, BatchTask, WorkerInit } from './protocol.ts';
export { MAX_BATCH_ATTEMPTS } from './protocol.ts';
export {
  checkThreadCount,
  createInlineExecutor,
  createLocalExecutor,
  createThreadPoolExecutor,
  defaultThreadCount,
  MAX_THREADS_PER_CORE,
  maxThreadCount,
  ThreadCountError,
  type ThreadPoolOptions,
} from './pool/thread-pool.ts';
export { BatchRunError, runPlan, type RunPlanOptions, type RunProgress, type StudyRun } from './run-plan.ts';
export * from './checkpoint/index.ts';
export * from './distributed/index.ts';
