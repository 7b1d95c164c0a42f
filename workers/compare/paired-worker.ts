// Worker entry for paired (comparison) batches: imports only the engine and node's worker data.

import { workerData } from 'node:worker_threads';
import { runPairedBatch, type PairedBatchResult, type PairedPlan } from '../../engine/index.ts';

const pair = (workerData as { pair: PairedPlan }).pair;

export default function runPairedTask(task: { scenarioPairIndex: number; batchIndex: number; sampleCount: number }): PairedBatchResult {
  return runPairedBatch(pair, task.scenarioPairIndex, task.batchIndex, task.sampleCount);
}
