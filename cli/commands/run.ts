// `neverout run [FILE]`: runs a study or topology (default: the embedded illustrative NAFIN study), prints
// the availability tables and writes result.json and the batches.jsonl checkpoint into the output folder.
// Distributed (--redis), sharded (--shard i/N) and resumed (--resume) runs take the same path.

import { join } from 'node:path';
import { Command, Option } from 'commander';
import { buildReport, readResultDocument } from '../../reports/index.ts';
import {
  checkQueueName,
  DEFAULT_KEY_PREFIX,
  DEFAULT_QUEUE_NAME,
  parseRedisUrl,
  redactRedisUrls,
  RedisUrlError,
} from '../../workers/distributed/index.ts';
import {
  parseDurationSeconds,
  parseNumberBetween,
  parsePositiveInteger,
  CliUsageError,
} from '../internal/cli-errors.ts';
import { DEFAULT_OUT_DIR, executeRun, type DistributedOptions } from '../internal/execute-run.ts';
import { formatResultSummary } from '../internal/format-result.ts';

interface RunFlags {
  samples?: number;
  maxSamples?: number;
  seed?: string;
  workers?: number;
  batchSize?: number;
  relError?: number;
  maxTime?: number;
  out: string;
  json?: boolean;
  baseline?: string;
  report?: boolean;
  quiet?: boolean;
  marking?: string;
  resume?: boolean;
  shard?: { index: number; count: number };
  redis?: string;
  redisTlsCa?: string;
  queue: string;
  redisPrefix: string;
  inflight?: number;
}

function parseWorkers(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new CliUsageError(`--workers must be a non-negative integer (0 runs on the main thread), got "${value}"`);
  return n;
}

/** Parses `i/N` with 0 <= i < N. */
export function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = match === null ? NaN : Number(match[1]);
  const count = match === null ? NaN : Number(match[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index >= count) {
    throw new CliUsageError(`--shard must be i/N with 0 <= i < N (e.g. 0/4), got "${value}"`);
  }
  return { index, count };
}

function parseInflight(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 2) throw new CliUsageError(`--inflight must be an integer >= 2, got "${value}"`);
  return n;
}

/** Redis settings from --redis, --redis-tls-ca and NEVEROUT_REDIS_PASSWORD; messages never show the password. */
export function resolveRedisFlag(url: string, tlsCaFile: string | undefined): ReturnType<typeof parseRedisUrl> {
  const password = process.env.NEVEROUT_REDIS_PASSWORD;
  try {
    return parseRedisUrl(url, {
      ...(password !== undefined && password !== '' ? { password } : {}),
      ...(tlsCaFile !== undefined ? { tlsCaFile } : {}),
    });
  } catch (error) {
    if (error instanceof RedisUrlError) throw new CliUsageError(error.message);
    throw error;
  }
}

/** Checks --queue and --redis-prefix. */
export function resolveQueueNames(queue: string, prefix: string): { queue: string; prefix: string } {
  const problem = checkQueueName('--queue', queue) ?? checkQueueName('--redis-prefix', prefix);
  if (problem !== null) throw new CliUsageError(problem);
  return { queue, prefix };
}

export const runCommand = new Command('run')
  .description(
    'estimate the availability of every service under every scenario (default: the embedded illustrative NAFIN study)',
  )
  .argument('[file]', 'study or topology file (YAML or JSON)')
  .option('--samples <n>', 'samples per scenario (maximum with --rel-error)', parsePositiveInteger('--samples'))
  .option(
    '--max-samples <n>',
    'upper bound on samples per scenario (same as --samples)',
    parsePositiveInteger('--max-samples'),
  )
  .option('--seed <seed>', 'study seed (text or number); same seed, same numbers')
  .option('--workers <n>', 'worker threads (default: one per core; 0: main thread)', parseWorkers)
  .option('--batch-size <n>', 'samples per batch', parsePositiveInteger('--batch-size'))
  .option(
    '--rel-error <r>',
    'stop when every 95% CI half-width is below r times the unavailability',
    parseNumberBetween('--rel-error', 0, 1),
  )
  .option('--max-time <duration>', 'wall-clock budget (e.g. 90s, 15m, 2h)', parseDurationSeconds('--max-time'))
  .option('--out <dir>', 'output folder', DEFAULT_OUT_DIR)
  .option('--json', 'print the result document as JSON instead of tables')
  .option('--quiet', 'no progress bar or warnings')
  .addOption(new Option('--marking <text>', 'marking line for report pages (e.g. a classification)'))
  .option('--baseline <result.json>', 'a previous result: the report says what changed since')
  .option('--no-report', 'write result.json only, no charts or report')
  .option(
    '--resume',
    'continue an interrupted run from OUT/batches.jsonl (and, with --redis, the results stored in Redis)',
  )
  .option(
    '--shard <i/N>',
    'run only batches with index % N == i (fixed sample budget); combine the parts with `neverout merge`',
    parseShard,
  )
  .option(
    '--redis <url>',
    'run the batches on `neverout worker` processes through Redis (redis://host:6379, rediss:// for TLS; password also from NEVEROUT_REDIS_PASSWORD)',
  )
  .option('--redis-tls-ca <file>', 'PEM CA certificate(s) to trust for rediss://')
  .option('--queue <name>', 'BullMQ queue name (workers must use the same)', DEFAULT_QUEUE_NAME)
  .option('--redis-prefix <prefix>', 'Redis key prefix (workers must use the same)', DEFAULT_KEY_PREFIX)
  .option('--inflight <n>', 'with --redis: batches queued or running at once (default 64)', parseInflight)
  .action(async (file: string | undefined, flags: RunFlags) => {
    if (flags.samples !== undefined && flags.maxSamples !== undefined && flags.samples !== flags.maxSamples) {
      throw new CliUsageError('--samples and --max-samples disagree: give one of them');
    }
    if (flags.shard !== undefined && flags.relError !== undefined) {
      throw new CliUsageError(
        '--rel-error cannot be combined with --shard: shards run a fixed sample budget (use --samples)',
      );
    }
    if (flags.redis === undefined && (flags.redisTlsCa !== undefined || flags.inflight !== undefined)) {
      throw new CliUsageError('--redis-tls-ca and --inflight need --redis');
    }
    if (flags.redis !== undefined && flags.workers !== undefined) {
      throw new CliUsageError('--workers has no effect with --redis: set --concurrency on each `neverout worker`');
    }
    let distributed: DistributedOptions | undefined;
    if (flags.redis !== undefined) {
      distributed = {
        settings: resolveRedisFlag(flags.redis, flags.redisTlsCa),
        names: resolveQueueNames(flags.queue, flags.redisPrefix),
        ...(flags.inflight !== undefined ? { inflight: flags.inflight } : {}),
      };
    }
    // Read the baseline first, so a bad file stops the run before any sampling.
    const withReport = flags.report !== false && flags.shard === undefined;
    const baseline = withReport && flags.baseline !== undefined ? await readResultDocument(flags.baseline) : undefined;
    const samples = flags.samples ?? flags.maxSamples;
    const executed = await executeRun(file ?? null, {
      ...(samples !== undefined ? { samples } : {}),
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
      ...(flags.batchSize !== undefined ? { batchSize: flags.batchSize } : {}),
      ...(flags.relError !== undefined ? { relativeError: flags.relError } : {}),
      ...(flags.maxTime !== undefined ? { maxTimeSeconds: flags.maxTime } : {}),
      ...(flags.marking !== undefined ? { marking: flags.marking } : {}),
      ...(flags.resume === true ? { resume: true } : {}),
      ...(flags.shard !== undefined ? { shard: flags.shard } : {}),
      ...(distributed !== undefined ? { distributed } : {}),
      outDir: flags.out,
      quiet: flags.quiet === true || flags.json === true,
      command: ['run', ...process.argv.slice(3)].map(redactRedisUrls),
    });
    // A shard's own estimates are partial: its report waits for `neverout merge`.
    if (withReport) {
      await buildReport(executed.document, {
        outDir: flags.out,
        ...(baseline !== undefined ? { baseline } : {}),
        ...(flags.quiet === true || flags.json === true ? {} : { onWarning: (w: string) => process.stderr.write(`report: ${w}\n`) }),
      });
    }
    if (flags.json === true) process.stdout.write(`${JSON.stringify(executed.document, null, 2)}\n`);
    else {
      const shardNote =
        flags.shard !== undefined
          ? ` (shard ${flags.shard.index}/${flags.shard.count}: combine all shards with \`neverout merge\`)`
          : '';
      const reportNote = withReport ? ` and the report (${join(flags.out, 'report.html')})` : '';
      process.stdout.write(`${formatResultSummary(executed.document)}\n\nwrote ${executed.resultPath}${reportNote}${shardNote}\n`);
    }
    if (executed.run.interrupted) process.exitCode = 130;
  });
