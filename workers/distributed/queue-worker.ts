// The remote worker: takes batch jobs (of any batch kind) from the BullMQ queue and runs them on its local thread
// pool. For each plan it fetches the spec (the study's inputs as text) once and has the injected plan loader
// validate and compile it and check the plan hash, so it never takes code or file paths from Redis and only runs
// studies it can parse and validate.
//
//   job ──validate data, engine version──> plan cache (spec ──loadPlan──> hash check ──> thread pool)
//       ──run batch──> HSETNX result (only while the plan's spec exists) ──> job completed

import { hostname } from 'node:os';
import type { Job, UnrecoverableError } from 'bullmq';
import { checkTaskAgainstPlan, ENGINE_VERSION, listPlanScenarioIds, type BatchPlan } from '../../engine/index.ts';
import { MAX_BATCH_RESULT_CHARS } from '../checkpoint/index.ts';
import { createThreadPoolExecutor, defaultThreadCount } from '../pool/thread-pool.ts';
import type { BatchExecutor } from '../protocol.ts';
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
import { openRedisClient, redactSecret, toRedisOptions, type RedisSettings } from './redis-connection.ts';

/** Largest plan spec a worker fetches, in UTF-16 code units of its JSON text (64 Mi). */
export const MAX_SPEC_TEXT_CHARS = 64 * 1024 * 1024;

/** What a plan loader makes of a spec: a plan to run, a refusal (it cannot run here), or an unexpected failure. */
export type PlanLoadOutcome =
  | { readonly kind: 'ok'; readonly plan: BatchPlan; readonly title: string }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * Validates and compiles a plan spec's JSON text and checks that it compiles to `planSha256` (the application
 * layer provides it: it runs the scenarios' compiler, in a thread so the job locks keep being renewed).
 */
export type PlanLoader = (specText: string, planSha256: string, workerName: string) => Promise<PlanLoadOutcome>;

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
  readonly plan: BatchPlan;
  active: number;
}

/** The plan's spec is not in Redis: its run finished or was abandoned (or Redis lost it; the coordinator re-adds it). */
class PlanUnavailableError extends Error {
  override readonly name = 'PlanUnavailableError';
}

/**
 * Connects to Redis (failing after a timeout when it is unreachable) and starts taking batch jobs.
 * @param loadPlan validates and compiles the specs of the plans whose jobs arrive
 * @throws RedisUnreachableError, RangeError for bad options
 */
export async function startQueueWorker(
  settings: RedisSettings,
  names: QueueNames,
  loadPlan: PlanLoader,
  options: QueueWorkerOptions = {},
): Promise<QueueWorker> {
  const { UnrecoverableError: Unrecoverable, Worker } = await import('bullmq');
  const refuse = (reason: string): UnrecoverableError => new Unrecoverable(`${REFUSAL_PREFIX}${reason}`);
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

  const fetchPlan = async (sha: string): Promise<LoadedPlan> => {
    const key = planSpecKey(names, sha);
    // STRLEN counts bytes; a UTF-8 character takes at most 3 bytes per UTF-16 code unit.
    const bytes = await redis.strlen(key);
    if (bytes === 0) throw new PlanUnavailableError(`no spec for plan ${sha}`);
    if (bytes > MAX_SPEC_TEXT_CHARS * 3) throw refuse(`the spec of plan ${sha.slice(0, 12)}… is larger than allowed`);
    const specText = await redis.get(key);
    if (specText === null) throw new PlanUnavailableError(`no spec for plan ${sha}`);
    const outcome = await loadPlan(specText, sha, name);
    if (outcome.kind === 'refused') throw refuse(outcome.reason);
    if (outcome.kind === 'failed') throw new Error(`compiling plan ${sha.slice(0, 12)}… failed: ${outcome.message}`);
    const executor = await createThreadPoolExecutor(outcome.plan, {
      threads: concurrency,
      ...(options.workerFile !== undefined ? { workerFile: options.workerFile } : {}),
    });
    const scenarios = listPlanScenarioIds(outcome.plan).length;
    log(`plan ${sha.slice(0, 12)}…: "${outcome.title}", ${outcome.plan.kind} batches, ${scenarios} scenarios, validated and compiled`);
    return { sha, executor, plan: outcome.plan, active: 0 };
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
      promise = fetchPlan(sha);
      plans.set(sha, promise);
      promise.catch((error: unknown) => {
        plans.delete(sha);
        if (error instanceof Unrecoverable) refusals.set(sha, error.message.slice(REFUSAL_PREFIX.length));
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
    const problem = checkTaskAgainstPlan(loaded.plan, task);
    if (problem !== null) throw refuse(`${problem} (plan ${data.planSha256.slice(0, 12)}…)`);
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
