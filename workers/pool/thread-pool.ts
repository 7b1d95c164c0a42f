// The local worker-thread pool (piscina) and the inline executor, for every kind of batch: the plan is sent once
// per worker as workerData, its typed arrays on SharedArrayBuffers so all workers read one copy; tasks and
// results are small plain objects. piscina is loaded only when a pool starts.

import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { exportPreparedPlanData, InputError, runPlanBatch, type BatchPlan, type PlanBatchResult } from '../../engine/index.ts';
import type { BatchExecutor, BatchTask, WorkerInit } from '../protocol.ts';
import { sharePlanArrays } from './share-plan.ts';

// A CommonJS entry that imports the batch worker: from the sources its shim that registers the TypeScript loader, in
// the build the compiled worker. CommonJS so that piscina's require() of it never loads an ES module (Node 20's
// require(esm) can abort the process), without passing Node options that would keep the threads from inheriting the
// process's own (`node --max-old-space-size=8192 neverout run` passes a V8 flag, which a thread's execArgv refuses).
const WORKER_FILE = fileURLToPath(new URL('./batch-worker.cjs', import.meta.url));

/** Worker threads per core at most: more only adds memory and scheduling overhead to CPU-bound batches. */
export const MAX_THREADS_PER_CORE = 4;

/** Options of the thread pool; every field optional. */
export interface ThreadPoolOptions {
  /** Worker threads, in [1, maxThreadCount()]; default one per core. */
  threads?: number;
  /** Override the worker entry (tests use fixture workers). */
  workerFile?: string;
}

/** Default thread count: one per core the process may use. */
export function defaultThreadCount(): number {
  return Math.max(1, availableParallelism());
}

/** Most worker threads a pool may start on this machine: MAX_THREADS_PER_CORE per core. */
export function maxThreadCount(): number {
  return MAX_THREADS_PER_CORE * defaultThreadCount();
}

/** A thread count outside [1, maxThreadCount()]: the flag or option that gave it is the user's to fix. */
export class ThreadCountError extends InputError {
  override readonly name = 'ThreadCountError';
}

/**
 * Checks a requested number of worker threads (0: run on the calling thread).
 * @param what the flag or option named in the message, e.g. "--workers"
 * @throws ThreadCountError
 */
export function checkThreadCount(threads: number, what: string): number {
  const max = maxThreadCount();
  if (!Number.isSafeInteger(threads) || threads < 0 || threads > max) {
    throw new ThreadCountError(
      `${what} must be an integer in [0, ${max}] on this machine (0 runs on the main thread; at most ` +
        `${MAX_THREADS_PER_CORE} per core, ${defaultThreadCount()} cores), got ${String(threads)}`,
    );
  }
  return threads;
}

/**
 * Batches on a scenario's thread, the running one included, before an idle thread takes the next one (see
 * createThreadPoolExecutor). A batch already queued on a thread stays there.
 */
export const BACKLOG_BEFORE_STEALING = 2;

/**
 * Creates an executor backed by worker threads: one single-thread piscina pool per thread, so that a scenario's
 * batches can stay on one thread. Each thread keeps what it derives per scenario (the fast path's structures, the
 * traffic routings of the states it met, importance and permutation plans): a scenario that keeps its thread finds
 * them there instead of deriving them again on every thread. A batch goes to its scenario's thread (the least busy
 * thread when the scenario first runs) unless that thread holds BACKLOG_BEFORE_STEALING batches (running or queued)
 * and another none: then to the idle one. (A central queue that let every free thread take a batch of a busy
 * thread's scenario measured 2-3% slower in alternating runs: it gave up more of the affinity.) Which thread runs a
 * batch never changes its result.
 */
export async function createThreadPoolExecutor(plan: BatchPlan, options: ThreadPoolOptions = {}): Promise<BatchExecutor> {
  const threads = options.threads ?? defaultThreadCount();
  if (!Number.isInteger(threads) || threads < 1 || threads > maxThreadCount())
    throw new RangeError(`options.threads must be an integer in [1, ${maxThreadCount()}]`);
  const { Piscina } = await import('piscina');
  // Structured clone keeps SharedArrayBuffer-backed arrays shared: one copy of the topology for every worker.
  // What compiling the plan already derived (the estimator choice builds the stratified strata) goes along, so the
  // workers do not derive it again.
  const workerData: WorkerInit = { plan: sharePlanArrays(plan), prepared: sharePlanArrays(exportPreparedPlanData(plan)) };
  const pools = Array.from(
    { length: threads },
    () =>
      new Piscina({
        filename: options.workerFile ?? WORKER_FILE,
        minThreads: 1,
        maxThreads: 1,
        // One task at a time per thread: batches are CPU-bound.
        concurrentTasksPerWorker: 1,
        idleTimeout: 60_000,
        workerData,
      }),
  );
  const pending = new Array<number>(threads).fill(0);
  const homeOf = new Map<number, number>();
  const leastBusy = (): number => pending.reduce((best, count, i) => (count < pending[best] ? i : best), 0);
  const choose = (scenarioIndex: number): number => {
    const home = homeOf.get(scenarioIndex);
    if (home === undefined) {
      const chosen = leastBusy();
      homeOf.set(scenarioIndex, chosen);
      return chosen;
    }
    const idle = pending.indexOf(0);
    return pending[home] >= BACKLOG_BEFORE_STEALING && idle >= 0 ? idle : home;
  };
  return {
    concurrency: threads,
    run: async (task: BatchTask, signal?: AbortSignal) => {
      const i = choose(task.scenarioIndex);
      pending[i]++;
      try {
        // An abort stops the thread under way (piscina terminates it and starts another).
        return (await pools[i].run(task, signal === undefined ? {} : { signal })) as PlanBatchResult;
      } finally {
        pending[i]--;
      }
    },
    close: async () => {
      await Promise.all(pools.map((pool) => pool.destroy()));
    },
  };
}

/** Runs batches on the calling thread: for tests, debugging and tiny plans. */
export function createInlineExecutor(plan: BatchPlan): BatchExecutor {
  return {
    concurrency: 1,
    run: (task: BatchTask) =>
      new Promise<PlanBatchResult>((resolve, reject) => {
        // Yield to the event loop between batches so signals and progress stay responsive.
        setImmediate(() => {
          try {
            resolve(runPlanBatch(plan, task));
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      }),
    close: () => Promise.resolve(),
  };
}

/**
 * The executor for `threads` worker threads: inline for 0, else a pool.
 * @param threads checked with checkThreadCount
 */
export async function createLocalExecutor(plan: BatchPlan, threads: number, options: Omit<ThreadPoolOptions, 'threads'> = {}): Promise<BatchExecutor> {
  return threads === 0 ? createInlineExecutor(plan) : createThreadPoolExecutor(plan, { ...options, threads });
}
