// runTimePlan: runs every batch of a time simulation on a piscina pool (or the calling thread) and merges them
// into a tally keyed by batch index. Estimates use the contiguous prefix of batches, summed in index order, so
// the result is identical for any thread count.

import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import {
  addTimeBatch,
  countContiguousTimeBatches,
  countTimeBatches,
  createTimeTally,
  runTimePlanBatch,
  type TimeBatchResult,
  type TimePlan,
  type TimeTally,
} from '../../engine/time/index.ts';
import { MAX_BATCH_ATTEMPTS } from '../protocol.ts';

const WORKER_FILE = fileURLToPath(new URL('./time-worker.js', import.meta.url));

/** Options of runTimePlan. */
export interface RunTimePlanOptions {
  /** Worker threads; 0 runs the batches on the calling thread (yielding between batches). */
  readonly threads: number;
  /** Stops dispatching new batches; in-flight batches finish and the run is marked interrupted. */
  readonly signal?: AbortSignal;
  /** Called after each finished batch with the years and batches done so far. */
  readonly onBatch?: (progress: {
    completedYears: number;
    plannedYears: number;
    completedBatches: number;
    plannedBatches: number;
  }) => void;
}

/** A finished (or interrupted) time simulation. */
export interface TimeRun {
  /** Every batch that finished, sorted by batch index. */
  readonly tally: TimeTally;
  /** Batches 0..countedBatches-1 are all present: the prefix estimates use. */
  readonly countedBatches: number;
  readonly plannedBatches: number;
  /** Years in the counted batches. */
  readonly countedYears: number;
  readonly interrupted: boolean;
}

/** Runs a time plan; every batch is retried up to MAX_BATCH_ATTEMPTS times. */
export async function runTimePlan(plan: TimePlan, options: RunTimePlanOptions): Promise<TimeRun> {
  if (!Number.isSafeInteger(options.threads) || options.threads < 0) {
    throw new RangeError(`options.threads must be a non-negative integer, got ${options.threads}`);
  }
  const plannedBatches = countTimeBatches(plan);
  const pool =
    options.threads > 0
      ? new Piscina({
          filename: WORKER_FILE,
          minThreads: options.threads,
          maxThreads: options.threads,
          // Batches are CPU-bound: one at a time per thread.
          concurrentTasksPerWorker: 1,
          workerData: { plan },
        })
      : null;
  const run = async (batchIndex: number): Promise<TimeBatchResult> => {
    let last: unknown = null;
    for (let attempt = 0; attempt < MAX_BATCH_ATTEMPTS; attempt++) {
      try {
        if (pool !== null) return (await pool.run({ batchIndex })) as TimeBatchResult;
        // Yield so a SIGINT handler can run between batches on the main thread.
        await new Promise((resolve) => setImmediate(resolve));
        return runTimePlanBatch(plan, batchIndex);
      } catch (error) {
        last = error;
      }
    }
    throw last instanceof Error ? last : new Error(String(last));
  };
  const tally = createTimeTally(plan.scenario.id);
  let next = 0;
  let completedBatches = 0;
  let completedYears = 0;
  let interrupted = false;
  const lane = async (): Promise<void> => {
    while (next < plannedBatches) {
      if (options.signal?.aborted === true) {
        interrupted = true;
        return;
      }
      const batch = await run(next++);
      addTimeBatch(tally, batch);
      completedBatches++;
      completedYears += batch.years;
      options.onBatch?.({ completedYears, plannedYears: plan.years, completedBatches, plannedBatches });
    }
  };
  try {
    // Two lanes per thread keep every thread busy while results travel back.
    await Promise.all(Array.from({ length: Math.max(1, options.threads * 2) }, lane));
  } finally {
    await pool?.destroy();
  }
  const countedBatches = countContiguousTimeBatches(tally);
  let countedYears = 0;
  for (let b = 0; b < countedBatches; b++) countedYears += tally.batches[b].years;
  return {
    tally,
    countedBatches,
    plannedBatches,
    countedYears,
    interrupted: interrupted || countedBatches < plannedBatches,
  };
}
