// Benchmark of distributed runs: throughput of 1, 2 and 4 `neverout worker` processes (one thread each) against
// the local thread pool on the same study, as ratios, and the queue overhead per batch (BullMQ round trip,
// result storage and validation) measured with tiny batches on one worker against the inline executor.
// Run with `npx tsx bench/distributed.ts` (needs Redis; NEVEROUT_BENCH_REDIS, default redis://127.0.0.1:6379);
// a harness can call runDistributedBench() instead. Timings exclude process start-up: each configuration first
// runs a few warm-up batches so the workers have compiled the plan and started their threads.

import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { compileJob, createPlanSpec, loadInput, resolveJobOptions, type CompiledJob, type RunOptions } from '../scenarios/index.ts';
import { planBatchSize } from '../engine/index.ts';
import {
  createInlineExecutor,
  createThreadPoolExecutor,
  openQueueExecutor,
  parseRedisUrl,
  runPlan,
  type BatchExecutor,
  type QueueNames,
  type RedisSettings,
} from '../workers/index.ts';

const STUDY = fileURLToPath(new URL('../test/fixtures/studies/small-study.yaml', import.meta.url));
const CLI = fileURLToPath(new URL('../bin/neverout.js', import.meta.url));

/** One timed configuration. */
export interface DistributedBenchRow {
  readonly label: string;
  readonly batches: number;
  readonly seconds: number;
  readonly samplesPerSecond: number;
  /** Throughput relative to the local pool. */
  readonly ratioToLocal: number;
}

export interface DistributedBenchResult {
  readonly rows: readonly DistributedBenchRow[];
  /** Extra wall-clock time per batch of the queue against running inline, one worker, tiny batches (ms). */
  readonly queueOverheadMsPerBatch: number;
  /** Same, with at most two batches in flight (latency of one round trip rather than pipelined). */
  readonly queueLatencyMsPerBatch: number;
  readonly cores: number;
}

interface Study {
  readonly job: CompiledJob;
  readonly specText: string;
}

async function compileStudy(options: RunOptions): Promise<Study> {
  const loaded = [await loadInput(STUDY)];
  const job = compileJob('run', loaded, resolveJobOptions('run', loaded, options));
  return { job, specText: JSON.stringify(createPlanSpec(job)) };
}

function distributedPlan(study: Study) {
  return { planSha256: study.job.planSha256, specText: study.specText, plan: study.job.batchPlan };
}

async function timeRun(
  study: Study,
  executor: BatchExecutor,
): Promise<{ seconds: number; batches: number; samples: number }> {
  const started = performance.now();
  const run = await runPlan(study.job.batchPlan, executor);
  const seconds = (performance.now() - started) / 1000;
  const batches = run.tallies.reduce((n, t) => n + t.batches.length, 0);
  const samples = run.tallies.reduce((n, t) => n + t.batches.reduce((m, b) => m + b.sampleCount, 0), 0);
  return { seconds, batches, samples };
}

function startWorkers(url: string, names: QueueNames, count: number): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ChildProcess>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [
              CLI,
              'worker',
              '--redis',
              url,
              '--queue',
              names.queue,
              '--redis-prefix',
              names.prefix,
              '--concurrency',
              '1',
            ],
            { stdio: ['ignore', 'ignore', 'pipe'] },
          );
          let output = '';
          child.stderr?.on('data', (d: Buffer) => {
            output += d.toString();
            if (output.includes('ready:')) resolve(child);
          });
          child.on('exit', (code) => reject(new Error(`worker exited with ${code}: ${output}`)));
        }),
    ),
  );
}

async function stopWorkers(workers: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          if (w.exitCode !== null) return resolve();
          w.removeAllListeners('exit');
          w.once('exit', () => resolve());
          w.kill('SIGTERM');
        }),
    ),
  );
}

/** Runs the study on `workerCount` worker processes: a warm-up, then the timed run. */
async function timeDistributed(
  settings: RedisSettings,
  url: string,
  names: QueueNames,
  study: Study,
  workerCount: number,
  inflight: number,
): Promise<{ seconds: number; batches: number; samples: number }> {
  const workers = await startWorkers(url, names, workerCount);
  try {
    // Warm-up: a few batches, so every worker has compiled the plan and started its thread before timing.
    const executor = await openQueueExecutor(settings, names, distributedPlan(study), { inflight, pollIntervalMs: 50 });
    try {
      const sampleCount = planBatchSize(study.job.batchPlan);
      await Promise.all(
        Array.from({ length: workerCount * 3 }, (_, b) =>
          executor.run({ scenarioIndex: 0, batchIndex: b, sampleCount }),
        ),
      );
      await executor.discardPlan();
    } finally {
      await executor.close();
    }
    const timed = await openQueueExecutor(settings, names, distributedPlan(study), { inflight, pollIntervalMs: 50 });
    try {
      return await timeRun(study, timed);
    } finally {
      await timed.discardPlan();
      await timed.close();
    }
  } finally {
    await stopWorkers(workers);
  }
}

/** Removes the benchmark's queue (BullMQ keeps a few bookkeeping keys per queue). */
async function deleteKeys(settings: RedisSettings, names: QueueNames): Promise<void> {
  const redis = new Redis({ host: settings.host, port: settings.port, db: settings.db, lazyConnect: false });
  try {
    const keys = await redis.keys(`${names.prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** Runs the benchmark; needs a reachable Redis. */
export async function runDistributedBench(
  redisUrl = process.env.NEVEROUT_BENCH_REDIS ?? 'redis://127.0.0.1:6379',
): Promise<DistributedBenchResult> {
  const settings = parseRedisUrl(redisUrl);
  const names: QueueNames = { queue: 'bench', prefix: `neverout-bench-${process.pid}` };
  // 2 random scenarios x 40 batches of 50,000 samples, + 1 deterministic batch.
  const study = await compileStudy({ seed: 'bench', samples: 2_000_000, batchSize: 50_000 });

  const pool = await createThreadPoolExecutor(study.job.batchPlan);
  let local;
  try {
    await runPlan(study.job.batchPlan, pool);
    local = await timeRun(study, pool);
  } finally {
    await pool.close();
  }
  const rows: DistributedBenchRow[] = [
    {
      label: `local pool (${pool.concurrency} threads)`,
      batches: local.batches,
      seconds: local.seconds,
      samplesPerSecond: local.samples / local.seconds,
      ratioToLocal: 1,
    },
  ];
  for (const count of [1, 2, 4]) {
    const t = await timeDistributed(settings, redisUrl, names, study, count, 64);
    rows.push({
      label: `${count} worker process${count === 1 ? '' : 'es'} (1 thread each)`,
      batches: t.batches,
      seconds: t.seconds,
      samplesPerSecond: t.samples / t.seconds,
      ratioToLocal: local.seconds / t.seconds,
    });
  }

  // Queue overhead: 400 tiny batches (100 samples), one worker, against the inline executor.
  const tiny = await compileStudy({ seed: 'bench-tiny', samples: 20_000, batchSize: 100 });
  const inline = await timeRun(tiny, createInlineExecutor(tiny.job.batchPlan));
  const pipelined = await timeDistributed(settings, redisUrl, names, tiny, 1, 64);
  const latency = await timeDistributed(settings, redisUrl, names, tiny, 1, 2);
  await deleteKeys(settings, names);
  return {
    rows,
    queueOverheadMsPerBatch: ((pipelined.seconds - inline.seconds) * 1000) / pipelined.batches,
    queueLatencyMsPerBatch: ((latency.seconds - inline.seconds) * 1000) / latency.batches,
    cores: availableParallelism(),
  };
}

function formatResult(result: DistributedBenchResult): string {
  const header = ['configuration', 'batches', 'seconds', 'samples/s', 'x local'];
  const lines = result.rows.map((r) => [
    r.label,
    String(r.batches),
    r.seconds.toFixed(2),
    r.samplesPerSecond.toExponential(2),
    r.ratioToLocal.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [
    `Small mesh study, 2,000,000 samples per random scenario in batches of 50,000; ${result.cores} cores on this machine.`,
    format(header),
    ...lines.map(format),
    `queue overhead per batch (tiny batches, 1 worker, 64 in flight): ${result.queueOverheadMsPerBatch.toFixed(2)} ms`,
    `queue round trip per batch (tiny batches, 1 worker, 2 in flight): ${result.queueLatencyMsPerBatch.toFixed(2)} ms`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatResult(await runDistributedBench()));
}
