// Public API of the rare-event estimators: permutation Monte Carlo (Lomonosov's turnip) for independent node and
// link failures, stratified over risk-group events ('conditional-pmc'), PMC-based importance measures, and
// stratified sampling by the number of failure events ('stratified': every static kind, layered models).

export {
  runPmcSamples,
  resolvePmcEstimatorName,
  toWeightedServiceTally,
  type PmcEstimatorName,
  type PmcSampleSums,
} from './run-pmc-samples.ts';
export {
  BACKGROUND_ATOM_PROBABILITY,
  STRATIFIED_ESTIMATOR,
  adoptStratifiedPlans,
  buildStratifiedPlan,
  createStratifiedScratch,
  drawStratifiedState,
  explainStratifiedUnsupported,
  exportStratifiedPlans,
  getStratifiedPlan,
  runStratifiedSamples,
  toStratifiedServiceTally,
  type BackgroundChoice,
  type StratifiedPlan,
  type StratifiedSampleSums,
  type StratifiedScratch,
} from './stratified-sampling.ts';
export { createPmcScratch, type PmcScratch } from './pmc-scratch.ts';
export {
  DEFAULT_PMC_OPTIONS,
  resolvePmcOptions,
  type PmcOptions,
  type ResolvedPmcOptions,
} from './internal/pmc-plan.ts';
export { computeHypoexponentialSurvival } from './hypoexponential-survival.ts';
export {
  estimatePmcImportance,
  mergePmcImportanceSums,
  runPmcImportanceSamples,
  IMPORTANCE_STRIDE,
  IMPORTANCE_SUM_BASE_DOWN,
  IMPORTANCE_SUM_BASE_UP,
  IMPORTANCE_SUM_DOWN,
  IMPORTANCE_SUM_DOWN_SQUARES,
  IMPORTANCE_SUM_DOWN_UP,
  IMPORTANCE_SUM_UP,
  IMPORTANCE_SUM_UP_SQUARES,
  type EstimatedInterval,
  type PmcImportanceEstimate,
  type PmcImportanceSums,
} from './pmc-importance.ts';
