// Public API of scenarios/: file formats, validation with located errors, the embedded default model, and
// compilation of studies into engine plans and of runs into result documents.

export { formatDiagnostic, ScenarioError, SILENT_LOGGER, type Diagnostic, type DiagnosticLogger } from './scenario-error.ts';
export { parseSourceDocument, type SourceDocument } from './source-document.ts';
export {
  importTopologyFile,
  isImportedFormat,
  loadInput,
  implicitStudy,
  type LoadedInput,
  type LoadInputOptions,
  type SourceIdentity,
} from './load-input.ts';
export { serializeTopologyYaml, type ServiceOption } from './import/index.ts';
export { DEFAULT_STUDY_PATH, DEFAULT_TOPOLOGY_PATH } from './nafin/index.ts';
export { validateTopology, type TopologyValidation } from './topology/validate-topology.ts';
export { compileModel, indexElements } from './topology/compile-model.ts';
export type { ModelLink, ModelNode, ModelRiskGroup, ModelService, TopologyModel } from './topology/topology-model.ts';
export { TOPOLOGY_FORMAT, topologySchema } from './topology/topology-schema.ts';
export { STUDY_FORMAT, studySchema } from './study/study-schema.ts';
export { isStudyDocument, readTopologyReference, validateStudy, type StudyValidation } from './study/validate-study.ts';
export { buildJsonSchemaFiles } from './schema/index.ts';
export type { StudyModel, StudyScenario } from './study/study-model.ts';
export {
  compilePlan,
  DEFAULT_RUN_OPTIONS,
  hashPlan,
  resolveRunOptions,
  type CompiledStudy,
  type ResolvedRunOptions,
  type RunOptions,
  type ScenarioDescription,
} from './study/compile-plan.ts';
export { buildResultDocument, convergencePrefixes, type RunFacts, type RunTallies } from './result/build-result-document.ts';
export { greatCircleKm } from './geo.ts';
export { parseQuantity, prepareQuantityParser } from './quantity.ts';
export { compileComparison, ComparisonMismatchError, type CompiledComparison } from './compare/compile-comparison.ts';
export { buildComparisonDocument } from './compare/build-comparison-document.ts';
export { analyseCutSets, DEFAULT_RUN_CUT_SET_ORDER, elementIdOf } from './result/cut-set-analysis.ts';
export {
  buildTimeSimulationDocument,
  buildTimeSimulationSection,
  compileTimeSimulation,
  DEFAULT_SIMULATED_YEARS,
  type CompiledTimeSimulation,
} from './result/build-time-simulation.ts';
