// workers/checkpoint/: the batches.jsonl checkpoint (append, read, resume, merge) for every batch kind, and
// validation of batch results that come from outside the process.

export {
  InvalidBatchResultError,
  MAX_BATCH_RESULT_CHARS,
  parseBatchResult,
  parseBatchResultText,
} from './batch-result-schema.ts';
export {
  CHECKPOINT_FILE,
  CHECKPOINT_FORMAT,
  checkCheckpointBatches,
  CheckpointError,
  DEFAULT_SYNC_INTERVAL_MS,
  isInShard,
  MAX_CHECKPOINT_HEADER_CHARS,
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
