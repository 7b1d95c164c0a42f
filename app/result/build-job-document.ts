// The result document of any job, from its merged batches: one entry point that hands a run to the builder of its
// job kind (run: static estimates; simulate: time figures; compare: paired differences, of samples or of years).

import type {
  BatchResult,
  PairedBatchResult,
  PairedTimeBatchResult,
  PlanBatchResult,
  ResultDocument,
  ScenarioTally,
  ServiceStop,
  StopReason,
  TimeBatchResult,
  TimeServiceFigures,
} from '../../engine/index.ts';
import type { CompiledJob } from '../../scenarios/index.ts';
import { buildComparisonDocument } from './build-comparison-document.ts';
import { buildResultDocument, type RunFacts } from './build-result-document.ts';
import { buildTimeComparisonDocument } from './build-time-comparison-document.ts';
import { buildTimeSimulationDocument } from './build-time-document.ts';

/** What every job's document is built from: per scenario its merged batches, counted prefix and stop reason. */
export interface JobTallies {
  readonly tallies: readonly ScenarioTally<PlanBatchResult>[];
  readonly countedBatches: readonly number[];
  readonly stopReasons: readonly StopReason[];
  /** Under the verdict rule (static runs), each service's own stop per scenario. */
  readonly serviceStops?: readonly (readonly ServiceStop[] | null)[];
  readonly interrupted: boolean;
}

/** A job's document, and (simulate) the time figures of its first scenario for the terminal. */
export interface JobDocument {
  readonly document: ResultDocument;
  readonly timeFigures: readonly TimeServiceFigures[] | null;
}

/**
 * Builds the result document of a job. The tallies hold batches of the job's batch kind (the runner ran its plan),
 * which is what the casts below state.
 */
export function buildJobDocument(job: CompiledJob, run: JobTallies, facts: RunFacts): JobDocument {
  const rest = { countedBatches: run.countedBatches, stopReasons: run.stopReasons, interrupted: run.interrupted };
  if (job.batchPlan.kind === 'time') {
    const tallies = run.tallies as readonly ScenarioTally<TimeBatchResult>[];
    const { document, figures } = buildTimeSimulationDocument(job.batchPlan.plan, job.study, { tallies, ...rest }, facts);
    return { document, timeFigures: figures };
  }
  if (job.batchPlan.kind === 'paired' && job.comparison !== null) {
    const tallies = run.tallies as readonly ScenarioTally<PairedBatchResult>[];
    return { document: buildComparisonDocument(job.comparison, { tallies, ...rest }, facts), timeFigures: null };
  }
  if (job.batchPlan.kind === 'paired-time' && job.timeComparison !== null) {
    const tallies = run.tallies as readonly ScenarioTally<PairedTimeBatchResult>[];
    return { document: buildTimeComparisonDocument(job.timeComparison, { tallies, ...rest }, facts), timeFigures: null };
  }
  const tallies = run.tallies as readonly ScenarioTally<BatchResult>[];
  const serviceStops = run.serviceStops === undefined ? {} : { serviceStops: run.serviceStops };
  return { document: buildResultDocument(job.study, { tallies, ...rest, ...serviceStops }, facts), timeFigures: null };
}
