// `neverout worker --redis URL`: a long-running process that computes batches of distributed runs (run, simulate
// and compare) on its local thread pool; Ctrl-C (or SIGTERM) lets running batches finish and exits.

import { Command, InvalidArgumentError } from 'commander';
import { parsePositiveInteger, type DistributionFlags } from '../internal/flags.ts';
import { watchInterrupts } from '../internal/interrupts.ts';
import { resolveQueueFlags } from '../internal/job-command.ts';

interface WorkerFlags extends Pick<DistributionFlags, 'queue' | 'redisPrefix'> {
  redis: string;
  redisTlsCa?: string;
  concurrency?: number;
  lockDuration?: number;
  stalledInterval?: number;
  quiet?: boolean;
}

function parseMilliseconds(flag: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 500)
      throw new InvalidArgumentError(`${flag} must be a whole number of milliseconds >= 500, got "${value}"`);
    return n;
  };
}

/** Creates the `worker` command. */
export function createWorkerCommand(): Command {
  return new Command('worker')
    .description('compute batches of distributed runs (run, simulate, compare with --redis) on this machine until stopped')
    .requiredOption('--redis <url>', 'Redis of the coordinator (redis://host:6379, rediss:// for TLS; password also from NEVEROUT_REDIS_PASSWORD)')
    .option('--redis-tls-ca <file>', 'PEM CA certificate(s) to trust for rediss://')
    .option('--concurrency <n>', 'batches at once, one per worker thread (default: one per core)', parsePositiveInteger('--concurrency'))
    .option('--queue <name>', 'BullMQ queue name, as given to the coordinator (default: neverout)')
    .option('--redis-prefix <prefix>', 'Redis key prefix, as given to the coordinator (default: neverout)')
    .option('--lock-duration <ms>', 'a batch whose worker stops renewing its lock this long is given to another worker (default 30000)', parseMilliseconds('--lock-duration'))
    .option('--stalled-interval <ms>', 'how often to look for batches of dead workers (default 30000)', parseMilliseconds('--stalled-interval'))
    .option('--quiet', 'no notices')
    .action(async (flags: WorkerFlags) => {
      const app = await import('../../app/index.ts');
      if (flags.concurrency !== undefined) app.checkThreadCount(flags.concurrency, '--concurrency');
      const password = process.env.NEVEROUT_REDIS_PASSWORD;
      const settings = app.parseRedisUrl(flags.redis, {
        ...(password !== undefined && password !== '' ? { password } : {}),
        ...(flags.redisTlsCa !== undefined ? { tlsCaFile: flags.redisTlsCa } : {}),
      });
      const names = await resolveQueueFlags(flags);
      const log = (text: string): void => {
        if (flags.quiet !== true) process.stderr.write(`${new Date().toISOString()} ${text}\n`);
      };
      const worker = await app.startWorker(settings, names, {
        ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
        ...(flags.lockDuration !== undefined ? { lockDurationMs: flags.lockDuration } : {}),
        ...(flags.stalledInterval !== undefined ? { stalledIntervalMs: flags.stalledInterval } : {}),
        log,
      });
      log(`worker ${worker.name} (engine ${app.ENGINE_VERSION}) ready: queue "${names.queue}" at ${settings.display}, ${worker.concurrency} thread(s)`);
      let dispose = (): void => undefined;
      await new Promise<void>((resolve) => {
        dispose = watchInterrupts(() => {
          log('stopping: finishing the batches in progress (again to abort)');
          void worker.close().then(resolve, resolve);
        });
      });
      dispose();
      log(`worker ${worker.name} stopped after ${worker.completedBatches} batches`);
    });
}
