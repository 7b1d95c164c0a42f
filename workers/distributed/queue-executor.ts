// The coordinator's BatchExecutor on BullMQ: run(task) enqueues the batch under a deterministic job id and
// resolves with the result a worker stored in the plan's results hash. Results are written once per batch
// (HSETNX), so retries and duplicates never count twice, and the coordinator re-enqueues any batch whose job
// was lost (Redis restarted) or failed, until runPlan's retry limit.
//
//   runPlan ──run(task)──> results hash? ──no──> spec stored ──> queue.add(jobId) ──worker──> HSETNX result
//        ^                                                                                        │
//        └──────────── resolve <── validate <── HGET (on 'completed' event, poll, or recheck) ─────┘

import { hostname } from 'node:os';
import {
  checkBatchAgainstPlan,
  ENGINE_VERSION,
  InputError,
  type BatchPlan,
  type PlanBatchResult,
} from '../../engine/index.ts';
import { InvalidBatchResultError, parseBatchResultText } from '../checkpoint/index.ts';
import type { BatchExecutor, BatchTask } from '../protocol.ts';
import {
  BATCH_JOB_NAME,
  batchJobId,
  MAX_JOB_DATA_CHARS,
  planResultsKey,
  planSpecKey,
  REFUSAL_PREFIX,
  resultField,
  type BatchJobData,
  type QueueNames,
} from './batch-job.ts';
import { openRedisClient, redactSecret, toRedisOptions, type RedisSettings } from './redis-connection.ts';

/** Options of openQueueExecutor; every field optional. */
export interface QueueExecutorOptions {
  /** Batches queued or running at once, >= 2; default 64. */
  inflight?: number;
  /** Milliseconds between looks at the results hash for pending batches; default 250. */
  pollIntervalMs?: number;
  /** A batch pending this long (ms) has its job checked: re-enqueued when lost, reported when failed; default 3000. */
  recheckAfterMs?: number;
  /**
   * Lifetime of the plan's spec and results in Redis, in milliseconds, refreshed while the coordinator runs; the
   * fallback that removes them when a coordinator dies without cleaning up. Default 15 minutes.
   */
  ttlMs?: number;
  /** Attempts per job on the workers (a crashed worker thread); default 3. */
  jobAttempts?: number;
  /** Non-fatal notices (lost connection, re-enqueued batches); default: none. */
  warn?: (text: string) => void;
  /** Clock in milliseconds, injectable for tests. */
  now?: () => number;
}

/** Defaults of QueueExecutorOptions. */
export const DEFAULT_QUEUE_EXECUTOR_OPTIONS = {
  inflight: 64,
  pollIntervalMs: 250,
  recheckAfterMs: 3000,
  ttlMs: 15 * 60 * 1000,
  jobAttempts: 3,
} as const;

/**
 * A worker refused the plan's jobs (another engine version, inputs that do not validate there): every batch would
 * fail the same way, so the run stops. The user fixes it (same version everywhere, valid inputs): exit code 2.
 */
export class WorkerRefusedError extends InputError {
  override readonly name = 'WorkerRefusedError';
}

/** The distributed executor, with what the coordinator needs beyond BatchExecutor. */
export interface QueueExecutor extends BatchExecutor {
  /** Every valid result already stored for this plan (resume after a killed coordinator). */
  loadStoredResults(): Promise<PlanBatchResult[]>;
  /** Number of BullMQ workers connected to the queue, or -1 when Redis does not tell (ACL). */
  countWorkers(): Promise<number>;
  /** Batches re-enqueued because their job was lost or failed. */
  readonly requeued: number;
  /**
   * Deletes the plan's spec and results (after a complete or failed run: result.json and batches.jsonl hold what
   * counts). An interrupted run keeps them until their time to live ends, for --resume.
   */
  discardPlan(): Promise<void>;
}

interface Pending {
  readonly task: BatchTask;
  readonly field: string;
  readonly jobId: string;
  readonly resolve: (result: PlanBatchResult) => void;
  readonly reject: (error: unknown) => void;
  /** When the job was last enqueued or checked (ms). */
  since: number;
  busy: boolean;
}

/** The plan a coordinator distributes: its hash, its inputs as text (what workers compile), and the plan itself. */
export interface DistributedPlan {
  readonly planSha256: string;
  /** The plan spec's JSON text (scenarios/), stored in Redis for the workers. */
  readonly specText: string;
  /** The compiled plan, to check results against. */
  readonly plan: BatchPlan;
}

/**
 * Connects to Redis (failing after a timeout when it is unreachable), stores the plan's spec, and returns the
 * executor. Once started, connections retry forever: a Redis restart stalls the run, it does not fail it.
 * @throws RedisUnreachableError
 */
export async function openQueueExecutor(
  settings: RedisSettings,
  names: QueueNames,
  distributed: DistributedPlan,
  options: QueueExecutorOptions = {},
): Promise<QueueExecutor> {
  const { plan, specText } = distributed;
  const kind = plan.kind;
  const { Queue, QueueEvents } = await import('bullmq');
  const inflight = options.inflight ?? DEFAULT_QUEUE_EXECUTOR_OPTIONS.inflight;
  if (!Number.isSafeInteger(inflight) || inflight < 2) throw new RangeError('options.inflight must be an integer >= 2');
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_QUEUE_EXECUTOR_OPTIONS.pollIntervalMs;
  const recheckAfterMs = options.recheckAfterMs ?? DEFAULT_QUEUE_EXECUTOR_OPTIONS.recheckAfterMs;
  const ttlMs = options.ttlMs ?? DEFAULT_QUEUE_EXECUTOR_OPTIONS.ttlMs;
  const jobAttempts = options.jobAttempts ?? DEFAULT_QUEUE_EXECUTOR_OPTIONS.jobAttempts;
  const warn = options.warn ?? (() => undefined);
  const now = options.now ?? Date.now;
  const sha = distributed.planSha256;
  const specKey = planSpecKey(names, sha);
  const resultsKey = planResultsKey(names, sha);

  const pending = new Map<string, Pending>();
  let specStored = false;
  const { client: redis, watch } = await openRedisClient(
    settings,
    `neverout-coordinator-${hostname()}-${process.pid}`,
    {
      onLost: warn,
      onReady: (reconnected) => {
        // After a reconnect the server may be a fresh one (restarted without persistence): store the spec again
        // and look at every pending batch now rather than after recheckAfterMs.
        specStored = false;
        if (reconnected) {
          warn(`reconnected to Redis at ${settings.display}; re-checking ${pending.size} pending batches`);
          for (const p of pending.values()) p.since = 0;
        }
      },
    },
  );
  const connection = toRedisOptions(settings);
  const queue = new Queue<BatchJobData, unknown, string>(names.queue, {
    connection,
    prefix: names.prefix,
    defaultJobOptions: {
      attempts: jobAttempts,
      backoff: { type: 'fixed', delay: 500 },
      // Results live in the results hash; finished jobs are only kept long enough to read a failure reason.
      removeOnComplete: true,
      removeOnFail: { age: 24 * 3600, count: 10_000 },
      sizeLimit: MAX_JOB_DATA_CHARS,
    },
  });
  const events = new QueueEvents(names.queue, { connection, prefix: names.prefix });

  let fatal: Error | null = null;
  let closed = false;
  let requeued = 0;

  const describe = (error: unknown): string =>
    redactSecret(error instanceof Error ? error.message : String(error), settings);
  queue.on('error', watch.reportError);
  events.on('error', watch.reportError);

  const storeSpec = async (): Promise<void> => {
    await redis.set(specKey, specText, 'PX', ttlMs);
    await redis.pexpire(resultsKey, ttlMs);
    specStored = true;
  };
  const ensureSpec = async (force: boolean): Promise<void> => {
    if (force || !specStored) await storeSpec();
  };
  await storeSpec();
  await events.waitUntilReady();

  const finish = (p: Pending, outcome: { result: PlanBatchResult } | { error: unknown }): void => {
    if (pending.get(p.field) !== p) return;
    pending.delete(p.field);
    if ('result' in outcome) p.resolve(outcome.result);
    else p.reject(outcome.error);
  };

  /** Settles a pending batch from its stored text; a stored result that fails validation is deleted and rejected. */
  const settleFromText = async (p: Pending, text: string): Promise<void> => {
    let result: PlanBatchResult;
    try {
      result = parseBatchResultText(kind, text);
      const problem =
        result.scenarioIndex !== p.task.scenarioIndex || result.batchIndex !== p.task.batchIndex
          ? `stored under ${p.field} but is batch ${result.scenarioIndex}:${result.batchIndex}`
          : checkBatchAgainstPlan(plan, result);
      if (problem !== null) throw new InvalidBatchResultError(problem);
    } catch (error) {
      await redis.hdel(resultsKey, p.field);
      finish(p, { error });
      return;
    }
    finish(p, { result });
  };

  const enqueue = async (p: Pending): Promise<void> => {
    const data: BatchJobData = { planSha256: sha, engineVersion: ENGINE_VERSION, task: p.task };
    await queue.add(BATCH_JOB_NAME, data, { jobId: p.jobId });
    p.since = now();
  };

  const setFatal = (error: Error): void => {
    fatal ??= error;
    for (const p of [...pending.values()]) finish(p, { error: fatal });
  };

  /** Looks at a batch whose result is overdue: stored after all, failed, lost, or still queued or running. */
  const recheck = async (p: Pending): Promise<void> => {
    const stored = await redis.hget(resultsKey, p.field);
    if (stored !== null) return settleFromText(p, stored);
    const state = await queue.getJobState(p.jobId);
    if (state === 'failed') {
      const job = await queue.getJob(p.jobId);
      const reason = redactSecret(job?.failedReason ?? 'no reason given', settings);
      await job?.remove();
      if (reason.startsWith(REFUSAL_PREFIX)) {
        setFatal(
          new WorkerRefusedError(
            `a worker ${reason} (batch ${p.task.batchIndex} of scenario ${p.task.scenarioIndex})`,
          ),
        );
      } else {
        finish(p, { error: new Error(`batch job ${p.field} failed on a worker: ${reason}`) });
      }
      return;
    }
    if (state === 'unknown' || state === 'completed') {
      // Lost (Redis restarted without persistence) or finished without a stored result (the worker saw no
      // spec): enqueue it again under the same id.
      if (state === 'completed') await (await queue.getJob(p.jobId))?.remove();
      await ensureSpec(true);
      const late = await redis.hget(resultsKey, p.field);
      if (late !== null) return settleFromText(p, late);
      await enqueue(p);
      requeued++;
      return;
    }
    p.since = now();
  };

  const guarded = (p: Pending, action: (p: Pending) => Promise<void>): void => {
    if (p.busy || closed) return;
    p.busy = true;
    action(p)
      .catch((error: unknown) => {
        // Redis errors here are transient (the connection retries); the next recheck tries again.
        p.since = now();
        if (!watch.lost && !closed && fatal === null) warn(`checking batch ${p.field}: ${describe(error)}`);
      })
      .finally(() => {
        p.busy = false;
      });
  };

  events.on('completed', ({ jobId }) => {
    if (!jobId.startsWith(`${sha}:`)) return;
    const p = pending.get(jobId.slice(sha.length + 1));
    if (p !== undefined) {
      p.since = 0;
      guarded(p, recheck);
    }
  });
  events.on('failed', ({ jobId }) => {
    if (!jobId.startsWith(`${sha}:`)) return;
    const p = pending.get(jobId.slice(sha.length + 1));
    if (p !== undefined) guarded(p, recheck);
  });

  let polling = false;
  const poll = async (): Promise<void> => {
    if (polling || pending.size === 0) return;
    polling = true;
    try {
      const batch = [...pending.values()].filter((p) => !p.busy);
      if (batch.length > 0) {
        const texts = await redis.hmget(resultsKey, ...batch.map((p) => p.field));
        const settling: Array<Promise<void>> = [];
        batch.forEach((p, i) => {
          const text = texts[i];
          if (text !== null && text !== undefined) settling.push(settleFromText(p, text));
        });
        await Promise.all(settling);
      }
      const due = now() - recheckAfterMs;
      for (const p of pending.values()) if (p.since <= due) guarded(p, recheck);
    } catch {
      // Connection trouble: reported by the error listeners; retried on the next tick.
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll(), pollIntervalMs);
  // Keep the spec and results alive while this coordinator runs; if it dies, they expire after ttlMs.
  const refresh = setInterval(() => {
    if (closed || watch.lost) return;
    void Promise.all([redis.pexpire(specKey, ttlMs), redis.pexpire(resultsKey, ttlMs)]).catch(() => undefined);
  }, Math.max(1000, Math.floor(ttlMs / 3)));

  return {
    concurrency: Math.max(1, Math.floor(inflight / 2)),
    get requeued() {
      return requeued;
    },
    run(task: BatchTask): Promise<PlanBatchResult> {
      if (fatal !== null) return Promise.reject(fatal);
      if (closed) return Promise.reject(new Error('the distributed executor is closed'));
      return new Promise<PlanBatchResult>((resolve, reject) => {
        const field = resultField(task);
        const p: Pending = { task, field, jobId: batchJobId(sha, task), resolve, reject, since: now(), busy: true };
        pending.get(field)?.reject(new Error(`batch ${field} was requested again`));
        pending.set(field, p);
        (async () => {
          const stored = await redis.hget(resultsKey, field);
          if (stored !== null) return settleFromText(p, stored);
          await ensureSpec(false);
          await enqueue(p);
        })()
          .catch((error: unknown) =>
            finish(p, { error: new Error(`cannot enqueue batch ${field}: ${describe(error)}`) }),
          )
          .finally(() => {
            p.busy = false;
          });
      });
    },
    async loadStoredResults(): Promise<PlanBatchResult[]> {
      const all = await redis.hgetall(resultsKey);
      const results: PlanBatchResult[] = [];
      for (const [field, text] of Object.entries(all)) {
        try {
          const result = parseBatchResultText(kind, text);
          const problem =
            resultField(result) !== field ? `stored under ${field}` : checkBatchAgainstPlan(plan, result);
          if (problem !== null) throw new InvalidBatchResultError(problem);
          results.push(result);
        } catch (error) {
          warn(`ignoring an invalid stored result ${field}: ${describe(error)}`);
          await redis.hdel(resultsKey, field);
        }
      }
      return results;
    },
    async countWorkers(): Promise<number> {
      // CLIENT LIST may be denied by a restrictive ACL: then the count is unknown (-1).
      try {
        return await queue.getWorkersCount();
      } catch {
        return -1;
      }
    },
    async discardPlan(): Promise<void> {
      await redis.del(specKey, resultsKey);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      clearInterval(refresh);
      for (const p of [...pending.values()]) finish(p, { error: new Error('the distributed executor was closed') });
      await Promise.allSettled([events.close(), queue.close()]);
      redis.disconnect();
    },
  };
}
