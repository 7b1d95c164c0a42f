// Public API of workers/distributed/: distributed runs on BullMQ over Redis (the coordinator's executor and the
// remote worker), and loading a study from its inputs as text (remote workers, merge).

export {
  BATCH_JOB_NAME,
  batchJobDataSchema,
  batchJobId,
  checkQueueName,
  DEFAULT_KEY_PREFIX,
  DEFAULT_QUEUE_NAME,
  InvalidJobDataError,
  MAX_JOB_DATA_CHARS,
  parseBatchJobData,
  planResultsKey,
  planSpecKey,
  REFUSAL_PREFIX,
  resultField,
  type BatchJobData,
  type QueueNames,
} from './batch-job.ts';
export {
  compilePlanSpec,
  InputChangedError,
  loadInputFromTexts,
  PlanHashMismatchError,
  readPlanSpec,
  type CompiledSpec,
} from './load-plan-from-texts.ts';
export {
  DEFAULT_QUEUE_EXECUTOR_OPTIONS,
  openQueueExecutor,
  WorkerRefusedError,
  type QueueExecutor,
  type QueueExecutorOptions,
} from './queue-executor.ts';
export {
  DEFAULT_QUEUE_WORKER_OPTIONS,
  startQueueWorker,
  type BatchJobOutcome,
  type QueueWorker,
  type QueueWorkerOptions,
} from './queue-worker.ts';
export {
  connectRedisClient,
  createRedisClient,
  parseRedisUrl,
  reconnectDelayMs,
  redactRedisUrls,
  redactSecret,
  RedisUnreachableError,
  RedisUrlError,
  toRedisOptions,
  type RedisConnectionOptions,
  type RedisSettings,
  type RedisUrlOptions,
} from './redis-connection.ts';
