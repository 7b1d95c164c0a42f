// neverout's library API: one function per use case, the same ones the CLI calls. A notebook or another tool can
// drive neverout without the command line:
//
//   import { runStudy } from 'neverout';
//   const { document } = await runStudy('my-study.yaml', { samples: 200_000, seed: '7', outDir: 'out' });
//
// Errors: every problem with the inputs, options, output folder, checkpoint or Redis is an InputError (located
// where it can be); an InternalError is a bug and carries the seed and batch for replay.

export { runStudy, type RunStudyOptions } from './run-study.ts';
export { simulateStudy, type SimulateStudyOptions } from './simulate-study.ts';
export { compareStudies, type CompareStudiesOptions } from './compare-studies.ts';
export { findWeakSpots, MAX_CUT_SET_ORDER, type FindWeakSpotsOptions, type WeakSpots } from './find-weak-spots.ts';
export { validateInput, type Validation, type ValidateInputOptions } from './validate-input.ts';
export { importNetwork, type ImportNetworkOptions } from './import-network.ts';
export { DEFAULT_DRILL_DIR, exportDrills, exportGeoJson, exportSchemas, type ExportDrillsOptions } from './export-results.ts';
export { readResultFile } from './result/read-result-file.ts';
export { renderReport, type RenderReportOptions } from './render-report.ts';
export { mergeParts, type MergeOutcome, type MergePartsOptions } from './merge-parts.ts';
export { startWorker, type StartWorkerOptions } from './start-worker.ts';
export { checkMarking, type DistributedOptions, type JobOptions, type JobOutcome } from './internal/execute-job.ts';
export { DEFAULT_OUT_DIR, RESULT_FILE } from './internal/output-folder.ts';
export { analyseCutSets, DEFAULT_RUN_CUT_SET_ORDER } from './result/cut-set-analysis.ts';

// What callers need to read results and handle errors.
export {
  ENGINE_VERSION,
  InputError,
  InternalError,
  InterruptedError,
  isInputError,
  NeveroutError,
  RESULT_VERSION,
  type Comparison,
  type CutSetAnalysis,
  type Interval,
  type ResultDocument,
  type ScenarioResult,
  type ServiceEstimate,
  type TimeCrewResult,
  type TimeScenarioResult,
  type TimeServiceFigures,
  type TimeServiceResult,
} from '../engine/index.ts';
export { ScenarioError, formatDiagnostic, type Diagnostic, type ServiceOption, type TopologyModel } from '../scenarios/index.ts';
export {
  checkQueueName,
  checkThreadCount,
  DEFAULT_KEY_PREFIX,
  DEFAULT_QUEUE_NAME,
  DEFAULT_QUEUE_WORKER_OPTIONS,
  maxThreadCount,
  parseRedisUrl,
  redactRedisUrls,
  type QueueNames,
  type QueueWorker,
  type RedisSettings,
  type RunProgress,
  type ShardSpec,
} from '../workers/index.ts';
