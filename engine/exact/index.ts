// Public API of the exact methods: exact service unavailability (frontier DP with risk-group conditioning),
// a brute-force enumerator used as a test oracle, and exact importance measures.

export {
  computeExactUnavailability,
  createExactSolver,
  resolveExactOptions,
  DEFAULT_EXACT_OPTIONS,
  type ExactMethod,
  type ExactOptions,
  type ExactResult,
  type ExactSolver,
  type ResolvedExactOptions,
} from './exact-unavailability.ts';
export { enumerateUnavailability, DEFAULT_MAX_UNCERTAIN, type EnumerationOptions } from './enumerate-unavailability.ts';
export {
  applyGroupEvents,
  computeBirthRate,
  computeMarginalFailureProbability,
  resolveElementFailureModel,
  FORCED_DOWN,
  FORCED_NONE,
  FORCED_UP,
  type ElementFailureModel,
  type FailureModelOptions,
} from './element-failure-model.ts';
export { computeExactImportance, type ExactImportanceOptions } from './exact-importance.ts';
export { computeImportanceMeasures, type ImportanceMeasures } from './importance-measures.ts';
