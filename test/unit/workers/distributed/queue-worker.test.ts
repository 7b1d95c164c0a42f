// The remote worker (as `neverout worker` starts it: compiling plans in a thread from their captured inputs) and
// the coordinator's executor in one process against the local Redis: batches of every kind, refusals of other
// engine versions and of plans a worker cannot reproduce, and write-once results.

import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../../../../app/index.ts';
import { runPlanBatch, planBatchTask } from '../../../../engine/index.ts';
import { createPlanSpec, type CompiledJob, type PlanSpec } from '../../../../scenarios/index.ts';
import {
  openQueueExecutor,
  parseRedisUrl,
  planResultsKey,
  planSpecKey,
  WorkerRefusedError,
  type QueueWorker,
} from '../../../../workers/index.ts';
import { requireLocalRedis, uniqueName, LOCAL_REDIS_URL } from '../../../e2e/distributed/support.ts';
import { BATCH_KIND_CASES, compileKindJob } from '../../../support/job-plans.ts';

const available = await requireLocalRedis('queue-worker.test.ts');

/** BullMQ's job id of a batch (as the coordinator enqueues it). */
const jobIdOf = (sha: string, task: { scenarioIndex: number; batchIndex: number }) => `${sha}:${task.scenarioIndex}:${task.batchIndex}`;

describe.skipIf(!available)('startQueueWorker and openQueueExecutor', () => {
  const settings = parseRedisUrl(LOCAL_REDIS_URL);
  const names = { queue: 'q', prefix: uniqueName('unit') };
  const connection = { host: '127.0.0.1', port: 6379 };
  let worker: QueueWorker;
  let redis: Redis;
  let compiled: CompiledJob;
  let spec: PlanSpec;

  beforeAll(async () => {
    redis = new Redis(6379, '127.0.0.1');
    compiled = await compileKindJob('static', { samples: 20_000, batchSize: 10_000 });
    spec = createPlanSpec(compiled);
    worker = await startWorker(settings, names, { concurrency: 1 });
  });

  afterAll(async () => {
    await worker.close();
    const keys = await redis.keys(`${names.prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('refuses a job of another engine version without retrying it', async () => {
    const queue = new Queue(names.queue, { connection, prefix: names.prefix });
    const events = new QueueEvents(names.queue, { connection, prefix: names.prefix });
    await events.waitUntilReady();
    try {
      const task = { scenarioIndex: 0, batchIndex: 0, sampleCount: 10_000 };
      const job = await queue.add(
        'batch',
        { planSha256: spec.planSha256, engineVersion: '0.0.0-other', task },
        { jobId: jobIdOf(spec.planSha256, task), attempts: 3 },
      );
      await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow(
        /^refused: the job was made by engine 0\.0\.0-other, worker .* runs engine/,
      );
      const failed = await queue.getJob(job.id ?? '');
      expect(failed?.attemptsMade).toBe(1);
    } finally {
      await events.close();
      await queue.close();
    }
  });

  it('makes the coordinator report a worker that cannot reproduce the plan', async () => {
    // The spec's texts compile to another plan than the hash it claims: the worker refuses, the run stops.
    const forged: PlanSpec = { ...spec, planSha256: '0'.repeat(64) };
    const executor = await openQueueExecutor(
      settings,
      names,
      { planSha256: forged.planSha256, specText: JSON.stringify(forged), plan: compiled.batchPlan },
      { recheckAfterMs: 500 },
    );
    try {
      const run = executor.run({ scenarioIndex: 0, batchIndex: 0, sampleCount: 10_000 });
      await expect(run).rejects.toBeInstanceOf(WorkerRefusedError);
      await expect(run).rejects.toThrow(/refused: on worker .* the inputs compile to plan/);
      await expect(
        executor.run({ scenarioIndex: 0, batchIndex: 1, sampleCount: 10_000 }),
      ).rejects.toBeInstanceOf(WorkerRefusedError);
      // The inputs never outlive the run by more than the time to live (15 min), and go at once when discarded
      // (the application discards them on every exit but an interrupt, which keeps them for --resume).
      const ttl = await redis.pttl(planSpecKey(names, forged.planSha256));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(15 * 60 * 1000);
      await executor.discardPlan();
      expect(await redis.exists(planSpecKey(names, forged.planSha256), planResultsKey(names, forged.planSha256))).toBe(0);
    } finally {
      await executor.close();
    }
  });

  it.each(BATCH_KIND_CASES)('runs %s batches exactly as a local thread does', async (kind) => {
    const job = await compileKindJob(kind, kind === 'time' || kind === 'paired-time' ? { samples: 40, batchSize: 20 } : { samples: 4_000, batchSize: 2_000 });
    const jobSpec = createPlanSpec(job);
    const executor = await openQueueExecutor(settings, names, {
      planSha256: job.planSha256,
      specText: JSON.stringify(jobSpec),
      plan: job.batchPlan,
    });
    try {
      const task = planBatchTask(job.batchPlan, 0, 1);
      expect(await executor.run(task)).toEqual(runPlanBatch(job.batchPlan, task));
      await executor.discardPlan();
    } finally {
      await executor.close();
    }
  });

  it('runs batches and keeps the first stored result of a batch', async () => {
    const executor = await openQueueExecutor(settings, names, {
      planSha256: spec.planSha256,
      specText: JSON.stringify(spec),
      plan: compiled.batchPlan,
    });
    try {
      const task = { scenarioIndex: 1, batchIndex: 1, sampleCount: 10_000 };
      const first = await executor.run(task);
      expect(first).toMatchObject({ scenarioIndex: 1, batchIndex: 1, sampleCount: 10_000 });
      // A duplicate (a retried job, a second coordinator) finds the stored result and does not add another.
      expect(await executor.run(task)).toEqual(first);
      expect(await redis.hlen(planResultsKey(names, spec.planSha256))).toBe(1);
      expect(await executor.loadStoredResults()).toEqual([first]);
      await executor.discardPlan();
      expect(await redis.exists(planSpecKey(names, spec.planSha256), planResultsKey(names, spec.planSha256))).toBe(0);
    } finally {
      await executor.close();
    }
  });
});
