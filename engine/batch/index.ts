// Public API of engine/batch: the one batch protocol every runner, checkpoint and Redis worker speaks, for every
// kind of batch (static estimators, time simulation, paired comparison).

export { BATCH_KINDS, type BatchKind, type BatchPlan, type BatchResultOf, type BatchTask, type KeyedBatchResult, type PlanBatchResult } from './batch-plan.ts';
export { BATCH_KIND_DEFINITIONS, type BatchKindDefinition, type PlanOf, type PreparedPlanData } from './batch-kinds.ts';
export {
  adoptPreparedPlanData,
  batchSampleCount,
  checkBatchAgainstPlan,
  checkTaskAgainstPlan,
  countPlanServices,
  decideScenarioStop,
  exportPreparedPlanData,
  isDeterministicScenario,
  listPlanScenarioIds,
  listSkippedServices,
  planBatchSize,
  planBatchTask,
  plannedBatchCount,
  planSeed,
  planStopping,
  runPlanBatch,
  scenarioSampleBudget,
  type ServiceStop,
  type StopDecision,
} from './batch-protocol.ts';
