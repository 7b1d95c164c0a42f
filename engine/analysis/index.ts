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
  findAllMinimalCutSets,
  findMinimalCutSets,
  findSinglePointsOfFailure,
  resolveMinimalCutSetOptions,
  type CutSet,
  type MinimalCutSetOptions,
  type MinimalCutSetResult,
  type ResolvedMinimalCutSetOptions,
} from './minimal-cut-sets.ts';
export {
  computeMaxFlow,
  createFlowNetwork,
  DEFAULT_MAX_FLOW_COMPUTATIONS,
  findMinElementCut,
  findMinServiceCut,
  type ElementCut,
  type FlowNetwork,
  type MaxFlowResult,
} from './max-flow.ts';
export { computeElementBetweenness, type BetweennessOptions } from './betweenness.ts';
export {
  DEFAULT_SEARCH_NODE_LIMIT,
  planAttack,
  type AttackBudget,
  type AttackStrategy,
  type AttackTargets,
  type PlanAttackOptions,
  type PlannedAttack,
} from './sabotage.ts';
// Building blocks shared with engine/importance (critical-state sampling): one DFS that finds every element
// whose extra failure takes a service down, services restated as reach from one source, and relevance pruning.
export { createExtensionScanScratch, scanCriticalExtensions, type ExtensionScanScratch } from './internal/extension-scan.ts';
export { toReachForm, type ReachForm } from './internal/reach-form.ts';
export { createRelevanceScratch, markRelevantElements, type RelevanceScratch } from './internal/relevance.ts';
export { dependsOnLayers, viewWithoutLayers } from './internal/layer-view.ts';
