// The one command flow of run, simulate and compare: flags to job options, progress and Ctrl-C, then the printed
// summary (before the report renders) and the exit code. The flow itself is the application layer's.

import type { DistributedOptions, JobOptions, JobOutcome } from '../../app/index.ts';
import type { BudgetFlags, DistributionFlags, ImportFlags, OutputFlags } from './flags.ts';
import { formatComparison, formatTimeSimulation } from './format-job.ts';
import { formatResultSummary } from './format-result.ts';
import { watchInterrupts } from './interrupts.ts';
import { createProgressReporter } from './progress.ts';

/** Every flag a job command may have. */
export type JobFlags = BudgetFlags & OutputFlags & DistributionFlags & ImportFlags;

/** The job kinds, as the CLI names them. */
export type JobCommandKind = 'run' | 'simulate' | 'compare';

/** Redis settings and queue names from the flags (password also from NEVEROUT_REDIS_PASSWORD, never printed). */
export async function resolveDistributedFlags(flags: DistributionFlags): Promise<DistributedOptions | undefined> {
  const app = await import('../../app/index.ts');
  if (flags.redis === undefined) {
    if (flags.redisTlsCa !== undefined || flags.inflight !== undefined) throw new app.InputError('--redis-tls-ca and --inflight need --redis');
    return undefined;
  }
  const password = process.env.NEVEROUT_REDIS_PASSWORD;
  const settings = app.parseRedisUrl(flags.redis, {
    ...(password !== undefined && password !== '' ? { password } : {}),
    ...(flags.redisTlsCa !== undefined ? { tlsCaFile: flags.redisTlsCa } : {}),
  });
  return { settings, names: await resolveQueueFlags(flags), ...(flags.inflight !== undefined ? { inflight: flags.inflight } : {}) };
}

/** Checks --queue and --redis-prefix. */
export async function resolveQueueFlags(flags: Pick<DistributionFlags, 'queue' | 'redisPrefix'>): Promise<{ queue: string; prefix: string }> {
  const app = await import('../../app/index.ts');
  const queue = flags.queue ?? app.DEFAULT_QUEUE_NAME;
  const prefix = flags.redisPrefix ?? app.DEFAULT_KEY_PREFIX;
  const problem = app.checkQueueName('--queue', queue) ?? app.checkQueueName('--redis-prefix', prefix);
  if (problem !== null) throw new app.InputError(problem);
  return { queue, prefix };
}

/** The command line for the manifest, with Redis passwords redacted. */
export async function recordedCommand(name: string): Promise<string[]> {
  const app = await import('../../app/index.ts');
  return [name, ...process.argv.slice(3)].map(app.redactRedisUrls);
}

/** The terminal summary of a job's result. */
function formatOutcome(kind: JobCommandKind, outcome: JobOutcome): string {
  if (kind === 'simulate') return formatTimeSimulation(outcome.document);
  if (kind === 'compare') return formatComparison(outcome.document);
  return formatResultSummary(outcome.document);
}

/**
 * Runs a job command: run, simulate or compare.
 * @param paths the inputs (null: the embedded default study)
 */
export async function runJobCommand(kind: JobCommandKind, paths: readonly (string | null)[], flags: JobFlags): Promise<void> {
  const app = await import('../../app/index.ts');
  if (flags.samples !== undefined && flags.maxSamples !== undefined && flags.samples !== flags.maxSamples) {
    throw new app.InputError('--samples and --max-samples disagree: give one of them');
  }
  const quiet = flags.quiet === true || flags.json === true;
  const warn = (text: string): void => {
    if (!quiet) process.stderr.write(`${text}\n`);
  };
  const distributed = await resolveDistributedFlags(flags);
  const controller = new AbortController();
  const progress = createProgressReporter(!quiet, kind === 'simulate' ? 'years' : 'samples', flags.relError ?? null);
  const samples = flags.samples ?? flags.maxSamples ?? flags.years;
  const batchSize = flags.batchSize ?? flags.yearsPerBatch;
  const options: Omit<JobOptions, 'samples' | 'batchSize'> = {
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.relError !== undefined ? { relativeError: flags.relError } : {}),
    ...(flags.stop !== undefined ? { stop: flags.stop } : {}),
    ...(flags.maxTime !== undefined ? { maxTimeSeconds: flags.maxTime } : {}),
    ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
    ...(flags.out !== undefined ? { outDir: flags.out } : {}),
    ...(flags.marking !== undefined ? { marking: flags.marking } : {}),
    ...(flags.baseline !== undefined ? { baseline: flags.baseline } : {}),
    ...(flags.report === false ? { report: false } : {}),
    ...(flags.png === false ? { png: false } : {}),
    ...(flags.resume === true ? { resume: true } : {}),
    ...(flags.shard !== undefined ? { shard: flags.shard } : {}),
    ...(distributed !== undefined ? { distributed } : {}),
    ...(flags.service !== undefined ? { service: flags.service } : {}),
    ...(flags.links !== undefined ? { linksCsv: flags.links } : {}),
    command: await recordedCommand(kind),
    signal: controller.signal,
    onProgress: (p) => progress.update(p),
    onWarning: (text) => {
      progress.stop();
      warn(text);
    },
    onResult: (outcome) => {
      progress.stop();
      if (flags.json === true) return;
      const shard =
        flags.shard !== undefined ? ` (shard ${flags.shard.index}/${flags.shard.count}: combine all shards with \`neverout merge\`)` : '';
      process.stdout.write(`${formatOutcome(kind, outcome)}\n\nwrote ${outcome.resultPath}${shard}\n`);
    },
    onReportStart: () => {
      if (!quiet) progress.note('rendering the report ...');
    },
  };
  const dispose = watchInterrupts(() => {
    progress.stop();
    warn('interrupted: finishing the batches in progress and writing a partial result (Ctrl-C again to abort)');
    controller.abort();
  });
  let outcome: JobOutcome;
  try {
    const [first, second] = paths;
    const budget = { ...(samples !== undefined ? { samples } : {}), ...(batchSize !== undefined ? { batchSize } : {}) };
    if (kind === 'simulate') {
      outcome = await app.simulateStudy(first, {
        ...options,
        ...(samples !== undefined ? { years: samples } : {}),
        ...(batchSize !== undefined ? { yearsPerBatch: batchSize } : {}),
      });
    } else if (kind === 'compare') outcome = await app.compareStudies(first, second ?? null, { ...options, ...budget });
    else outcome = await app.runStudy(first, { ...options, ...budget });
  } finally {
    progress.stop();
    dispose();
  }
  if (flags.json === true) process.stdout.write(`${JSON.stringify(outcome.document, null, 2)}\n`);
  else if (outcome.report !== null) process.stdout.write(`wrote the report: ${outcome.outDir}/report.html\n`);
  if (outcome.interrupted) process.exitCode = 130;
}
