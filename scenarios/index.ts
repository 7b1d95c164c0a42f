// Public API of scenarios/: file formats, loading with located errors (from files or from a plan spec's captured
// texts), the embedded default model, and compilation of jobs (run, simulate, compare) into engine batch plans.

export { formatDiagnostic, ScenarioError, SILENT_LOGGER, type Diagnostic, type DiagnosticLogger } from './scenario-error.ts';
export { parseSourceDocument, type SourceDocument } from './source-document.ts';
export {
  importTopologyFile,
  isImportedFormat,
  loadInput,
  implicitStudy,
  EMBEDDED_STUDY_KEY,
  EMBEDDED_TOPOLOGY_KEY,
  type InputRequest,
  type LoadedInput,
  type LoadInputOptions,
  type SourceIdentity,
} from './input/load-input.ts';
export {
  captureFile,
  createCapturedReader,
  createCapturingReader,
  createFileReader,
  decodeInputText,
  MAX_INPUT_FILE_BYTES,
  type CapturedFile,
  type InputReader,
} from './input/input-reader.ts';
export { serializeTopologyYaml, type ServiceOption } from './import/index.ts';
export { DEFAULT_STUDY_PATH, DEFAULT_TOPOLOGY_PATH } from './nafin/index.ts';
export { validateTopology, type TopologyValidation } from './topology/validate-topology.ts';
export { compileModel, indexElements } from './topology/compile-model.ts';
export type { ModelCrew, ModelLink, ModelNode, ModelRecovery, ModelRiskGroup, ModelService, TopologyModel } from './topology/topology-model.ts';
export { listServiceNodeIds, TOPOLOGY_SERVICE_KINDS } from './topology/services/topology-service-kinds.ts';
export { TOPOLOGY_FORMAT, topologySchema } from './topology/topology-schema.ts';
export { STUDY_FORMAT, studySchema } from './study/study-schema.ts';
export { isStudyDocument, readTopologyReference, validateStudy, type StudyValidation } from './study/validate-study.ts';
export { buildJsonSchemaFiles } from './schema/index.ts';
export type { ForcedEvents, StudyModel, StudyScenario, StudySimulation } from './study/study-model.ts';
export {
  compilePlan,
  compileStudyModel,
  DEFAULT_RUN_OPTIONS,
  hashBatchPlan,
  resolveRunOptions,
  type CompiledStudy,
  type CompiledStudyModel,
  type ResolvedRunOptions,
  type RunOptions,
  type ScenarioDescription,
} from './study/compile-plan.ts';
export {
  compileTimeComparison,
  compileTimeSimulation,
  DEFAULT_SIMULATED_YEARS,
  isTimeComparison,
  type CompiledTimeComparison,
  type CompiledTimeSimulation,
} from './study/compile-time-plan.ts';
export { checkSeed, MAX_SEED_LENGTH, SEED_RULE } from './study/seed.ts';
export { compileComparison, ComparisonMismatchError, type CompiledComparison } from './compare/compile-comparison.ts';
export {
  BATCH_KIND_OF_JOB,
  compileJob,
  INPUT_COUNT_OF_JOB,
  JOB_KINDS,
  resolveJobOptions,
  type CompiledJob,
  type JobKind,
} from './job/compile-job.ts';
export {
  compilePlanSpec,
  createPlanSpec,
  InvalidPlanSpecError,
  MAX_PLAN_SPEC_CHARS,
  parsePlanSpec,
  parsePlanSpecText,
  PLAN_SPEC_FORMAT,
  PlanHashMismatchError,
  type InputSpec,
  type PlanSpec,
} from './spec/plan-spec.ts';
export { greatCircleKm } from './geo.ts';
export { parseQuantity, prepareQuantityParser } from './quantity.ts';
