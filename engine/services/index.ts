// Public API of engine/services: the service kinds, each declared once (schema-free: the compiled form, its
// evaluation, its restatements for the fast path, exact methods, rare-event estimators and analysis).

export {
  isReachExact,
  isServiceKind,
  resolveServiceKinds,
  serviceKindOf,
  SERVICE_KIND_NAMES,
  SERVICE_KINDS,
  supportsEstimator,
  type CapacityService,
  type CompiledService,
  type ConnectedService,
  type LatencyService,
  type ProtectedService,
  type ReachService,
  type ServiceKind,
  type ServiceOfKind,
  type TrafficService,
} from './service-kinds.ts';
export type {
  BitParallelForm,
  FrontierRoles,
  FrontierTagRules,
  ReachCriterion,
  ReachForm,
  ServiceEstimatorKind,
  ServiceKindDefinition,
  SharedEvaluation,
} from './service-kind.ts';
export { createComponentSearchScratch, nextSearchStamp, type ComponentSearchScratch } from './component-search.ts';
export { CAPACITY_SERVED_UNITS, computeCarriedFlow, estimateDemandServed } from './capacity-service.ts';
export { countDisjointPaths } from './protected-service.ts';
export {
  estimateTrafficServed,
  measureTrafficServed,
  TRAFFIC_SERVED_UNITS,
  type TrafficMatrix,
} from './traffic-service.ts';
export {
  computeDisjointPathsFromEach,
  computeSurvivingDelays,
  computeSurvivingFlow,
  markTwoEdgeConnected,
  type FlowRequest,
} from './internal/traffic-network.ts';
