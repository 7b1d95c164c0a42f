// `neverout worker --redis URL`: a long-running process that computes batches of distributed runs on its local
// thread pool. It validates and compiles every study it is sent itself; Ctrl-C (or SIGTERM) lets running
// batches finish and exits.

import { Command } from 'commander';
import { ENGINE_VERSION } from '../../engine/index.ts';
import {
  DEFAULT_KEY_PREFIX,
  DEFAULT_QUEUE_NAME,
  DEFAULT_QUEUE_WORKER_OPTIONS,
  RedisUnreachableError,
  startQueueWorker,
} from '../../workers/distributed/index.ts';
import { CliUsageError, parsePositiveInteger } from '../internal/cli-errors.ts';
import { resolveQueueNames, resolveRedisFlag } from './run.ts';

interface WorkerFlags {
  redis: string;
  redisTlsCa?: string;
  concurrency?: number;
  queue: string;
  redisPrefix: string;
  lockDuration?: number;
  stalledInterval?: number;
  quiet?: boolean;
}

function parseMilliseconds(flag: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 500)
      throw new CliUsageError(`${flag} must be a whole number of milliseconds >= 500, got "${value}"`);
    return n;
  };
}

export const workerCommand = new Command('worker')
  .description('compute batches of distributed runs (`neverout run --redis`) on this machine until stopped')
  .requiredOption(
    '--redis <url>',
    'Redis of the coordinator (redis://host:6379, rediss:// for TLS; password also from NEVEROUT_REDIS_PASSWORD)',
  )
  .option('--redis-tls-ca <file>', 'PEM CA certificate(s) to trust for rediss://')
  .option(
    '--concurrency <n>',
    'batches at once, one per worker thread (default: one per core)',
    parsePositiveInteger('--concurrency'),
  )
  .option('--queue <name>', 'BullMQ queue name (as given to run)', DEFAULT_QUEUE_NAME)
  .option('--redis-prefix <prefix>', 'Redis key prefix (as given to run)', DEFAULT_KEY_PREFIX)
  .option(
    '--lock-duration <ms>',
    `a batch whose worker stops renewing its lock this long is given to another worker (default ${DEFAULT_QUEUE_WORKER_OPTIONS.lockDurationMs})`,
    parseMilliseconds('--lock-duration'),
  )
  .option(
    '--stalled-interval <ms>',
    `how often to look for batches of dead workers (default ${DEFAULT_QUEUE_WORKER_OPTIONS.stalledIntervalMs})`,
    parseMilliseconds('--stalled-interval'),
  )
  .option('--quiet', 'no notices')
  .action(async (flags: WorkerFlags) => {
    const settings = resolveRedisFlag(flags.redis, flags.redisTlsCa);
    const names = resolveQueueNames(flags.queue, flags.redisPrefix);
    const log = (text: string): void => {
      if (flags.quiet !== true) process.stderr.write(`${new Date().toISOString()} ${text}\n`);
    };
    let worker;
    try {
      worker = await startQueueWorker(settings, names, {
        ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
        ...(flags.lockDuration !== undefined ? { lockDurationMs: flags.lockDuration } : {}),
        ...(flags.stalledInterval !== undefined ? { stalledIntervalMs: flags.stalledInterval } : {}),
        log,
      });
    } catch (error) {
      if (error instanceof RedisUnreachableError) throw new CliUsageError(error.message);
      throw error;
    }
    log(
      `worker ${worker.name} (engine ${ENGINE_VERSION}) ready: queue "${names.queue}" at ${settings.display}, ${worker.concurrency} thread(s)`,
    );
    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = (): void => {
        if (stopping) process.exit(130);
        stopping = true;
        log('stopping: finishing the batches in progress (again to abort)');
        void worker.close().then(resolve, resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    log(`worker ${worker.name} stopped after ${worker.completedBatches} batches`);
  });
