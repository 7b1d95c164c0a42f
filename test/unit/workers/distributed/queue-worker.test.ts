// The remote worker and the coordinator's executor in one process against the local Redis: refusals of other
// engine versions and of plans a worker cannot reproduce, and write-once results.

import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePlan, loadInput, resolveRunOptions, type CompiledStudy } from '../../../../scenarios/index.ts';
import type { PlanSpec } from '../../../../workers/checkpoint/index.ts';
import {
  batchJobId,
  openQueueExecutor,
  parseRedisUrl,
  planResultsKey,
  planSpecKey,
  readPlanSpec,
  startQueueWorker,
  WorkerRefusedError,
  type QueueWorker,
} from '../../../../workers/distributed/index.ts';
import { requireLocalRedis, uniqueName, LOCAL_REDIS_URL } from '../../../e2e/distributed/support.ts';
import { REPO_ROOT } from '../../../support/run-cli.ts';

const available = await requireLocalRedis('queue-worker.test.ts');
const STUDY = `${REPO_ROOT}test/fixtures/studies/small-study.yaml`;

describe.skipIf(!available)('startQueueWorker and openQueueExecutor', () => {
  const settings = parseRedisUrl(LOCAL_REDIS_URL);
  const names = { queue: 'q', prefix: uniqueName('unit') };
  const connection = { host: '127.0.0.1', port: 6379 };
  let worker: QueueWorker;
  let redis: Redis;
  let compiled: CompiledStudy;
  let spec: PlanSpec;

  beforeAll(async () => {
    redis = new Redis(6379, '127.0.0.1');
    const loaded = await loadInput(STUDY);
    compiled = compilePlan(
      loaded.topology,
      loaded.study,
      resolveRunOptions(loaded.study, { samples: 20_000, batchSize: 10_000 }),
    );
    spec = await readPlanSpec(STUDY, loaded, compiled);
    worker = await startQueueWorker(settings, names, { concurrency: 1 });
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
        { jobId: batchJobId(spec.planSha256, task), attempts: 3 },
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
    const deterministic = compiled.scenarios.map((s) => s.deterministic);
    const executor = await openQueueExecutor(settings, names, forged, compiled.plan, deterministic, {
      recheckAfterMs: 500,
    });
    try {
      const run = executor.run({ scenarioIndex: 0, batchIndex: 0, sampleCount: 10_000 });
      await expect(run).rejects.toBeInstanceOf(WorkerRefusedError);
      await expect(run).rejects.toThrow(/refused: on worker .* the inputs compile to plan/);
      await expect(
        executor.run({ scenarioIndex: 0, batchIndex: 1, sampleCount: 10_000 }),
      ).rejects.toBeInstanceOf(WorkerRefusedError);
    } finally {
      await executor.close();
    }
  });

  it('runs batches and keeps the first stored result of a batch', async () => {
    const deterministic = compiled.scenarios.map((s) => s.deterministic);
    const executor = await openQueueExecutor(settings, names, spec, compiled.plan, deterministic);
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
