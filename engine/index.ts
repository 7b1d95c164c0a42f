// Public API of the engine: pure computation over compiled models (no I/O, threads, clock or Math.random).

export { buildCsrTopology, listCsrLinks, type CsrTopology } from './topology/csr-topology.ts';
export type {
  AttackPlan,
  CompiledModel,
  CompiledScenario,
  CompiledService,
  ConnectedService,
  CrewModel,
  LayerModel,
  ReachService,
  RiskGroupModel,
  SimulationPlan,
  StoppingRule,
  TimeModel,
  VerdictRule,
  TopologyIndex,
} from './model.ts';
export {
  BUDGET_SAMPLES_PER_RARE_EVENT_SAMPLE,
  DEFAULT_IMPORTANCE_SAMPLES_PER_BATCH,
  IMPORTANCE_SAMPLE_BUDGET,
  DEFAULT_RARE_EVENT_SAMPLES_PER_BATCH,
  linkElement,
  rareEventSamplesForBatch,
  type ServiceEstimatorKind,
} from './model.ts';
export {
  createBatchStream,
  createBatchStreamPair,
  createNamedStream,
  deriveBatchSeed,
  type BatchStreamPair,
  type UniformSource,
} from './sampling/random-stream.ts';
export { createSampleScratch, sampleScenarioState, type SampleScratch } from './sampling/failure-sampler.ts';
export { buildLayerModel, expandLayerState, isLogicalLinkCut, listLogicalLinkCuts, type LogicalLinkCut } from './sampling/layer-expansion.ts';
export {
  countServedEndpoints,
  countServiceEndpoints,
  createEvaluationScratch,
  labelComponents,
  labelTopologyComponents,
  type EvaluationScratch,
} from './evaluation/service-evaluator.ts';
export { runBatch, BatchFailure, type BatchOptions, type CrudeSampler } from './run-batch.ts';
export {
  SKIPPED_CRUDE_TALLY,
  type BatchResult,
  type CrudeServiceTally,
  type ServiceTally,
  type WeightedServiceTally,
} from './estimation/batch-result.ts';
export {
  clopperPearsonInterval,
  meanInterval,
  normalQuantile,
  wilsonInterval,
  Z_95,
  type EstimateInterval,
} from './estimation/confidence-interval.ts';
export {
  countVerdictLooksBefore,
  decideVerdict,
  estimateUnavailabilityInterval,
  VERDICT_ALPHA,
  VERDICT_LOOK_RATIO,
  VERDICT_SPENDING_EXPONENT,
  verdictLookAlpha,
  verdictLookIndex,
  type Verdict,
} from './estimation/sequential-verdict.ts';
export * from './compare/index.ts';
export {
  addBatch,
  aggregateServices,
  aggregateServicesIncrementally,
  hasBatch,
  BatchConflictError,
  countContiguousBatches,
  createScenarioTally,
  mergeScenarioTallies,
  type ScenarioTally,
  type ServiceAggregate,
} from './estimation/study-tally.ts';
export { countNines, estimateServiceFigures, MAX_NINES, MINUTES_PER_YEAR, type ServiceFigures } from './estimation/estimate.ts';
export * from './batch/index.ts';
export { describePathErrorCode, InputError, InternalError, InterruptedError, isInputError, NeveroutError } from './errors.ts';
export { describeJsonValue, describeSchemaIssue } from './schema-words.ts';
export * from './result/result-document.ts';
export { ENGINE_VERSION } from './version.ts';
export * from './services/index.ts';
export {
  createEmptyImportanceSums,
  estimateImportance,
  mergeImportanceSums,
  type ImportanceSums,
} from './importance/index.ts';
export * from './time/index.ts';
export * from './analysis/index.ts';
export * from './exact/index.ts';
export * from './rare/index.ts';
export { approximateFirstOrderUnavailability, canUseEstimator, LAYERED_MODEL_REASON, MAX_PILOT_SAMPLES, MIN_EXPECTED_EVENTS_WITHOUT_TARGET, PILOT_SAMPLES, PILOT_SEED, MIN_SIZED_SAMPLES_PER_BATCH, selectServiceEstimation, selectServiceEstimators, STRATIFIED_SIZING_MARGIN, type RareEventSizing, type ServiceEstimation } from './estimation/select-estimators.ts';
