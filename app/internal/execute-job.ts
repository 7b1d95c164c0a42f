// The one flow every batch-running command takes (run, simulate, compare), whatever the job kind: check the
// options and the output folder, load and compile the inputs, then run the plan's batches on the local pool or on
// Redis workers, with checkpoint, resume and shards, and write the result document and the report.
//
//   check options, output folder ──> loadInput ──> compileJob ──> plan spec ──> [--resume: batches.jsonl (+ Redis)]
//     ──> runPlan (inline | pool | queue) ──onBatch──> batches.jsonl
//     ──> buildJobDocument ──> result.json ──onResult──> report

import { join } from 'node:path';
import {
  createScenarioTally,
  ENGINE_VERSION,
  InputError,
  type PlanBatchResult,
  type ResultDocument,
  type ScenarioTally,
  type TimeServiceFigures,
} from '../../engine/index.ts';
import { buildReport, checkReportFolder, MAX_MARKING_LENGTH, type ReportResult } from '../../reports/index.ts';
import { readResultFile } from '../result/read-result-file.ts';
import {
  checkSeed,
  compileJob,
  createPlanSpec,
  formatDiagnostic,
  INPUT_COUNT_OF_JOB,
  loadInput,
  MAX_PLAN_SPEC_CHARS,
  resolveJobOptions,
  type CompiledJob,
  type DiagnosticLogger,
  type JobKind,
  type LoadedInput,
  type RunOptions,
  type ServiceOption,
} from '../../scenarios/index.ts';
import {
  CHECKPOINT_FILE,
  CHECKPOINT_FORMAT,
  checkCheckpointBatches,
  CheckpointError,
  checkThreadCount,
  isInShard,
  createLocalExecutor,
  defaultThreadCount,
  openCheckpointWriter,
  openQueueExecutor,
  readCheckpoint,
  runPlan,
  type BatchExecutor,
  type Checkpoint,
  type CheckpointWriter,
  type QueueExecutor,
  type QueueNames,
  type RedisSettings,
  type RunProgress,
  type ShardSpec,
  type StudyRun,
} from '../../workers/index.ts';
import { buildJobDocument, type JobTallies } from '../result/build-job-document.ts';
import { describeCrewSaturation } from '../result/build-time-document.ts';
import type { RunFacts } from '../result/build-result-document.ts';
import { DEFAULT_OUT_DIR, prepareOutputFolder, writeResultDocument } from './output-folder.ts';

/** Where and how to run batches on BullMQ workers. */
export interface DistributedOptions {
  readonly settings: RedisSettings;
  readonly names: QueueNames;
  /** Batches queued or running at once, >= 2. */
  readonly inflight?: number;
  /** Milliseconds before an overdue batch's job is checked (re-enqueued when lost). */
  readonly recheckAfterMs?: number;
}

/** Options of a job run; every field optional. The same options, with the same meaning, for every job kind. */
export interface JobOptions extends RunOptions {
  /** Worker threads; 0 runs on the calling thread. Default: one per core. Not with `distributed`. */
  workers?: number;
  /** Output folder; default DEFAULT_OUT_DIR. */
  outDir?: string;
  /** Marking line (a classification) for the manifest and every report page, chart and table. */
  marking?: string;
  /** Continue from OUT/batches.jsonl (and, distributed, the results stored in Redis). */
  resume?: boolean;
  /** Run only the batches with batchIndex % count === index (a fixed sample budget); no report. */
  shard?: ShardSpec;
  /** Run batches on BullMQ workers instead of the local pool. */
  distributed?: DistributedOptions;
  /** Write the report after result.json; default true (never for a shard). */
  report?: boolean;
  /** Also write PNG charts; default true. */
  png?: boolean;
  /** An earlier result.json: the report says what changed since. Read before any sampling. */
  baseline?: string;
  /** For imported formats (GML, GraphML, CSV): the service to create instead of all-terminal. */
  service?: ServiceOption;
  /** For a CSV import: the links table. */
  linksCsv?: string;
  /** The command line for the manifest (passwords already redacted). */
  command?: readonly string[];
  /** Stops dispatching batches; the run ends with a partial result (stop reason "interrupted"). */
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Warnings (input diagnostics, notes, distributed notices); default none. */
  onWarning?: (text: string) => void;
  /** Called once result.json is written, before the report renders (long reports render after the summary). */
  onResult?: (outcome: JobOutcome) => void;
  /** Called when the report starts rendering. */
  onReportStart?: () => void;
}

/** What a job run produced. */
export interface JobOutcome {
  readonly job: CompiledJob;
  readonly run: StudyRun;
  readonly document: ResultDocument;
  /** Time figures of the first scenario (simulate), else null. */
  readonly timeFigures: readonly TimeServiceFigures[] | null;
  readonly outDir: string;
  readonly resultPath: string;
  readonly checkpointPath: string | null;
  /** Batches taken from a checkpoint or Redis instead of being computed. */
  readonly resumedBatches: number;
  /** Worker threads (or connected Redis workers) that computed batches. */
  readonly workers: number;
  readonly interrupted: boolean;
  /** The report written, or null (disabled, a shard). Filled after onResult. */
  readonly report: ReportResult | null;
}

/** Checks a marking line (one non-blank line of at most MAX_MARKING_LENGTH characters); returns it trimmed. */
export function checkMarking(marking: string, what = '--marking'): string {
  if (marking.trim() === '' || /[\r\n]/.test(marking) || marking.length > MAX_MARKING_LENGTH) {
    throw new InputError(`${what} must be one non-blank line of at most ${MAX_MARKING_LENGTH} characters`);
  }
  return marking.trim();
}

/** Checks the options that do not need the inputs, before anything is read or written. */
function checkJobOptions(options: JobOptions): void {
  if (options.seed !== undefined) {
    const problem = checkSeed(options.seed);
    if (problem !== null) throw new InputError(`--seed ${problem}`);
  }
  if (options.marking !== undefined) checkMarking(options.marking);
  if (options.workers !== undefined) checkThreadCount(options.workers, '--workers');
  if (options.distributed !== undefined && options.workers !== undefined) {
    throw new InputError('--workers has no effect with --redis: set --concurrency on each `neverout worker`');
  }
  if (options.baseline !== undefined && (options.report === false || options.shard !== undefined)) {
    throw new InputError('--baseline is what the report compares with: it has no effect with --no-report or --shard (drop one of them)');
  }
  if (options.stop === 'samples' && options.relativeError !== undefined) {
    throw new InputError('--rel-error has no effect with --stop samples, which runs the fixed budget (drop one of them)');
  }
  if (options.shard !== undefined && options.relativeError !== undefined) {
    throw new InputError('--rel-error cannot be combined with --shard: shards run a fixed sample budget (use --samples)');
  }
  if (options.shard !== undefined && options.stop !== undefined && options.stop !== 'samples') {
    throw new InputError(`--stop ${options.stop} cannot be combined with --shard: shards run a fixed sample budget (use --samples)`);
  }
}

/**
 * The logger of a job's input diagnostics: passes each distinct one on once. The two inputs of a comparison often
 * share a file (both studies name one topology, or base and plan are the same file), whose warnings would otherwise
 * be printed once per input.
 */
export function createInputLogger(warn: (text: string) => void): DiagnosticLogger {
  const passed = new Set<string>();
  return (d) => {
    const text = formatDiagnostic(d);
    if (passed.has(text)) return;
    passed.add(text);
    warn(text);
  };
}

/** Loads the inputs of a job, passing warnings on. */
export async function loadJobInputs(
  kind: JobKind,
  paths: readonly (string | null)[],
  options: Pick<JobOptions, 'onWarning' | 'service' | 'linksCsv'>,
): Promise<LoadedInput[]> {
  if (paths.length !== INPUT_COUNT_OF_JOB[kind]) throw new RangeError(`${kind} takes ${INPUT_COUNT_OF_JOB[kind]} input(s)`);
  const logger = createInputLogger(options.onWarning ?? (() => undefined));
  const inputs: LoadedInput[] = [];
  for (const path of paths) {
    inputs.push(
      await loadInput(path, {
        logger,
        ...(options.service !== undefined ? { service: options.service } : {}),
        ...(options.linksCsv !== undefined ? { linksCsv: options.linksCsv } : {}),
      }),
    );
  }
  return inputs;
}

/** The manifest facts of a job's inputs (compare: the plan side, with the base's topology). */
export function inputFacts(job: CompiledJob): Pick<RunFacts, 'topologySource' | 'studySource' | 'baseSource'> {
  const main = job.inputs[job.inputs.length - 1];
  return {
    topologySource: main.topologySource,
    studySource: main.studySource,
    ...(job.inputs.length > 1 ? { baseSource: job.inputs[0].topologySource } : {}),
  };
}

/** How a run was started as to shards, for messages: `with --shard 0/2`, `without --shard`. */
function describeShardFlag(shard: ShardSpec | null): string {
  return shard === null ? 'without --shard' : `with --shard ${shard.index}/${shard.count}`;
}

async function readResumeCheckpoint(
  path: string,
  job: CompiledJob,
  required: boolean,
  shard: ShardSpec | null,
): Promise<Checkpoint | null> {
  let checkpoint: Checkpoint;
  try {
    checkpoint = await readCheckpoint(path);
  } catch (error) {
    if (error instanceof CheckpointError && error.message.includes('no such file')) {
      if (!required) return null;
      throw new CheckpointError(`--resume: ${error.message} (nothing to resume in this output folder)`);
    }
    if (error instanceof CheckpointError) throw new CheckpointError(`--resume: ${error.message}`);
    throw error;
  }
  const header = checkpoint.header;
  if (header.planSha256 !== job.planSha256) {
    const engine =
      header.engineVersion !== ENGINE_VERSION ? ` (it was made by engine ${header.engineVersion}, this is ${ENGINE_VERSION})` : '';
    throw new CheckpointError(
      `--resume: ${path} belongs to another plan${engine}: plan ${header.planSha256.slice(0, 12)}…, these inputs compile to ` +
        `${job.planSha256.slice(0, 12)}…; resume with the same command, inputs, seed, samples and batch size as the interrupted run`,
    );
  }
  // A resume continues the interrupted run. Another shard (or none) would take the checkpoint's batches of other
  // shards into its result and label them with its own shard, and leave the header naming the first run's.
  const previous = header.shard;
  if (previous?.index !== shard?.index || previous?.count !== shard?.count) {
    throw new CheckpointError(
      `--resume${shard === null ? '' : ` --shard ${shard.index}/${shard.count}`}: ${path} holds the batches of a run ` +
        `${describeShardFlag(previous)}: a resume continues that run with its flags (resume ${describeShardFlag(previous)}), ` +
        (shard === null ? 'or combine the shards with `neverout merge`' : `or run shard ${shard.index}/${shard.count} into another output folder (--out)`),
    );
  }
  try {
    checkCheckpointBatches(path, checkpoint, job.batchPlan, shard);
  } catch (error) {
    if (error instanceof CheckpointError) throw new CheckpointError(`--resume: ${error.message}`, { cause: error });
    throw error;
  }
  return checkpoint;
}

/** Renumbers a shard's batches 0..k-1 so its partial result.json estimates from the samples it has. */
function shardView(run: StudyRun): JobTallies {
  const tallies = run.tallies.map((tally) => {
    const view: ScenarioTally<PlanBatchResult> = createScenarioTally(tally.scenarioIndex);
    tally.batches.forEach((b, k) => view.batches.push({ ...b, batchIndex: k }));
    return view;
  });
  return { tallies, countedBatches: tallies.map((t) => t.batches.length), stopReasons: run.stopReasons, interrupted: run.interrupted };
}

/**
 * Runs a job (see the file header) and writes result.json (and the report) into the output folder.
 * @param paths the job's inputs (compare: base, plan); null is the embedded default study
 * @throws InputError (exit 2) for every problem with the inputs, options, output folder, checkpoint or Redis
 */
export async function executeJob(kind: JobKind, paths: readonly (string | null)[], options: JobOptions = {}): Promise<JobOutcome> {
  const warn = options.onWarning ?? (() => undefined);
  checkJobOptions(options);
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  await prepareOutputFolder(outDir);
  const withReport = options.report !== false && options.shard === undefined;
  if (withReport) await checkReportFolder(outDir);
  // Read the baseline first, so a bad file stops the job before any sampling.
  const baseline = withReport && options.baseline !== undefined ? await readResultFile(options.baseline) : undefined;
  const inputs = await loadJobInputs(kind, paths, options);
  // A shard runs a fixed budget: without --stop it does not take run's default verdict rule.
  const stop = options.stop ?? (options.shard !== undefined ? 'samples' : undefined);
  const job = compileJob(kind, inputs, resolveJobOptions(kind, inputs, { ...options, ...(stop !== undefined ? { stop } : {}) }));
  if (options.shard !== undefined && job.options.relativeError !== null) {
    throw new InputError(
      '--shard runs a fixed sample budget: a relative-error stopping rule (--rel-error or relativeError in the study) ' +
        'must be decided over all batches in order, so it cannot be split into shards; set --samples instead',
    );
  }
  job.notes.forEach(warn);
  const checkpointPath = join(outDir, CHECKPOINT_FILE);

  let specText: string | null = JSON.stringify(createPlanSpec(job));
  if (specText.length > MAX_PLAN_SPEC_CHARS) {
    if (options.distributed !== undefined || options.shard !== undefined || options.resume === true) {
      throw new InputError(
        `the inputs are larger than ${MAX_PLAN_SPEC_CHARS} characters: too large for checkpoints and distributed runs`,
      );
    }
    warn(`the inputs are too large for a checkpoint; ${checkpointPath} is not written and this run cannot be resumed`);
    specText = null;
  }

  const resumeFrom =
    options.resume === true
      ? await readResumeCheckpoint(checkpointPath, job, options.distributed === undefined, options.shard ?? null)
      : null;
  const existing = new Map<string, PlanBatchResult>();
  for (const b of resumeFrom?.batches ?? []) existing.set(`${b.scenarioIndex}:${b.batchIndex}`, b);

  const threads = options.workers ?? defaultThreadCount();
  let queue: QueueExecutor | null = null;
  let executor: BatchExecutor;
  if (options.distributed !== undefined && specText !== null) {
    const d = options.distributed;
    queue = await openQueueExecutor(
      d.settings,
      d.names,
      { planSha256: job.planSha256, specText, plan: job.batchPlan },
      {
        ...(d.inflight !== undefined ? { inflight: d.inflight } : {}),
        ...(d.recheckAfterMs !== undefined ? { recheckAfterMs: d.recheckAfterMs } : {}),
        warn,
      },
    );
    executor = queue;
  } else {
    executor = await createLocalExecutor(job.batchPlan, threads);
  }

  let writer: CheckpointWriter | null = null;
  let run: StudyRun;
  let workers = Math.max(1, threads);
  let completed = false;
  try {
    if (queue !== null) {
      if (options.resume === true) {
        // Shards of one plan share its results in Redis: a shard takes only its own batches.
        const ownShard = options.shard;
        for (const b of await queue.loadStoredResults()) {
          if (ownShard === undefined || isInShard(ownShard, b.batchIndex)) existing.set(`${b.scenarioIndex}:${b.batchIndex}`, b);
        }
      }
      if ((await queue.countWorkers()) === 0) {
        warn(
          `no worker is connected to queue "${options.distributed?.names.queue ?? ''}" at ${options.distributed?.settings.display ?? ''} yet: ` +
            `batches wait in the queue until one starts (neverout worker --redis ${options.distributed?.settings.display ?? ''})`,
        );
      }
    }
    if (specText !== null) {
      writer = openCheckpointWriter(
        checkpointPath,
        {
          format: CHECKPOINT_FORMAT,
          planSha256: job.planSha256,
          engineVersion: ENGINE_VERSION,
          kind: job.batchPlan.kind,
          shard: options.shard ?? null,
          spec: JSON.parse(specText) as unknown,
        },
        resumeFrom !== null ? { resume: resumeFrom } : {},
      );
    }
    const shard = options.shard;
    const activeWriter = writer;
    run = await runPlan(job.batchPlan, executor, {
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
      ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
      ...(activeWriter !== null ? { onBatch: (b: PlanBatchResult) => activeWriter.append(b) } : {}),
      existing: [...existing.values()],
      ...(shard !== undefined ? { includeBatch: (_s: number, b: number) => isInShard(shard, b) } : {}),
    });
    if (queue !== null) {
      workers = Math.max(1, await queue.countWorkers());
      if (queue.requeued > 0) warn(`${queue.requeued} batches were enqueued again after a lost or failed job`);
    }
    completed = !run.interrupted;
  } finally {
    writer?.close();
    // A finished or failed plan leaves nothing in Redis (result.json and batches.jsonl hold what counts); an
    // interrupted one keeps its results until their time to live ends, for --resume. Shards share the plan.
    if (queue !== null && options.shard === undefined && (completed || !(options.signal?.aborted ?? false))) {
      await queue.discardPlan().catch(() => warn('could not remove the plan from Redis; it expires by itself'));
    }
    await executor.close();
  }

  const facts: RunFacts = {
    command: options.command ?? [],
    workers,
    createdAt: new Date(),
    shard: options.shard ?? null,
    marking: options.marking === undefined ? null : checkMarking(options.marking),
    ...inputFacts(job),
  };
  const built = buildJobDocument(job, options.shard !== undefined ? shardView(run) : run, facts);
  for (const overload of describeCrewSaturation(built.document)) warn(overload);
  const resultPath = await writeResultDocument(outDir, built.document);
  const outcome: JobOutcome = {
    job,
    run,
    document: built.document,
    timeFigures: built.timeFigures,
    outDir,
    resultPath,
    checkpointPath: specText !== null ? checkpointPath : null,
    resumedBatches: existing.size,
    workers,
    interrupted: run.interrupted,
    report: null,
  };
  options.onResult?.(outcome);
  if (!withReport) return outcome;
  options.onReportStart?.();
  const report = await buildReport(built.document, {
    outDir,
    ...(baseline !== undefined ? { baseline } : {}),
    ...(options.png !== undefined ? { png: options.png } : {}),
    onWarning: (w) => warn(`report: ${w}`),
  });
  return { ...outcome, report };
}
