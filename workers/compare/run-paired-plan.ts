// runPairedPlan: runs every batch of a comparison on worker threads and merges the integer 2x2 tables.
// Integer sums merge exactly in any order, so the result is independent of the worker count.

import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import {
  addPairedTallies,
  runPairedBatch,
  type PairedBatchResult,
  type PairedPlan,
  type PairedServiceTally,
} from '../../engine/index.ts';
import { MAX_BATCH_ATTEMPTS } from '../protocol.ts';

const WORKER_FILE = fileURLToPath(new URL('./paired-worker.js', import.meta.url));

export interface PairedRun {
  /** Per scenario pair, per service pair, the merged table. */
  readonly tallies: readonly (readonly PairedServiceTally[])[];
  readonly interrupted: boolean;
}

/** Runs a paired plan. `threads` 0 runs on the calling thread. */
export async function runPairedPlan(
  pair: PairedPlan,
  options: { threads: number; signal?: AbortSignal; onBatch?: (done: number, total: number) => void },
): Promise<PairedRun> {
  const batchesPerScenario = Math.ceil(pair.samples / pair.batchSize);
  const tasks = pair.scenarioPairs.flatMap((_, s) =>
    Array.from({ length: batchesPerScenario }, (_, b) => ({
      scenarioPairIndex: s,
      batchIndex: b,
      sampleCount: Math.min(pair.batchSize, pair.samples - b * pair.batchSize),
    })),
  );
  const pool =
    options.threads > 0
      ? new Piscina({ filename: WORKER_FILE, minThreads: options.threads, maxThreads: options.threads, workerData: { pair } })
      : null;
  const run = async (task: (typeof tasks)[number]): Promise<PairedBatchResult> => {
    let last: unknown = null;
    for (let attempt = 0; attempt < MAX_BATCH_ATTEMPTS; attempt++) {
      try {
        if (pool !== null) return (await pool.run(task)) as PairedBatchResult;
        await new Promise((r) => setImmediate(r));
        return runPairedBatch(pair, task.scenarioPairIndex, task.batchIndex, task.sampleCount);
      } catch (error) {
        last = error;
      }
    }
    throw last instanceof Error ? last : new Error(String(last));
  };
  const zero: PairedServiceTally = { samples: 0, baseDown: 0, planDown: 0, bothDown: 0 };
  const tallies = pair.scenarioPairs.map(() => pair.servicePairs.map(() => zero));
  let next = 0;
  let done = 0;
  let interrupted = false;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      if (options.signal?.aborted === true) {
        interrupted = true;
        return;
      }
      const task = tasks[next++];
      const result = await run(task);
      const row = tallies[result.scenarioPairIndex];
      result.services.forEach((t, s) => (row[s] = addPairedTallies(row[s], t)));
      options.onBatch?.(++done, tasks.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.threads * 2) }, lane));
  } finally {
    await pool?.destroy();
  }
  return { tallies, interrupted };
}
