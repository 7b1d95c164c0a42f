// Public API of workers/checkpoint/: the run's inputs as text (PlanSpec), the batches.jsonl checkpoint (append,
// read, resume, merge) and validation of batch results that come from outside the process.

export {
  batchResultSchema,
  checkBatchAgainstPlan,
  InvalidBatchResultError,
  MAX_BATCH_RESULT_CHARS,
  parseBatchResult,
  parseBatchResultText,
} from './batch-result-schema.ts';
export {
  InvalidPlanSpecError,
  MAX_PLAN_SPEC_CHARS,
  parsePlanSpec,
  parsePlanSpecText,
  PLAN_SPEC_FORMAT,
  planSpecSchema,
  type PlanSource,
  type PlanSpec,
  type PlanSpecOptions,
} from './plan-spec.ts';
export {
  CHECKPOINT_FILE,
  CHECKPOINT_FORMAT,
  CheckpointError,
  DEFAULT_SYNC_INTERVAL_MS,
  openCheckpointWriter,
  readCheckpoint,
  type Checkpoint,
  type CheckpointHeader,
  type CheckpointWriter,
  type CheckpointWriterOptions,
  type ShardSpec,
} from './checkpoint-file.ts';
export {
  CheckpointMismatchError,
  mergeCheckpoints,
  resolveCheckpointPath,
  type MergedCheckpoints,
} from './merge-checkpoints.ts';
