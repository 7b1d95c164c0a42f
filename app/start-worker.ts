// Use case "worker": a long-running process that computes batches (of every kind) of distributed runs on its local
// thread pool. It validates and compiles every plan it is sent itself, in a thread, from the plan's captured
// inputs: it never takes code or file paths from Redis.

import { startQueueWorker, type QueueNames, type QueueWorker, type QueueWorkerOptions, type RedisSettings } from '../workers/index.ts';
import { compileSpecInThread } from './internal/compile-spec-thread.ts';

/** Options of startWorker: those of the queue worker (concurrency, lock duration, stall checks, log). */
export type StartWorkerOptions = QueueWorkerOptions;

/**
 * Connects to Redis and starts taking batch jobs; close() lets running batches finish.
 * @throws RedisUnreachableError (an InputError) when Redis cannot be reached
 */
export function startWorker(settings: RedisSettings, names: QueueNames, options: StartWorkerOptions = {}): Promise<QueueWorker> {
  return startQueueWorker(settings, names, compileSpecInThread, options);
}
