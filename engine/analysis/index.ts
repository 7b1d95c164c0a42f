// Public API of engine/analysis: exhaustive N-k analysis (minimal cut sets, single points of failure), exact
// weighted cuts by max-flow, and sabotage planning. Pure functions over a CompiledModel.

export {
  createServiceScratch,
  fullServiceLevel,
  isServiceDown,
  measureServiceLevel,
  type ServiceScratch,
} from './service-state.ts';
export {
  DEFAULT_MINIMAL_CUT_SET_OPTIONS,
  findMinimalCutSets,
  findSinglePointsOfFailure,
  resolveMinimalCutSetOptions,
  type CutSet,
  type MinimalCutSetOptions,
  type MinimalCutSetResult,
  type ResolvedMinimalCutSetOptions,
} from './minimal-cut-sets.ts';
