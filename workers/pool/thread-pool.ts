// The local worker-thread pool (piscina): the plan is sent once per worker as workerData, its typed arrays on
// SharedArrayBuffers so all workers read one copy; tasks and results are small plain objects.

import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { runBatch, type BatchResult, type SimulationPlan } from '../../engine/index.ts';
import type { BatchExecutor, BatchTask, WorkerInit } from '../protocol.ts';
import { sharePlanArrays } from './share-plan.ts';

const WORKER_FILE = fileURLToPath(new URL('./batch-worker.js', import.meta.url));

/** Options of the thread pool; every field optional. */
export interface ThreadPoolOptions {
  /** Worker threads, >= 1; default one per core. */
  threads?: number;
  /** Override the worker entry (tests use fixture workers). */
  workerFile?: string;
}

/** Default thread count: one per core the process may use. */
export function defaultThreadCount(): number {
  return Math.max(1, availableParallelism());
}

/** Creates an executor backed by a piscina pool of worker threads. */
export function createThreadPoolExecutor(plan: SimulationPlan, options: ThreadPoolOptions = {}): BatchExecutor {
  const threads = options.threads ?? defaultThreadCount();
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError('options.threads must be a positive integer');
  // Structured clone keeps SharedArrayBuffer-backed arrays shared: one copy of the topology for every worker.
  const workerData: WorkerInit = { plan: sharePlanArrays(plan) };
  const pool = new Piscina({
    filename: options.workerFile ?? WORKER_FILE,
    minThreads: threads,
    maxThreads: threads,
    // One task at a time per thread: batches are CPU-bound.
    concurrentTasksPerWorker: 1,
    idleTimeout: 60_000,
    workerData,
  });
  return {
    concurrency: threads,
    run: (task: BatchTask) => pool.run(task) as Promise<BatchResult>,
    close: () => pool.destroy(),
  };
}

/** Runs batches on the calling thread: for tests, debugging and tiny plans. */
export function createInlineExecutor(plan: SimulationPlan): BatchExecutor {
  return {
    concurrency: 1,
    run: (task: BatchTask) =>
      new Promise<BatchResult>((resolve, reject) => {
        // Yield to the event loop between batches so signals and progress stay responsive.
        setImmediate(() => {
          try {
            resolve(
              runBatch(plan, task.scenarioIndex, task.batchIndex, task.sampleCount),
            );
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      }),
    close: () => Promise.resolve(),
  };
}
