// The remote worker: takes batch jobs from the BullMQ queue and runs them on its local thread pool. For each plan
// it fetches the spec (the study's inputs as text) once, validates and compiles it itself and checks the plan
// hash, so it never takes code or file paths from Redis and only runs studies it can parse and validate.
//
//   job ──validate data, engine version──> plan cache (spec ──compile in a thread──> hash check ──> thread pool)
//       ──run batch──> HSETNX result (only while the plan's spec exists) ──> job completed

import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { ENGINE_VERSION, type SimulationPlan } from '../../engine/index.ts';
import { MAX_BATCH_RESULT_CHARS, MAX_PLAN_SPEC_CHARS } from '../checkpoint/index.ts';
import { createThreadPoolExecutor, defaultThreadCount } from '../pool/thread-pool.ts';
import type { BatchExecutor } from '../protocol.ts';
import { batchSampleCount, plannedBatchCount } from '../run-plan.ts';
import {
  batchJobId,
  InvalidJobDataError,
  parseBatchJobData,
  planResultsKey,
  planSpecKey,
  REFUSAL_PREFIX,
  resultField,
  STORE_RESULT_SCRIPT,
  type BatchJobData,
  type QueueNames,
} from './batch-job.ts';
import { compileSpecInThread } from './compile-spec-in-thread.ts';
import { openRedisClient, redactSecret, toRedisOptions, type RedisSettings } from './redis-connection.ts';

/** Options of startQueueWorker; every field optional. */
export interface QueueWorkerOptions {
  /** Batches run at once, one per worker thread, >= 1; default one per core. */
  concurrency?: number;
  /** Milliseconds a job's lock lasts without renewal; a killed worker's batch is retried after about this long. */
  lockDurationMs?: number;
  /** Milliseconds between checks for stalled jobs (jobs whose worker died). */
  stalledIntervalMs?: number;
  /** How often one job may stall before it fails; default 5. */
  maxStalledCount?: number;
  /** Plans kept compiled with their thread pools, >= 1; default 2. */
  maxCachedPlans?: number;
  /** Where notices go; default none. */
  log?: (text: string) => void;
  /** Override the pool's worker entry (tests). */
  workerFile?: string;
}

/** Defaults of QueueWorkerOptions (BullMQ's own defaults for the lock and stall check). */
export const DEFAULT_QUEUE_WORKER_OPTIONS = {
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 5,
  maxCachedPlans: 2,
} as const;

/** A running worker. */
export interface QueueWorker {
  /** `host:pid`, as recorded on the jobs it processes. */
  readonly name: string;
  readonly concurrency: number;
  /** Batches computed and stored so far. */
  readonly completedBatches: number;
  /** Stops taking jobs, lets running batches finish, and disconnects. */
  close(): Promise<void>;
}

/** What a job returns (the result itself is in the results hash). */
export interface BatchJobOutcome {
  /** 1 stored, 0 already stored by someone else, -1 the plan is gone (finished or abandoned). */
  readonly stored: 1 | 0 | -1;
}

interface LoadedPlan {
  readonly sha: string;
  readonly executor: BatchExecutor;
  readonly deterministic: readonly boolean[];
  readonly plan: SimulationPlan;
  active: number;
}

/** The plan's spec is not in Redis: its run finished or was abandoned (or Redis lost it; the coordinator re-adds it). */
class PlanUnavailableError extends Error {
  override readonly name = 'PlanUnavailableError';
}

function refuse(reason: string): UnrecoverableError {
  return new UnrecoverableError(`${REFUSAL_PREFIX}${reason}`);
}

/**
 * Connects to Redis (failing after a timeout when it is unreachable) and starts taking batch jobs.
 * @throws RedisUnreachableError, RangeError for bad options
 */
export async function startQueueWorker(
  settings: RedisSettings,
  names: QueueNames,
  options: QueueWorkerOptions = {},
): Promise<QueueWorker> {
  const concurrency = options.concurrency ?? defaultThreadCount();
  if (!Number.isSafeInteger(concurrency) || concurrency < 1)
    throw new RangeError('options.concurrency must be a positive integer');
  const lockDuration = options.lockDurationMs ?? DEFAULT_QUEUE_WORKER_OPTIONS.lockDurationMs;
  const stalledInterval = options.stalledIntervalMs ?? DEFAULT_QUEUE_WORKER_OPTIONS.stalledIntervalMs;
  const maxCachedPlans = options.maxCachedPlans ?? DEFAULT_QUEUE_WORKER_OPTIONS.maxCachedPlans;
  const log = options.log ?? (() => undefined);
  const name = `${hostname()}:${process.pid}`;
  const { client: redis, watch } = await openRedisClient(settings, `neverout-worker-${name}`, {
    onLost: log,
    onReady: (reconnected) => {
      if (reconnected) log(`reconnected to Redis at ${settings.display}`);
    },
  });

  const plans = new Map<string, Promise<LoadedPlan>>();
  const refusals = new Map<string, string>();

  const loadPlan = async (sha: string): Promise<LoadedPlan> => {
    const key = planSpecKey(names, sha);
    // STRLEN counts bytes; a UTF-8 character takes at most 3 bytes per UTF-16 code unit.
    const bytes = await redis.strlen(key);
    if (bytes === 0) throw new PlanUnavailableError(`no spec for plan ${sha}`);
    if (bytes > MAX_PLAN_SPEC_CHARS * 3) throw refuse(`the spec of plan ${sha.slice(0, 12)}… is larger than allowed`);
    const specText = await redis.get(key);
    if (specText === null) throw new PlanUnavailableError(`no spec for plan ${sha}`);
    const outcome = await compileSpecInThread({ specText, planSha256: sha, workerName: name });
    if (outcome.kind === 'refused') throw refuse(outcome.reason);
    if (outcome.kind === 'failed') throw new Error(`compiling plan ${sha.slice(0, 12)}… failed: ${outcome.message}`);
    const executor = createThreadPoolExecutor(outcome.plan, {
      threads: concurrency,
      ...(options.workerFile !== undefined ? { workerFile: options.workerFile } : {}),
    });
    log(
      `plan ${sha.slice(0, 12)}…: "${outcome.title}", ${outcome.plan.scenarios.length} scenarios, validated and compiled`,
    );
    return { sha, executor, plan: outcome.plan, deterministic: outcome.deterministic, active: 0 };
  };

  const evictIdlePlans = (): void => {
    if (plans.size <= maxCachedPlans) return;
    for (const [sha, promise] of plans) {
      if (plans.size <= maxCachedPlans) break;
      void promise.then(
        (loaded) => {
          if (loaded.active === 0 && plans.get(sha) === promise) {
            plans.delete(sha);
            void loaded.executor.close();
          }
        },
        () => plans.delete(sha),
      );
    }
  };

  const getPlan = (sha: string): Promise<LoadedPlan> => {
    const refusal = refusals.get(sha);
    if (refusal !== undefined) return Promise.reject(refuse(refusal));
    let promise = plans.get(sha);
    if (promise === undefined) {
      promise = loadPlan(sha);
      plans.set(sha, promise);
      promise.catch((error: unknown) => {
        plans.delete(sha);
        if (error instanceof UnrecoverableError) refusals.set(sha, error.message.slice(REFUSAL_PREFIX.length));
      });
      evictIdlePlans();
    }
    return promise;
  };

  let completedBatches = 0;
  const processJob = async (job: Job<unknown, BatchJobOutcome>): Promise<BatchJobOutcome> => {
    let data: BatchJobData;
    try {
      data = parseBatchJobData(job.data);
    } catch (error) {
      if (error instanceof InvalidJobDataError) throw refuse(error.message);
      throw error;
    }
    if (data.engineVersion !== ENGINE_VERSION) {
      throw refuse(
        `the job was made by engine ${data.engineVersion}, worker ${name} runs engine ${ENGINE_VERSION}: run the same neverout version on every machine`,
      );
    }
    if (job.id !== batchJobId(data.planSha256, data.task))
      throw refuse(`job id ${job.id ?? '(none)'} does not match its data`);
    const specKey = planSpecKey(names, data.planSha256);
    const resultsKey = planResultsKey(names, data.planSha256);
    const field = resultField(data.task);
    if ((await redis.hexists(resultsKey, field)) === 1) return { stored: 0 };
    let loaded: LoadedPlan;
    try {
      loaded = await getPlan(data.planSha256);
    } catch (error) {
      if (error instanceof PlanUnavailableError) return { stored: -1 };
      throw error;
    }
    const { task } = data;
    const deterministic = loaded.deterministic[task.scenarioIndex];
    if (deterministic === undefined) throw refuse(`scenario index ${task.scenarioIndex} is out of range`);
    if (
      task.batchIndex >= plannedBatchCount(loaded.plan, deterministic) ||
      task.sampleCount !== batchSampleCount(loaded.plan, deterministic, task.batchIndex)
    ) {
      throw refuse(
        `batch ${task.batchIndex} of ${task.sampleCount} samples is not part of plan ${data.planSha256.slice(0, 12)}…`,
      );
    }
    loaded.active++;
    let text: string;
    try {
      text = JSON.stringify(await loaded.executor.run(task));
    } finally {
      loaded.active--;
    }
    if (text.length > MAX_BATCH_RESULT_CHARS)
      throw refuse(`the result of batch ${field} exceeds ${MAX_BATCH_RESULT_CHARS} characters`);
    const stored = (await redis.eval(STORE_RESULT_SCRIPT, 2, specKey, resultsKey, field, text)) as number;
    if (stored === 1) completedBatches++;
    return { stored: stored === 1 ? 1 : stored === 0 ? 0 : -1 };
  };

  const worker = new Worker<unknown, BatchJobOutcome>(names.queue, processJob, {
    connection: toRedisOptions(settings),
    prefix: names.prefix,
    name,
    concurrency,
    lockDuration,
    stalledInterval,
    maxStalledCount: options.maxStalledCount ?? DEFAULT_QUEUE_WORKER_OPTIONS.maxStalledCount,
    // BullMQ waits this long before retrying its main loop after a connection error; 15 s by default.
    runRetryDelay: 1000,
    autorun: true,
  });
  let lastWorkerError = '';
  worker.on('error', (error: Error) => {
    const text = redactSecret(error.message, settings);
    if (text === lastWorkerError || watch.lost) return;
    lastWorkerError = text;
    // A lost lock means the job stalled (this process was too busy to renew it) or Redis restarted: another
    // worker or a re-enqueue runs the batch again, and the results hash keeps only one result.
    const lostLock = /missing lock|lock mismatch|missing key|could not renew lock/i.test(text);
    log(lostLock ? `queue: ${text} (the batch is run again; its result is stored once)` : `queue: ${text}`);
  });
  // One notice per distinct refusal: a refused plan's queued batches are all refused the same way.
  const loggedRefusals = new Set<string>();
  worker.on('failed', (job, error) => {
    if (job === undefined || !error.message.startsWith(REFUSAL_PREFIX)) return;
    const reason = error.message.slice(REFUSAL_PREFIX.length);
    if (loggedRefusals.has(reason)) return;
    loggedRefusals.add(reason);
    log(`refused job ${job.id ?? ''} (and any other with the same reason): ${reason}`);
  });
  await worker.waitUntilReady();

  let closing: Promise<void> | null = null;
  return {
    name,
    concurrency,
    get completedBatches() {
      return completedBatches;
    },
    close(): Promise<void> {
      closing ??= (async () => {
        await worker.close();
        const loadedPlans = await Promise.allSettled([...plans.values()]);
        await Promise.all(loadedPlans.flatMap((p) => (p.status === 'fulfilled' ? [p.value.executor.close()] : [])));
        redis.disconnect();
      })();
      return closing;
    },
  };
}
