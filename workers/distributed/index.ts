// workers/distributed/: distributed runs on BullMQ over Redis, for every batch kind: the coordinator's executor and
// the remote worker (which compiles the plans it is sent with a loader the application layer provides).

export {
  checkQueueName,
  DEFAULT_KEY_PREFIX,
  DEFAULT_QUEUE_NAME,
  planResultsKey,
  planSpecKey,
  REFUSAL_PREFIX,
  type QueueNames,
} from './batch-job.ts';
export {
  DEFAULT_QUEUE_EXECUTOR_OPTIONS,
  openQueueExecutor,
  WorkerRefusedError,
  type DistributedPlan,
  type QueueExecutor,
  type QueueExecutorOptions,
} from './queue-executor.ts';
export {
  DEFAULT_QUEUE_WORKER_OPTIONS,
  MAX_SPEC_TEXT_CHARS,
  startQueueWorker,
  type BatchJobOutcome,
  type PlanLoader,
  type PlanLoadOutcome,
  type QueueWorker,
  type QueueWorkerOptions,
} from './queue-worker.ts';
export {
  parseRedisUrl,
  redactRedisUrls,
  redactSecret,
  RedisUnreachableError,
  RedisUrlError,
  type RedisSettings,
  type RedisUrlOptions,
} from './redis-connection.ts';
